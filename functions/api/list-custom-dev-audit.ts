import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listAudit } from '../store/audit.ts';
import { requestOr404 } from './custom-dev-view.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.listCustomDevAudit.env);

/** GET /custom-dev-requests/{id}/audit: every change to the request, newest first (actor, time, before, after). */
export const handler = httpHandler(schemas.listCustomDevAudit, async (req, input) => {
  const { org } = req.caller;
  await requestOr404(env.TABLE_NAME, org, input.path.id);
  const q = input.query;
  return json(
    200,
    await listAudit(env.TABLE_NAME, org, { customDevRequest: input.path.id }, q.limit, q.cursor),
  );
});
