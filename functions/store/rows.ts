import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';

/** Attributes that place a row in the table and its indexes: never part of the item a store returns. */
const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'] as const;

/**
 * The one row mapper: a row without its key attributes (and the store's own bookkeeping `hidden`, e.g.
 * a sweep lock) is the item its store wrote. The table is written only by the stores in this folder, each
 * with its own item type, so the row is that type; anything read from outside the process (an uploaded or
 * normalised document, a request body) is parsed with a schema instead.
 */
export function rowMapper<T>(...hidden: string[]): (row: Record<string, unknown>) => T {
  const strip = new Set<string>([...KEY_ATTRIBUTES, ...hidden]);
  return (row) => {
    const item: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!strip.has(k)) item[k] = v;
    // The one place a stored row becomes its store's type (see above).
    return item as T;
  };
}

type UpdateParts = Required<
  Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>
> &
  Pick<UpdateCommandInput, 'ConditionExpression'>;

/**
 * The one update builder: `SET #f0 = :f0, …` for each field (undefined is written as null) and the
 * version. With `expectedVersion` the write is conditional on it (0: the item must not exist yet) and
 * sets `expectedVersion + 1`; without, it increments whatever version is there.
 */
export function setFields(
  fields: Record<string, unknown>,
  opts: { expectedVersion?: number } = {},
): UpdateParts {
  const names = Object.keys(fields);
  const sets = names.map((_, i) => `#f${i} = :f${i}`);
  const values: Record<string, unknown> = Object.fromEntries(
    names.map((n, i) => [`:f${i}`, fields[n] ?? null]),
  );
  const { expectedVersion } = opts;
  if (expectedVersion === undefined) {
    sets.push('version = version + :one');
    values[':one'] = 1;
  } else {
    sets.push('version = :next');
    values[':next'] = expectedVersion + 1;
    if (expectedVersion > 0) values[':expected'] = expectedVersion;
  }
  return {
    UpdateExpression: `SET ${sets.join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
    ExpressionAttributeValues: values,
    ...(expectedVersion === undefined
      ? {}
      : { ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :expected' }),
  };
}

/** A conditional write's condition did not hold (DynamoDB's ConditionalCheckFailedException). */
export const isConditionFailure = (e: unknown): boolean =>
  e instanceof Error && e.name === 'ConditionalCheckFailedException';

/**
 * Run a conditional write: true when it landed, false when its condition did not hold (another writer
 * won, or the item is not in the state the write expects); any other failure is thrown.
 */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}
