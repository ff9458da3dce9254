import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Sortable unique id (ULID) for new entities, audit entries and executions. */
export const newId = (): string => next();

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/**
 * A tender's id is derived from its OCDS ocid, so importing the same ocid again (an amendment,
 * a retry) always lands on the same tender without a lookup. Keys are org-scoped, so the same
 * ocid in two organisations never collides.
 */
export const tenderIdFor = (ocid: string): string => `t-${sha256Hex(ocid).slice(0, 24)}`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id (26 Crockford base-32 characters, as entity ids are) derived from a seed: the same
 * seed always gives the same id, so an entity one workflow makes for another (the pilot of a request)
 * is found again by its key, and nothing made by hand, with a random ULID, can ever have it.
 */
export const idFrom = (seed: string): string => {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += CROCKFORD[(digest[i] ?? 0) & 31];
  return out;
};
