import { scheduleConversionDecision } from '../flows/pilot-evaluation.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.schedulePilotDecision.env);

/** pilot-evaluation / ScheduleConversionDecision: the pilot's deadlines follow the evaluation; returns the decision's. */
export const handler = taskHandler('schedulePilotDecision', EvaluationRefInput, (ref) =>
  scheduleConversionDecision(env.TABLE_NAME, ref, systemClock.now().toISOString()),
);
