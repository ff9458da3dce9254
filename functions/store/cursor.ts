import { badRequest } from '../lib/errors.ts';

/** An opaque page cursor: the query's LastEvaluatedKey. */
export const encodeCursor = (lastKey: Record<string, unknown> | undefined): string | null =>
  lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : null;

/**
 * Read a cursor back; it must be one this list returned — a key (all string values) in the same
 * partition (`field` equal to `partition`), so a cursor never reaches into another organisation.
 */
export function decodeCursor(
  cursor: string | undefined,
  field: string,
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof key === 'object' &&
      key !== null &&
      !Array.isArray(key) &&
      (key as Record<string, unknown>)[field] === partition &&
      Object.values(key).every((v) => typeof v === 'string')
    ) {
      return key as Record<string, string>;
    }
  } catch {
    // not base64url JSON: fall through
  }
  throw badRequest('invalid cursor', [
    { path: 'query:cursor', message: 'not a cursor returned by this list' },
  ]);
}
