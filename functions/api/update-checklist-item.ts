import { updateItem } from '../flows/update-item.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.updateChecklistItem.env);

/**
 * PATCH /tenders/{id}/checklist/{itemId} with If-Match: answer (typed, checked against the
 * requirement), assign, review. A stale ETag is 412 and nothing is written; every change is audited
 * in the same transaction (flows/update-item.ts, shared with the compliance-matrix re-import).
 */
export const handler = httpHandler(schemas.updateChecklistItem, async (req, input) => {
  const ref = { tenderId: input.path.id, itemId: input.path.itemId, version: input.version };
  const updated = await updateItem(env.TABLE_NAME, req.caller, ref, input.body, systemClock.now());
  return json(200, updated, { etag: etagOf(updated.version) });
});
