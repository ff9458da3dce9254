import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { failIntake } from '../store/tenders.ts';

const env = loadEnv(functions.markIntakeFailed.env);

export const MarkFailedInput = z.object({
  org: z.string().check(z.minLength(1)),
  tenderId: z.string().check(z.minLength(1)),
  error: CaughtError,
});

/** tender-intake / MarkIntakeFailed: the tender shows `intake-failed` and why. */
export const handler = taskHandler('markIntakeFailed', MarkFailedInput, async ({ org, tenderId, error }) => {
  await failIntake(env.TABLE_NAME, org, tenderId, failureOf(error), systemClock.now().toISOString());
  return { status: 'intake-failed' as const, tenderId };
});
