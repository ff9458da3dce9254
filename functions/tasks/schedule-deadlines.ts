import * as z from 'zod/mini';
import { scheduleTender } from '../flows/schedule.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { markReady } from '../store/tenders.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.scheduleDeadlines.env);

export const ScheduleInput = z.object({ org: text(), tenderId: text() });

/**
 * tender-intake / ScheduleDeadlines (last step): the tender's deadlines and reminders, an amendment's
 * moves put in the outbox, then the tender is ready. Idempotent.
 */
export const handler = taskHandler('scheduleDeadlines', ScheduleInput, async ({ org, tenderId }) => {
  const now = () => systemClock.now().toISOString();
  // An amendment's moves go to the outbox; the sweep delivers them.
  const { deadlines, moved } = await scheduleTender(env.TABLE_NAME, org, tenderId, now());
  await markReady(env.TABLE_NAME, org, tenderId, now());
  return { deadlines: deadlines.length, moved: moved.length };
});
