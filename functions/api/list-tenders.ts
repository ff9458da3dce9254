import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listTenders } from '../store/tenders.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.listTenders.env);

/** GET /tenders: the organisation's tenders, newest first, with an opaque cursor. */
export const handler = httpHandler(schemas.listTenders, async (req, input) => {
  const page = await listTenders(env.TABLE_NAME, req.caller.org, input.query.limit, input.query.cursor);
  return json(200, page);
});
