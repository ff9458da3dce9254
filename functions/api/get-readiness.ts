import { loadReadiness } from '../flows/load-readiness.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.getReadiness.env);

/** GET /tenders/{id}/readiness: ready or not, coverage, and every blocker with its criterion, requirements, lot and reason. */
export const handler = httpHandler(schemas.getReadiness, async (req, input) => {
  const id = input.path.id;
  const { tender, readiness } = await loadReadiness(
    env.TABLE_NAME,
    req.caller.org,
    id,
    systemClock.now().toISOString(),
  );
  return json(200, { tenderId: id, status: tender.status, ...readiness }, { 'cache-control': 'no-store' });
});
