import { computeEvaluation } from '../flows/pilot-evaluation.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.evaluatePilot.env);

/** pilot-evaluation / Evaluate: per-criterion results, the weighted score and the recommendation (not stored yet). */
export const handler = taskHandler('evaluatePilot', EvaluationRefInput, (ref) =>
  computeEvaluation(env.TABLE_NAME, ref),
);
