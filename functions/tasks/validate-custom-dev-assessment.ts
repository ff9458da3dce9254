import * as z from 'zod/mini';
import { assessedAt } from '../domain/custom-dev/types.ts';
import { economicsFor } from '../flows/custom-dev.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest } from '../store/custom-dev-requests.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.validateCustomDevAssessment.env);

export const ValidateInput = z.object({ ...RequestRef, revision: z.int().check(z.minimum(1)) });

/**
 * custom-dev-assessment / Validate: the request's inputs and the organisation's economics. An execution
 * for an older inputs revision (an input changed since it started) is superseded: it stops, changing nothing.
 * One that finds its own revision already assessed (it was killed after Persist, and resumed or redriven)
 * is not: it goes on, Persist leaves the request as it is, and the deadline and notice steps make sure
 * they exist.
 */
export const handler = taskHandler(
  'validateCustomDevAssessment',
  ValidateInput,
  async ({ org, requestId, revision }) => {
    const r = await getRequest(env.TABLE_NAME, org, requestId);
    if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
    const current = r.inputsRevision === revision && (r.status === 'assessing' || assessedAt(r, revision));
    if (!current) return { superseded: true as const };
    return {
      superseded: false as const,
      technical: r.technical,
      commercial: r.commercial,
      strategicFit: r.strategicFit,
      economics: await economicsFor(env.TABLE_NAME, org),
    };
  },
);
