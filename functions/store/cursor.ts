import { badRequest } from '../lib/errors.ts';
import { tableDefinition } from './table-definition.ts';

/** An opaque page cursor: the query's LastEvaluatedKey. */
export const encodeCursor = (lastKey: Record<string, unknown> | undefined): string | null =>
  lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;

/** DynamoDB's own limit on a sort key (a partition key may be 2048): no key we write is near either. */
const MAX_KEY_CHARS = 1024;

/** The attributes of a LastEvaluatedKey of a Query whose partition attribute is `field`: the table's keys, plus the index's. */
function keyAttributesFor(field: string): string[] {
  const table = [tableDefinition.partitionKey, tableDefinition.sortKey];
  if (field === tableDefinition.partitionKey) return table;
  const index = tableDefinition.globalSecondaryIndexes.find((i) => i.partitionKey === field);
  if (!index) throw new Error(`${field} is the partition key of no index of the table`);
  return [...table, index.partitionKey, index.sortKey];
}

/**
 * Read a cursor back; it must be one this list returned: exactly the key attributes of the list's
 * table or index, each a non-empty string of a sane length, in the same partition (`field` equal
 * to `partition`, the table key in the same organisation), and — where the Query has a sort-key
 * condition — a sort key inside it (`sortKeyOk`). Anything else is a 400 naming `query:cursor`,
 * never a DynamoDB ValidationException, and never a reach into another organisation.
 */
export function decodeCursor(
  cursor: string | undefined,
  field: string,
  partition: string,
  sortKeyOk: (sortKey: string) => boolean = () => true,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const attributes = keyAttributesFor(field);
  const sortAttribute = attributes.at(-1) ?? tableDefinition.sortKey;
  const orgPrefix = /^ORG#[^#]+#/.exec(partition)?.[0];
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (typeof key === 'object' && key !== null && !Array.isArray(key)) {
    const entries = Object.entries(key);
    const values = new Map(entries);
    const ok =
      entries.length === attributes.length &&
      attributes.every((a) => {
        const v = values.get(a);
        return typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_CHARS;
      }) &&
      values.get(field) === partition &&
      (orgPrefix === undefined || String(values.get(tableDefinition.partitionKey)).startsWith(orgPrefix)) &&
      sortKeyOk(String(values.get(sortAttribute)));
    if (ok) return Object.fromEntries(attributes.map((a) => [a, String(values.get(a))]));
  }
  throw badRequest('invalid cursor', [
    { path: 'query:cursor', message: 'not a cursor returned by this list' },
  ]);
}
