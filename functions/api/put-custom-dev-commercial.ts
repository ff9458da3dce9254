import { loadEnv } from '../lib/env.ts';
import { httpHandler } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { putInput } from './custom-dev-inputs.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.putCustomDevCommercial.env);

/**
 * PUT /custom-dev-requests/{id}/commercial (product manager, admin; If-Match): pricing (fixed,
 * time-and-materials, revenue-share), reuse, horizon. 200 while the technical assessment is missing;
 * 202 when the assessment starts.
 */
export const handler = httpHandler(schemas.putCustomDevCommercial, async (req, input) =>
  putInput(req, env, input.path.id, input.version, { commercial: input.body }),
);
