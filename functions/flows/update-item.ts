import { fieldChanges } from '../domain/audit.ts';
import {
  applyChange,
  auditAction,
  evidenceToAttach,
  type ItemChange,
  reviseEvidence,
  TRACKED_WORK_FIELDS,
  type TrackedWork,
} from '../domain/checklist/review.ts';
import type { Caller } from '../lib/auth.ts';
import { notFound } from '../lib/errors.ts';
import { preconditionFailed } from '../lib/etag.ts';
import type { AuditedUpdate } from '../store/audit.ts';
import { type ChecklistItem, getItem, updateItemAudited } from '../store/checklist.ts';
import { evidenceByIds } from '../store/evidence.ts';

/**
 * Change one checklist item as its editor (PATCH /tenders/{id}/checklist/{itemId}, and each row of a
 * re-imported compliance matrix): the caller's roles decide what may change (domain/checklist/review.ts),
 * the answer is checked against the requirement, a stale version is 412 and nothing is written, and
 * the change and its audit entry land in one transaction. Returns the item as it now is.
 */
export async function updateItem(
  table: string,
  caller: Caller,
  ref: { tenderId: string; itemId: string; version: number },
  change: ItemChange,
  now: Date,
): Promise<ChecklistItem> {
  const { updated, affectsDeadline } = await changeItem(table, caller, ref, change, now);
  // Moved deadlines' alerts go to the outbox; the sweep delivers them (never inside this request).
  // The scheduling (working calendars, public holidays: ~0.5 MB) loads on the first such change, not
  // at every cold start of the PATCH and matrix re-import handlers.
  if (affectsDeadline) {
    const { scheduleTender } = await import('./schedule.ts');
    await scheduleTender(table, caller.org, ref.tenderId, now.toISOString());
  }
  return updated;
}

/**
 * The change itself (updateItem without the deadline recompute): `alongside` items land in the same
 * transaction; `affectsDeadline` says the tender's deadlines must be counted again (a matrix upload does
 * it once at the end, not per row).
 */
export async function changeItem(
  table: string,
  caller: Caller,
  ref: { tenderId: string; itemId: string; version: number },
  change: ItemChange,
  now: Date,
  alongside?: AuditedUpdate['alongside'],
): Promise<{ updated: ChecklistItem; affectsDeadline: boolean }> {
  const { tenderId, itemId, version } = ref;
  const item = await getItem(table, caller.org, tenderId, itemId);
  if (!item || item.archived) throw notFound(`no checklist item ${itemId} in tender ${tenderId}`);
  if (item.version !== version) throw preconditionFailed(item.version, version);

  const { next: work, override } = applyChange(item, item, change, caller.roles);
  const library = await evidenceByIds(table, caller.org, evidenceToAttach(item, change.evidence));
  const next: TrackedWork = {
    ...work,
    evidence: reviseEvidence(item, change.evidence, library, { roles: caller.roles, override }),
  };
  const { changed, fields, before, after } = fieldChanges<TrackedWork>(item, next, TRACKED_WORK_FIELDS);
  if (changed.length === 0) return { updated: item, affectsDeadline: false };
  const at = now.toISOString();
  await updateItemAudited(
    table,
    caller.org,
    tenderId,
    itemId,
    version,
    fields,
    {
      entity: `item:${itemId}`,
      actor: caller.user,
      at,
      action: auditAction(change, override),
      before,
      after,
    },
    alongside,
  );
  const updated = { ...item, ...fields, version: version + 1, updatedAt: at };
  // An item's due date is one of the tender's deadlines (and answering it meets it): keep them in step.
  // Only items that have (or had) a due date touch the deadlines; recomputing reads the whole tender.
  const affectsDeadline = changed.includes('dueAt') || (changed.includes('status') && updated.dueAt !== null);
  return { updated, affectsDeadline };
}
