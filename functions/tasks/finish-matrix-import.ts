import * as z from 'zod/mini';
import { finishUpload } from '../flows/matrix-upload.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.finishMatrixImport.env);

export const FinishMatrixInput = z.object({
  org: text(),
  importId: text(),
  /** Plan or ApplyPage failed for good */
  error: z.optional(CaughtError),
});

/** matrix-import / Finish, Failed: deadlines counted again if needed, the final status recorded. Idempotent. */
export const handler = taskHandler(
  'finishMatrixImport',
  FinishMatrixInput,
  async ({ org, importId, error }) => ({
    status: await finishUpload(env, org, importId, systemClock.now(), error ? failureOf(error) : undefined),
  }),
);
