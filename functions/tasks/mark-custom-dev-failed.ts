import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { getRequest, updateRequest } from '../store/custom-dev-requests.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.markCustomDevFailed.env);

export const MarkFailedInput = z.object({
  ...RequestRef,
  stage: z.enum(['assessment', 'decision']),
  revision: z.optional(z.int()),
  error: CaughtError,
});

/**
 * custom-dev workflows / MarkFailed: a permanent failure is recorded on the request with the reason —
 * an assessment's leaves it `assessment-failed` (changing an input retries); a decision's follow-up keeps
 * the decision and says what did not happen. Never silently stuck.
 */
export const handler = taskHandler('markCustomDevFailed', MarkFailedInput, async (i) => {
  const r = await getRequest(env.TABLE_NAME, i.org, i.requestId);
  if (!r) return { marked: false };
  const assessmentError = {
    ...failureOf(i.error),
    stage: i.stage,
  };
  const superseded =
    i.stage === 'assessment' && (r.inputsRevision !== i.revision || r.status !== 'assessing');
  if (superseded) return { marked: false };
  const fields =
    i.stage === 'assessment'
      ? { status: 'assessment-failed' as const, assessmentError }
      : { assessmentError };
  await updateRequest(env.TABLE_NAME, i.org, r, fields, {
    actor: `workflow:custom-dev-${i.stage}`,
    at: systemClock.now().toISOString(),
    action: `${i.stage}-failed`,
    before: { status: r.status, assessmentError: r.assessmentError },
    after: { status: fields.status ?? r.status, assessmentError },
  });
  return { marked: true };
});
