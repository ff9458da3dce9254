import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { publicDeadlineId, tenderDeadlines } from '../store/deadlines.ts';
import { getTender } from '../store/tenders.ts';

const env = loadEnv(functions.listTenderDeadlines.env);

/** GET /tenders/{id}/deadlines: every deadline of the tender, soonest first. */
export const handler = httpHandler('listTenderDeadlines', async (req) => {
  const id = req.path('id');
  const deadlines = await tenderDeadlines(env.TABLE_NAME, req.caller.org, id);
  if (deadlines.length === 0 && !(await getTender(env.TABLE_NAME, req.caller.org, id)))
    throw notFound(`no tender ${id}`);
  return json(200, { items: deadlines.map((d) => ({ id: publicDeadlineId(d), ...d })) });
});
