import { loadEnv } from '../lib/env.ts';
import { httpHandler } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { putInput } from './custom-dev-inputs.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.putCustomDevTechnical.env);

/**
 * PUT /custom-dev-requests/{id}/technical (product manager, admin; If-Match): verdict, three-point
 * effort (optimistic ≤ likely ≤ pessimistic), dependencies, risks, generic, conditions. 200 while the
 * commercial terms are missing; 202 when the assessment starts.
 */
export const handler = httpHandler(schemas.putCustomDevTechnical, async (req, input) => {
  const b = input.body;
  const technical = { ...b, ...(b.conditions === undefined ? {} : { conditions: b.conditions }) };
  return putInput(req, env, input.path.id, input.version, { technical });
});
