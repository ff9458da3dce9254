import * as z from 'zod/mini';
import { notifyEvaluation } from '../flows/pilot-evaluation.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.notifyPilotEvaluation.env);

export const NotifyInput = z.extend(EvaluationRefInput, {
  decision: z.object({ deadlineId: text(), dueAt: text() }),
});

/** pilot-evaluation / Notify: the recommendation and the decision date go to the outbox (the sweep delivers). */
export const handler = taskHandler('notifyPilotEvaluation', NotifyInput, ({ decision, ...ref }) =>
  notifyEvaluation(env.TABLE_NAME, ref, decision, systemClock.now().toISOString()),
);
