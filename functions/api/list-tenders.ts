import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listTenders } from '../store/tenders.ts';
import { ListTendersQuery } from './list-tenders-query.ts';

const env = loadEnv(functions.listTenders.env);

/** GET /tenders: the organisation's tenders, newest first, with an opaque cursor. */
export const handler = httpHandler('listTenders', async (req) => {
  const query = ListTendersQuery.safeParse(req.event.queryStringParameters ?? {});
  if (!query.success) {
    throw badRequest(
      'invalid query',
      query.error.issues.map((i) => ({ path: `query:${i.path.join('.')}`, message: i.message })),
    );
  }
  const page = await listTenders(env.TABLE_NAME, req.caller.org, query.data.limit, query.data.cursor);
  return json(200, page);
});
