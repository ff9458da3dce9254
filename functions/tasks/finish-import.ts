import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { finishImport } from '../store/imports.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.finishImport.env);

export const FinishInput = z.object({
  org: text(),
  importId: text(),
  /** the package could not be split or run */
  error: z.optional(CaughtError),
});

/** package-intake / FinishImport, ImportFailed: the import's final status. Idempotent. */
export const handler = taskHandler('finishImport', FinishInput, async ({ org, importId, error }) => {
  const reason = error ? failureOf(error) : undefined;
  const status = await finishImport(env.TABLE_NAME, org, importId, systemClock.now().toISOString(), reason);
  return { status };
});
