import { createDraftPilot } from '../flows/pilots.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { sha256Hex } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { withIdempotency } from '../store/idempotency.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.createPilot.env);

/** POST /pilots: a draft pilot (scoping checks: 400 naming the field; warnings kept on it); Idempotency-Key honoured. */
export const handler = httpHandler(schemas.createPilot, async (req, input) => {
  const now = systemClock.now();
  return withIdempotency(
    env.TABLE_NAME,
    req.caller.org,
    req.header('idempotency-key'),
    sha256Hex(`POST /pilots\n${req.event.body ?? ''}`),
    now,
    async () => {
      const pilot = await createDraftPilot(req.caller.org, input.body, req.caller.user, now);
      return json(201, pilot, { location: `/pilots/${pilot.id}`, etag: etagOf(pilot.version) });
    },
  );
});
