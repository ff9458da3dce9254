import { DateTime } from 'luxon';
import { newRequest } from '../domain/custom-dev/request.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound, StateConflictError } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { newId } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { getItem } from '../store/checklist.ts';
import { createRequest } from '../store/custom-dev-requests.ts';
import { tenderDeadlines } from '../store/deadlines.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.createCustomDevFromItem.env);

/**
 * POST /tenders/{id}/checklist/{itemId}/custom-dev-request (If-Match: the item's ETag): a request prefilled
 * from a requirement the product cannot meet — client = the buyer, problem = the requirement's text,
 * neededBy = the submission deadline's date in the buyer's zone — linked both ways: the request names
 * the tender and item, the item shows the request and its status.
 */
export const handler = httpHandler(schemas.createCustomDevFromItem, async (req, input) => {
  const { org, user } = req.caller;
  const { id: tenderId, itemId } = input.path;
  const [tender, item] = await Promise.all([
    getTender(env.TABLE_NAME, org, tenderId),
    getItem(env.TABLE_NAME, org, tenderId, itemId),
  ]);
  if (!tender || !item) throw notFound(`no checklist item ${itemId} in tender ${tenderId}`);
  if (item.version !== input.version) throw preconditionFailed(item.version, input.version);
  const linked = item.customDevRequest;
  if (linked)
    throw new StateConflictError(`the item already has custom-development request ${linked.requestId}`);
  const submission = (await tenderDeadlines(env.TABLE_NAME, org, tenderId)).find(
    (d) =>
      d.kind === 'submission' && d.source.type === 'tender' && d.lotId === null && d.status !== 'cancelled',
  );
  const zone = tender.timeZone ?? 'UTC';
  const requirement = item.title.en ?? Object.values(item.title)[0] ?? item.key;
  const b = input.body;
  const request = newRequest({
    requestId: `cdr-${newId()}`,
    client: tender.buyer?.name ?? 'the buyer',
    title: b.title ?? `${tender.title ?? tender.ocid}: ${requirement}`.slice(0, 300),
    problem: requirement,
    requestedFunctionality: b.requestedFunctionality ?? requirement,
    neededBy:
      b.neededBy ??
      (submission ? DateTime.fromISO(submission.dueAt, { zone: submission.timeZone }).toISODate() : null),
    timeZone: zone,
    vertical: b.vertical ?? null,
    strategicFit: b.strategicFit,
    tenderId,
    checklistItemId: itemId,
    evidenceIds: b.evidenceIds,
    createdBy: user,
    at: systemClock.now().toISOString(),
  });
  await createRequest(env.TABLE_NAME, org, request, { expectedVersion: item.version });
  return json(201, request, {
    location: `/custom-dev-requests/${request.requestId}`,
    etag: etagOf(request.version),
  });
});
