import * as z from 'zod/mini';
import { businessCase } from '../domain/custom-dev/business-case.ts';
import { taskHandler } from '../lib/task.ts';
import { Inputs } from './custom-dev-input.ts';

export const BusinessCaseInput = z.object(Inputs);

/** custom-dev-assessment / BusinessCase: pure arithmetic (none while an input is missing). */
export const handler = taskHandler('computeCustomDevBusinessCase', BusinessCaseInput, async (i) => ({
  businessCase: i.technical && i.commercial ? businessCase(i.technical, i.commercial, i.economics) : null,
}));
