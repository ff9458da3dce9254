import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { parseOr400 } from '../lib/validate.ts';
import { functions } from '../registry.ts';
import { listAudit } from '../store/audit.ts';
import { PageQuery } from './checklist-schemas.ts';
import { notFoundIfNoTender } from './tender-guard.ts';

const env = loadEnv(functions.listAudit.env);

/** GET /tenders/{id}/audit: every change to the tender's checklist, newest first (actor, time, before, after). */
export const handler = httpHandler('listAudit', async (req) => {
  const id = req.path('id');
  const q = parseOr400(PageQuery, req.event.queryStringParameters ?? {}, 'query', 'query:');
  const page = await listAudit(env.TABLE_NAME, req.caller.org, { tender: id }, q.limit, q.cursor);
  await notFoundIfNoTender(env.TABLE_NAME, req.caller.org, id, page.items.length === 0 && !q.cursor);
  return json(200, page);
});
