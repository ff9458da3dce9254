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
