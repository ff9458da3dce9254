import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listAlerts } from '../store/alerts.ts';
import * as schemas from './schemas/deadlines.ts';

const env = loadEnv(functions.listAlerts.env);

/** GET /alerts?tender=&since=: the outbox — every alert sent, with each channel's delivery result. */
export const handler = httpHandler(schemas.listAlerts, async (req, input) => {
  const q = input.query;
  return json(
    200,
    await listAlerts(env.TABLE_NAME, req.caller.org, {
      since: q.since ? new Date(q.since).toISOString() : undefined,
      tender: q.tender,
      limit: q.limit,
      cursor: q.cursor,
    }),
  );
});
