import * as z from 'zod/mini';
import { recomputeCalendarPage } from '../flows/calendar-recompute.ts';
import { scheduleTender } from '../flows/schedule.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { markReady } from '../store/tenders.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.scheduleDeadlines.env);

export const ScheduleInput = z.object({ org: text(), tenderId: text() });

/** calendar-recompute / RecomputePage: the changed country-years and the previous page's cursor (null: the first). */
export const RecomputeCalendarInput = z.object({
  org: text(),
  years: z.array(z.object({ country: text(), year: z.int() })),
  cursor: z.nullable(z.string()),
});

/**
 * Two workflows count deadlines with this one function (one Lambda: the stack is at CloudFormation's
 * 500-resource limit until it is split), both through flows/schedule.ts, both idempotent:
 * - tender-intake / ScheduleDeadlines (last step): the tender's deadlines and reminders, an amendment's
 *   moves put in the outbox, then the tender is ready;
 * - calendar-recompute / RecomputePage: one page of the open deadlines an official-calendar change may
 *   move, their tenders counted again; returns the next page's cursor (null: done).
 */
export const handler = taskHandler(
  'scheduleDeadlines',
  z.union([RecomputeCalendarInput, ScheduleInput]),
  async (input) => {
    const now = () => systemClock.now().toISOString();
    if ('years' in input)
      return recomputeCalendarPage(env.TABLE_NAME, input.org, input.years, input.cursor, now);
    const { org, tenderId } = input;
    // An amendment's moves go to the outbox; the sweep delivers them.
    const { deadlines, moved } = await scheduleTender(env.TABLE_NAME, org, tenderId, now());
    await markReady(env.TABLE_NAME, org, tenderId, now());
    return { deadlines: deadlines.length, moved: moved.length };
  },
);
