import * as z from 'zod/mini';
import { failEvaluation } from '../flows/pilot-evaluation.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { readableCause } from './mark-intake-failed.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.markPilotEvaluationFailed.env);

export const MarkEvaluationFailedInput = z.extend(EvaluationRefInput, {
  error: z.object({ Error: z.string(), Cause: z.unknown() }),
});

/** pilot-evaluation / MarkEvaluationFailed: the evaluation shows `evaluation-failed` and why. */
export const handler = taskHandler(
  'markPilotEvaluationFailed',
  MarkEvaluationFailedInput,
  ({ error, ...ref }) =>
    failEvaluation(
      env.TABLE_NAME,
      ref,
      { error: error.Error, cause: readableCause(error.Cause).slice(0, 2000) },
      systemClock.now().toISOString(),
    ),
);
