import { badRequest, HttpError } from './errors.ts';

/** A strong validator: the resource's version, quoted. GET answers only these. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The version an If-Match header names; missing is 428, malformed is 400. A weak validator (`W/"3"`)
 * is 412: If-Match compares strongly (RFC 9110 §13.1.1), so a weak one never matches, and a write
 * needs the exact version that was read.
 */
export function ifMatchVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw new HttpError(428, 'Precondition Required', 'send If-Match with the ETag you read');
  const value = ifMatch.trim();
  if (/^W\//i.test(value))
    throw new HttpError(
      412,
      'Precondition Failed',
      `If-Match must be a strong ETag such as "3", not the weak validator ${value.slice(0, 40)}: a write needs the exact version you read (RFC 9110 §13.1.1)`,
      { errors: [{ path: 'header:If-Match', message: 'a weak validator (W/"…") never matches a write' }] },
    );
  const m = /^"(\d{1,15})"$/.exec(value);
  if (!m)
    throw badRequest('invalid If-Match', [
      { path: 'header:If-Match', message: 'expected an ETag, e.g. "3"' },
    ]);
  return Number(m[1]);
}

/** A stale version: 412, nothing written. */
export const preconditionFailed = (current: number, sent: number) =>
  new HttpError(
    412,
    'Precondition Failed',
    `the resource is at version ${current}, not ${sent}; read it again`,
  );
