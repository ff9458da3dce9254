import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.getPilot.env);

/** GET /pilots/{id}: the pilot, its warnings and its evaluation (ETag: its version). */
export const handler = httpHandler(schemas.getPilot, async (req, input) => {
  const pilot = await getPilot(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  return json(200, pilot, { etag: etagOf(pilot.version) });
});
