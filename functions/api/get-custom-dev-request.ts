import { loadEnv } from '../lib/env.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { requestOr404 } from './custom-dev-view.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.getCustomDevRequest.env);

/** GET /custom-dev-requests/{id}: status, inputs, business case and recommendation (ETag: its version). */
export const handler = httpHandler(schemas.getCustomDevRequest, async (req, input) => {
  const r = await requestOr404(env.TABLE_NAME, req.caller.org, input.path.id);
  return json(200, r, { etag: etagOf(r.version) });
});
