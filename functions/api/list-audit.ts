import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listAudit } from '../store/audit.ts';
import * as schemas from './schemas/checklist.ts';
import { notFoundIfNoTender } from './tender-guard.ts';

const env = loadEnv(functions.listAudit.env);

/** GET /tenders/{id}/audit: every change to the tender's checklist, newest first (actor, time, before, after). */
export const handler = httpHandler(schemas.listAudit, async (req, input) => {
  const id = input.path.id;
  const q = input.query;
  const page = await listAudit(env.TABLE_NAME, req.caller.org, { tender: id }, q.limit, q.cursor);
  await notFoundIfNoTender(env.TABLE_NAME, req.caller.org, id, page.items.length === 0 && !q.cursor);
  return json(200, page);
});
