import * as z from 'zod/mini';
import { recommend } from '../domain/custom-dev/recommendation.ts';
import { taskHandler } from '../lib/task.ts';
import { Assessed, Inputs } from './custom-dev-input.ts';

export const RecommendInput = z.object({ ...Inputs, businessCase: Assessed.businessCase });

/** custom-dev-assessment / Recommend: the rules (domain/custom-dev/recommendation.ts) and their reasons. */
export const handler = taskHandler('recommendCustomDev', RecommendInput, async (i) => ({
  recommendation: recommend(i),
}));
