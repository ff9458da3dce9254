import * as z from 'zod/mini';
import { recomputeCalendarPage } from '../flows/calendar-recompute.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.recomputeCalendarDeadlines.env);

export const RecomputeCalendarInput = z.object({
  org: text(),
  years: z.array(z.object({ country: text(), year: z.int() })),
  /** the previous page's cursor; null for the first page */
  cursor: z.nullable(z.string()),
});

/**
 * calendar-recompute / RecomputePage: one page of the open deadlines a calendar change may move, their
 * tenders' deadlines counted again; returns the next page's cursor (null: done). Idempotent.
 */
export const handler = taskHandler(
  'recomputeCalendarDeadlines',
  RecomputeCalendarInput,
  ({ org, years, cursor }) =>
    recomputeCalendarPage(env.TABLE_NAME, org, years, cursor, () => systemClock.now().toISOString()),
);
