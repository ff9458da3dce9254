import { editPilot } from '../flows/pilots.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.updatePilot.env);

/** PATCH /pilots/{id} with If-Match: the scope of a draft or scoped pilot, checked again; audited; deadlines follow. */
export const handler = httpHandler(schemas.updatePilot, async (req, input) => {
  const pilot = await getPilot(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  if (pilot.version !== input.version) throw preconditionFailed(pilot.version, input.version);
  const now = systemClock.now().toISOString();
  const updated = await editPilot(env.TABLE_NAME, req.caller.org, pilot, input.body, req.caller.user, now);
  return json(200, updated, { etag: etagOf(updated.version) });
});
