import { transitionPilot } from '../flows/pilots.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf, ifMatchVersion, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.transitionPilot.env);

/**
 * POST /pilots/{id}/transition { to, reason?, endDate? }: one lifecycle step (409 when illegal, 403 when
 * the role may not take it), written only if the pilot is still as read (412 otherwise); audited.
 * An optional If-Match names the version the caller decided on (the web app sends it): another is 412.
 */
export const handler = httpHandler(schemas.transitionPilot, async (req, input) => {
  const pilot = await getPilot(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  const ifMatch = req.header('if-match');
  if (ifMatch !== undefined) {
    const seen = ifMatchVersion(ifMatch);
    if (seen !== pilot.version) throw preconditionFailed(pilot.version, seen);
  }
  const now = systemClock.now().toISOString();
  const updated = await transitionPilot(env.TABLE_NAME, req.caller.org, pilot, input.body, req.caller, now);
  return json(200, updated, { etag: etagOf(updated.version) });
});
