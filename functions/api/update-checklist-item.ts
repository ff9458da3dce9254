import { applyChange, type ItemWork } from '../domain/checklist/review.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, HttpError, notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { parseOr400 } from '../lib/validate.ts';
import { functions } from '../registry.ts';
import { getItem, updateItemAudited } from '../store/checklist.ts';
import { ItemPatch } from './checklist-schemas.ts';

const env = loadEnv(functions.updateChecklistItem.env);

const WORK_FIELDS: (keyof ItemWork)[] = [
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

const etagOf = (version: number) => `"${version}"`;

function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch)
    throw new HttpError(428, 'Precondition Required', 'send If-Match with the item ETag you read');
  const m = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
  if (!m)
    throw badRequest('invalid If-Match', [
      { path: 'header:If-Match', message: 'expected the item ETag, e.g. "3"' },
    ]);
  return Number(m[1]);
}

/**
 * PATCH /tenders/{id}/checklist/{itemId} with If-Match: answer (typed, checked against the
 * requirement), assign, review. A stale ETag is 412 and nothing is written; every change is audited
 * in the same transaction.
 */
export const handler = httpHandler('updateChecklistItem', async (req) => {
  const version = expectedVersion(req.header('if-match'));
  const change = parseOr400(ItemPatch, req.json(), 'body');
  const [tenderId, itemId] = [req.path('id'), req.path('itemId')];
  const item = await getItem(env.TABLE_NAME, req.caller.org, tenderId, itemId);
  if (!item || item.archived) throw notFound(`no checklist item ${itemId} in tender ${tenderId}`);
  if (item.version !== version)
    throw new HttpError(
      412,
      'Precondition Failed',
      `the item is at version ${item.version}, not ${version}; read it again`,
    );

  const { next, override } = applyChange(item, item, change, req.caller.roles);
  const changed = WORK_FIELDS.filter(
    (f) => JSON.stringify(next[f] ?? null) !== JSON.stringify(item[f] ?? null),
  );
  if (changed.length === 0) return json(200, item, { etag: etagOf(item.version) });
  const at = systemClock.now().toISOString();
  const fields = Object.fromEntries(changed.map((f) => [f, next[f]])) as Partial<ItemWork>;
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
  return json(200, updated, { etag: etagOf(updated.version) });
});
