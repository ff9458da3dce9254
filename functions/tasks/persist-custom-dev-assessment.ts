import * as z from 'zod/mini';
import { assessedAt } from '../domain/custom-dev/types.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest, updateRequest } from '../store/custom-dev-requests.ts';
import { Assessed, RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.persistCustomDevAssessment.env);

export const PersistInput = z.object({ ...RequestRef, revision: z.int(), ...Assessed });

/**
 * custom-dev-assessment / Persist: the business case and recommendation on the request, `recommended`
 * (audited). Idempotent (a revision already assessed is left as it is, and counts as persisted); a revision
 * no longer current (an input changed meanwhile) is not written.
 */
export const handler = taskHandler('persistCustomDevAssessment', PersistInput, async (i) => {
  const r = await getRequest(env.TABLE_NAME, i.org, i.requestId);
  if (!r || r.inputsRevision !== i.revision) return { persisted: false };
  // written already (a retry, or a resumed run): the steps after it still run, so the notice is not lost
  if (assessedAt(r, i.revision)) return { persisted: true };
  if (r.status !== 'assessing') return { persisted: false };
  await updateRequest(
    env.TABLE_NAME,
    i.org,
    r,
    { status: 'recommended', businessCase: i.businessCase, recommendation: i.recommendation },
    {
      actor: 'workflow:custom-dev-assessment',
      at: systemClock.now().toISOString(),
      action: 'recommend',
      before: { status: r.status, recommendation: r.recommendation },
      after: { status: 'recommended', recommendation: i.recommendation },
    },
  );
  return { persisted: true };
});
