import { pilotMilestoneDeadlines } from '../flows/pilot-milestones.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { publicDeadlineId } from '../store/deadlines.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.getPilot.env);

/**
 * GET /pilots/{id}: the pilot, its warnings, its evaluation and its milestones — the deadlines that follow
 * it (derived from the pilot and the clock, so not part of its ETag, which is its version).
 */
export const handler = httpHandler(schemas.getPilot, async (req, input) => {
  const pilot = await getPilot(env.TABLE_NAME, req.caller.org, input.path.id);
  if (!pilot) throw notFound(`no pilot ${input.path.id}`);
  const milestones = await pilotMilestoneDeadlines(env.TABLE_NAME, req.caller.org, pilot.id);
  return json(
    200,
    { ...pilot, milestones: milestones.map((d) => ({ id: publicDeadlineId(d), ...d })) },
    { etag: etagOf(pilot.version) },
  );
});
