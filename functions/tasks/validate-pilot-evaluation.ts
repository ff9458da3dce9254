import { validateEvaluation } from '../flows/pilot-evaluation.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.validatePilotEvaluation.env);

/** pilot-evaluation / Validate: the evaluation is current and every measurement names one of the pilot's criteria. */
export const handler = taskHandler('validatePilotEvaluation', EvaluationRefInput, (ref) =>
  validateEvaluation(env.TABLE_NAME, ref),
);
