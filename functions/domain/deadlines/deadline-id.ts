import { createHash } from 'node:crypto';
import type { DeadlineKind, DeadlineSource } from './types.ts';

/**
 * A deadline's id: a hash of tender, kind, lot, source type and source ref — never of the due instant, so
 * recomputing after an input changes updates the same deadline (and its reminders) instead of adding one.
 */
export function deadlineId(
  tenderId: string | null,
  kind: DeadlineKind,
  lotId: string | null,
  source: Pick<DeadlineSource, 'type' | 'ref'>,
): string {
  const key = JSON.stringify([tenderId, kind, lotId, source.type, source.ref]);
  return `dl_${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}
