import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listPilots } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.listPilots.env);

/** GET /pilots?status=&client=: the organisation's pilots, newest first, one Query per page. */
export const handler = httpHandler(schemas.listPilots, async (req, input) => {
  const { status, client, limit, cursor } = input.query;
  return json(200, await listPilots(env.TABLE_NAME, req.caller.org, { status, client, limit, cursor }));
});
