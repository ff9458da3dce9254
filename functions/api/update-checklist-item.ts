import { applyChange, type ItemWork } from '../domain/checklist/review.ts';
import { scheduleTender } from '../flows/schedule.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound, StateConflictError } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { type ChecklistItem, getItem, updateItemAudited } from '../store/checklist.ts';
import { evidenceByIds } from '../store/evidence.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.updateChecklistItem.env);

type Tracked = ItemWork & Pick<ChecklistItem, 'evidence'>;

const WORK_FIELDS: (keyof Tracked)[] = [
  'evidence',
  'status',
  'owner',
  'dueAt',
  'answer',
  'compliant',
  'nonComplianceReason',
  'notApplicable',
  'justification',
  'lastComment',
];

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
  const next: Tracked = {
    ...work,
    evidence: await nextEvidence(
      item,
      change.evidence,
      req.caller.org,
      override || req.caller.roles.some((r) => r === 'bid-manager' || r === 'admin'),
    ),
  };
  const changed = WORK_FIELDS.filter(
    (f) => JSON.stringify(next[f] ?? null) !== JSON.stringify(item[f] ?? null),
  );
  if (changed.length === 0) return json(200, item, { etag: etagOf(item.version) });
  const at = systemClock.now().toISOString();
  const fields = Object.fromEntries(changed.map((f) => [f, next[f]])) as Partial<Tracked>;
  await updateItemAudited(env.TABLE_NAME, req.caller.org, tenderId, itemId, version, fields, {
    entity: `item:${itemId}`,
    actor: req.caller.user,
    at,
    action: override
      ? 'override'
      : change.status
        ? `status:${change.status}`
        : change.answer
          ? 'answer'
          : 'update',
    before: Object.fromEntries(changed.map((f) => [f, item[f] ?? null])),
    after: fields,
  });
  const updated = { ...item, ...fields, version: version + 1, updatedAt: at };
  // An item's due date is one of the tender's deadlines (and answering it meets it): keep them in step.
  // Only items that have (or had) a due date touch the deadlines; recomputing reads the whole tender.
  const affectsDeadline = changed.includes('dueAt') || (changed.includes('status') && updated.dueAt !== null);
  // Moved deadlines' alerts go to the outbox; the sweep delivers them (never inside this request).
  if (affectsDeadline) await scheduleTender(env.TABLE_NAME, req.caller.org, tenderId, at);
  return json(200, updated, { etag: etagOf(updated.version) });
});

/**
 * The item's evidence after attaching and detaching: only the organisation's own, uploaded
 * evidence can be attached (a snapshot of its title, type and validity is kept on the item).
 */
async function nextEvidence(
  item: ChecklistItem,
  change: { attach?: string[]; detach?: string[] } | undefined,
  org: string,
  manager: boolean,
): Promise<ChecklistItem['evidence']> {
  if (!change) return item.evidence;
  if (item.status === 'approved' && !manager)
    throw new StateConflictError(
      'the item is approved; a bid manager must reopen it before its evidence changes',
    );
  const detach = new Set(change.detach ?? []);
  const kept = item.evidence.filter((e) => !detach.has(e.evidenceId));
  const attach = (change.attach ?? []).filter((id) => !kept.some((e) => e.evidenceId === id));
  const found = await evidenceByIds(env.TABLE_NAME, org, attach);
  const problems = attach.flatMap((id, i) => {
    const e = found.get(id);
    if (!e) return [{ path: `evidence.attach[${i}]`, message: `no evidence ${id} in this organisation` }];
    if (e.status !== 'available')
      return [{ path: `evidence.attach[${i}]`, message: `evidence ${id} is not uploaded yet` }];
    return [];
  });
  if (problems.length) throw badRequest('cannot attach that evidence', problems);
  return [
    ...kept,
    ...attach.map((id) => {
      const e = found.get(id) as NonNullable<ReturnType<typeof found.get>>;
      return { evidenceId: id, title: e.title, type: e.type, validUntil: e.validUntil };
    }),
  ];
}
