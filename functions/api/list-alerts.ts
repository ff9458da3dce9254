import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { parseOr400 } from '../lib/validate.ts';
import { functions } from '../registry.ts';
import { listAlerts } from '../store/alerts.ts';
import { AlertsQuery } from './deadline-schemas.ts';

const env = loadEnv(functions.listAlerts.env);

/** GET /alerts?tender=&since=: the outbox — every alert sent, with each channel's delivery result. */
export const handler = httpHandler('listAlerts', async (req) => {
  const q = parseOr400(AlertsQuery, req.event.queryStringParameters ?? {}, 'query', 'query:');
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
