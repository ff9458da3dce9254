import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { removeIntakeItems } from '../store/checklist.ts';
import { failIntake, intakeDocuments } from '../store/tenders.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.markIntakeFailed.env);

export const MarkFailedInput = z.object({
  org: z.string().check(z.minLength(1)),
  tenderId: z.string().check(z.minLength(1)),
  error: CaughtError,
  /** the raw document the failed intake imported */
  rawKey: z.optional(text()),
});

/**
 * tender-intake / MarkIntakeFailed (and package-intake / MarkProcessFailed): the tender shows
 * `intake-failed` and why (a tender ready before stays ready with its last good document), and the
 * checklist items this intake added are removed: a failed or timed-out intake leaves no orphan items.
 *
 * Cleaning up here (rather than writing each intake beside the last and switching when complete) keeps
 * one copy of each item: items carry answers, reviews and evidence across amendments, and every reader
 * (checklist, matrix, readiness, search) reads them in place. A write still running when this runs (its
 * task timed out, its Lambda alive) sees the intake failed at its next chunk, removes what it wrote and
 * stops (store/checklist.ts syncChecklist). Idempotent (retried by the state's Retry).
 */
export const handler = taskHandler(
  'markIntakeFailed',
  MarkFailedInput,
  async ({ org, tenderId, error, rawKey }) => {
    const now = systemClock.now().toISOString();
    await failIntake(env.TABLE_NAME, org, tenderId, failureOf(error), now, rawKey);
    const docs = rawKey ? await intakeDocuments(env.TABLE_NAME, org, tenderId) : undefined;
    // the ready document's own items are never removed (the same document imported again, e.g. with rule packs)
    const removed =
      rawKey && docs?.readyRawKey !== rawKey
        ? await removeIntakeItems(env.TABLE_NAME, org, tenderId, rawKey)
        : 0;
    return { status: 'intake-failed' as const, tenderId, removed };
  },
);
