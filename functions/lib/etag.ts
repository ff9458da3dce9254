import { badRequest, HttpError } from './errors.ts';

export const etagOf = (version: number) => `"${version}"`;

/** The version an If-Match header names; missing is 428, malformed is 400. */
export function ifMatchVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw new HttpError(428, 'Precondition Required', 'send If-Match with the ETag you read');
  const m = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
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
