import { scheduleTender } from '../flows/schedule.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { publicDeadlineId } from '../store/deadlines.ts';
import { recordEvent } from '../store/events.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/deadlines.ts';

const env = loadEnv(functions.recordEvent.env);

/**
 * POST /tenders/{id}/events {type, at, lot?}: a procurement event (results protocol published,
 * draft contract received, awarded, contract signed, performance security provided; for the 44-FZ
 * signing chain a protocol of disagreements, a revised draft, a complaint and its decision, the supplier's
 * signature). It is stored with who recorded it and when. Every deadline that depends on it is recomputed;
 * moves are alerted, a deadline put on hold by a complaint gets a notice; `moved` counts the moves.
 */
export const handler = httpHandler(schemas.recordEvent, async (req, input) => {
  const event = input.body;
  const id = input.path.id;
  const { org } = req.caller;
  const tender = await getTender(env.TABLE_NAME, org, id);
  if (!tender) throw notFound(`no tender ${id}`);
  if (event.lot && !(tender.lots ?? []).some((l) => l.id === event.lot)) {
    throw badRequest('unknown lot', [{ path: 'lot', message: `the tender has no lot ${event.lot}` }]);
  }
  const now = () => systemClock.now().toISOString();
  const stored = await recordEvent(
    env.TABLE_NAME,
    org,
    id,
    { ...event, at: new Date(event.at).toISOString() },
    req.caller.user,
    now(),
  );
  // Moved deadlines' alerts go to the outbox; the sweep delivers them (never inside this request).
  const { deadlines, moved } = await scheduleTender(env.TABLE_NAME, org, id, now());
  return json(201, {
    event: stored,
    deadlines: deadlines.map((d) => ({ id: publicDeadlineId(d), ...d })),
    moved: moved.length,
  });
});
