import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { recordResult } from '../store/imports.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.recordImportResult.env);

export const RecordInput = z.object({
  org: text(),
  importId: text(),
  n: z.int().check(z.minimum(0)),
  status: z.enum(['ready', 'failed']),
  error: z.optional(CaughtError),
});

/** package-intake / RecordReady, RecordFailed: one process's result and the import's counters. Idempotent. */
export const handler = taskHandler(
  'recordImportResult',
  RecordInput,
  async ({ org, importId, n, status, error }) => {
    const reason = error ? failureOf(error) : undefined;
    await recordResult(env.TABLE_NAME, org, importId, {
      n,
      status,
      ...(reason ? { error: reason } : {}),
      at: systemClock.now().toISOString(),
    });
    return { status };
  },
);
