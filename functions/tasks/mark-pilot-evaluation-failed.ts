import * as z from 'zod/mini';
import { failEvaluation } from '../flows/pilot-evaluation.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { CaughtError, failureOf } from '../lib/task-failure.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.markPilotEvaluationFailed.env);

export const MarkEvaluationFailedInput = z.extend(EvaluationRefInput, {
  error: CaughtError,
});

/** pilot-evaluation / MarkEvaluationFailed: the evaluation shows `evaluation-failed` and why. */
export const handler = taskHandler(
  'markPilotEvaluationFailed',
  MarkEvaluationFailedInput,
  ({ error, ...ref }) =>
    failEvaluation(env.TABLE_NAME, ref, failureOf(error), systemClock.now().toISOString()),
);
