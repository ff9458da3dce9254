import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { orgDeadlines, publicDeadlineId } from '../store/deadlines.ts';
import * as schemas from './schemas/deadlines.ts';

const env = loadEnv(functions.listDeadlines.env);

/** GET /deadlines?before=&risk=: the organisation's deadlines, soonest first, one Query per page. */
export const handler = httpHandler(schemas.listDeadlines, async (req, input) => {
  const q = input.query;
  const page = await orgDeadlines(env.TABLE_NAME, req.caller.org, {
    before: q.before ? new Date(q.before).toISOString() : undefined,
    risk: q.risk,
    limit: q.limit,
    cursor: q.cursor,
  });
  return json(200, {
    items: page.items.map((d) => ({ id: publicDeadlineId(d), ...d })),
    nextCursor: page.nextCursor,
  });
});
