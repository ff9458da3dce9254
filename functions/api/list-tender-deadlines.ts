import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { publicDeadlineId, tenderDeadlines } from '../store/deadlines.ts';
import * as schemas from './schemas/deadlines.ts';
import { notFoundIfNoTender } from './tender-guard.ts';

const env = loadEnv(functions.listTenderDeadlines.env);

/** GET /tenders/{id}/deadlines: every deadline of the tender, soonest first. */
export const handler = httpHandler(schemas.listTenderDeadlines, async (req, input) => {
  const id = input.path.id;
  const deadlines = await tenderDeadlines(env.TABLE_NAME, req.caller.org, id);
  await notFoundIfNoTender(env.TABLE_NAME, req.caller.org, id, deadlines.length === 0);
  return json(200, { items: deadlines.map((d) => ({ id: publicDeadlineId(d), ...d })) });
});
