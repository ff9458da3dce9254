import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { failIntake } from '../store/tenders.ts';

const env = loadEnv(functions.markIntakeFailed.env);

export const MarkFailedInput = z.object({
  org: z.string().check(z.minLength(1)),
  tenderId: z.string().check(z.minLength(1)),
  error: z.object({ Error: z.string(), Cause: z.unknown() }),
});

/** Lambda errors arrive as a JSON string {errorType, errorMessage, trace}; keep the message only. */
export function readableCause(cause: unknown): string {
  if (typeof cause !== 'string') return JSON.stringify(cause ?? null);
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed)
      return String(parsed.errorMessage);
  } catch {
    // not JSON: the cause is already a message
  }
  return cause;
}

/** tender-intake / MarkIntakeFailed: the tender shows `intake-failed` and why. */
export const handler = taskHandler('markIntakeFailed', MarkFailedInput, async ({ org, tenderId, error }) => {
  const reason = { error: error.Error, cause: readableCause(error.Cause).slice(0, 2000) };
  await failIntake(env.TABLE_NAME, org, tenderId, reason, systemClock.now().toISOString());
  return { status: 'intake-failed' as const, tenderId };
});
