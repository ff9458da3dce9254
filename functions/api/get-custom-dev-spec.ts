import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, text } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getSpec } from '../store/custom-dev-requests.ts';
import { requestOr404 } from './custom-dev-view.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.getCustomDevSpec.env);

/** GET /custom-dev-requests/{id}/spec: the specification as text/markdown; 404 until approved and generated. */
export const handler = httpHandler(schemas.getCustomDevSpec, async (req, input) => {
  const r = await requestOr404(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!r.specKey)
    throw notFound(
      r.status === 'approved' || r.status === 'piloting'
        ? 'the specification is being generated; try again shortly'
        : `no specification: the request is ${r.status}, not approved`,
    );
  return text(200, await getSpec(env.BUCKET_NAME, r.specKey), 'text/markdown; charset=utf-8');
});
