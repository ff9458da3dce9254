import * as z from 'zod/mini';
import { text } from './task-input.ts';

/** What every pilot-evaluation step receives: the organisation, the pilot and the evaluation it runs. */
export const EvaluationRefInput = z.object({ org: text(), pilotId: text(), evaluationId: text() });
