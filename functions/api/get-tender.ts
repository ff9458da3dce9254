import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.getTender.env);

/** GET /tenders/{id}: the normalised tender, or 404 (also for another organisation's tender). */
export const handler = httpHandler(schemas.getTender, async (req, input) => {
  const id = input.path.id;
  const tender = await getTender(env.TABLE_NAME, req.caller.org, id);
  if (!tender) throw notFound(`no tender ${id}`);
  return json(200, tender, { etag: `"${tender.version}"` });
});
