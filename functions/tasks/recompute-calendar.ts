import * as z from 'zod/mini';
import { recomputeCalendarPage } from '../flows/calendar-recompute.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.recomputeCalendar.env);

/** calendar-recompute / RecomputePage: the changed country-years and the previous page's cursor (null: the first). */
export const RecomputeCalendarInput = z.object({
  org: text(),
  years: z.array(z.object({ country: text(), year: z.int() })),
  cursor: z.nullable(z.string()),
});

/**
 * calendar-recompute / RecomputePage: one page of the open deadlines an official-calendar change may
 * move, their tenders counted again through flows/schedule.ts (idempotent); returns the next page's
 * cursor (null: done).
 */
export const handler = taskHandler('recomputeCalendar', RecomputeCalendarInput, async (input) =>
  recomputeCalendarPage(env.TABLE_NAME, input.org, input.years, input.cursor, () =>
    systemClock.now().toISOString(),
  ),
);
