import { deadlinesToIcs } from '../domain/reminders/ics.ts';
import { reminderPlanOf } from '../flows/reminder-plan.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, text } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { orgDeadlines, type StoredDeadline, tenderDeadlines } from '../store/deadlines.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/deadlines.ts';

const env = loadEnv(functions.calendar.env);

/**
 * GET /tenders/{id}/calendar.ics and GET /calendar.ics (the organisation's feed): RFC 5545 with
 * stable UIDs, SEQUENCE bumped when a deadline moves, and VALARMs from the reminder plan.
 */
export const handler = httpHandler(schemas.calendar, async (req) => {
  const { org } = req.caller;
  const id = req.event.pathParameters?.id;
  let deadlines: StoredDeadline[];
  let name: string;
  if (id) {
    const tender = await getTender(env.TABLE_NAME, org, id);
    if (!tender) throw notFound(`no tender ${id}`);
    deadlines = await tenderDeadlines(env.TABLE_NAME, org, id);
    name = tender.title ?? tender.ocid;
  } else {
    deadlines = [];
    let cursor: string | undefined;
    do {
      const page = await orgDeadlines(env.TABLE_NAME, org, { limit: 500, cursor });
      deadlines.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && deadlines.length < 5000);
    name = `Tenderflow deadlines (${org})`;
  }
  const ics = deadlinesToIcs({
    name,
    deadlines,
    plan: await reminderPlanOf(env.TABLE_NAME, org),
    prodId: '-//Tenderflow//Deadlines//EN',
    now: systemClock.now().toISOString(),
  });
  return text(200, ics, 'text/calendar; charset=utf-8', { 'cache-control': 'no-store' });
});
