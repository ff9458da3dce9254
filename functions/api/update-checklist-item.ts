import { fieldChanges } from '../domain/audit.ts';
import {
  applyChange,
  auditAction,
  evidenceToAttach,
  reviseEvidence,
  TRACKED_WORK_FIELDS,
  type TrackedWork,
} from '../domain/checklist/review.ts';
import { scheduleTender } from '../flows/schedule.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getItem, updateItemAudited } from '../store/checklist.ts';
import { evidenceByIds } from '../store/evidence.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.updateChecklistItem.env);

/**
 * PATCH /tenders/{id}/checklist/{itemId} with If-Match: answer (typed, checked against the
 * requirement), assign, review. A stale ETag is 412 and nothing is written; every change is audited
 * in the same transaction.
 */
export const handler = httpHandler(schemas.updateChecklistItem, async (req, input) => {
  const version = input.version;
  const change = input.body;
  const [tenderId, itemId] = [input.path.id, input.path.itemId];
  const item = await getItem(env.TABLE_NAME, req.caller.org, tenderId, itemId);
  if (!item || item.archived) throw notFound(`no checklist item ${itemId} in tender ${tenderId}`);
  if (item.version !== version) throw preconditionFailed(item.version, version);

  const { next: work, override } = applyChange(item, item, change, req.caller.roles);
  const library = await evidenceByIds(
    env.TABLE_NAME,
    req.caller.org,
    evidenceToAttach(item, change.evidence),
  );
  const next: TrackedWork = {
    ...work,
    evidence: reviseEvidence(item, change.evidence, library, { roles: req.caller.roles, override }),
  };
  const { changed, fields, before, after } = fieldChanges<TrackedWork>(item, next, TRACKED_WORK_FIELDS);
  if (changed.length === 0) return json(200, item, { etag: etagOf(item.version) });
  const at = systemClock.now().toISOString();
  await updateItemAudited(env.TABLE_NAME, req.caller.org, tenderId, itemId, version, fields, {
    entity: `item:${itemId}`,
    actor: req.caller.user,
    at,
    action: auditAction(change, override),
    before,
    after,
  });
  const updated = { ...item, ...fields, version: version + 1, updatedAt: at };
  // An item's due date is one of the tender's deadlines (and answering it meets it): keep them in step.
  // Only items that have (or had) a due date touch the deadlines; recomputing reads the whole tender.
  const affectsDeadline = changed.includes('dueAt') || (changed.includes('status') && updated.dueAt !== null);
  // Moved deadlines' alerts go to the outbox; the sweep delivers them (never inside this request).
  if (affectsDeadline) await scheduleTender(env.TABLE_NAME, req.caller.org, tenderId, at);
  return json(200, updated, { etag: etagOf(updated.version) });
});
