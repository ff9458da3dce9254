import * as z from 'zod/mini';
import { EvaluationOutcome } from '../domain/pilots/types.ts';
import { persistEvaluation } from '../flows/pilot-evaluation.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { EvaluationRefInput } from './pilot-evaluation-input.ts';

const env = loadEnv(functions.persistPilotEvaluation.env);

export const PersistInput = z.extend(EvaluationRefInput, { outcome: EvaluationOutcome });

/** pilot-evaluation / Persist: the outcome on the pilot, audited (idempotent: an evaluated one is left as is). */
export const handler = taskHandler('persistPilotEvaluation', PersistInput, ({ outcome, ...ref }) =>
  persistEvaluation(env.TABLE_NAME, ref, outcome, systemClock.now().toISOString()),
);
