import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listRequests } from '../store/custom-dev-requests.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.listCustomDevRequests.env);

/** GET /custom-dev-requests?status=&client=: newest first, one Query per page, cursor paging. */
export const handler = httpHandler(schemas.listCustomDevRequests, async (req, input) => {
  const q = input.query;
  const page = await listRequests(env.TABLE_NAME, req.caller.org, {
    limit: q.limit,
    ...(q.status ? { status: q.status } : {}),
    ...(q.client ? { client: q.client } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  return json(200, page);
});
