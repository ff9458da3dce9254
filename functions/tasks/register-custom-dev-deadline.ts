import * as z from 'zod/mini';
import { registerDecisionDeadline } from '../flows/custom-dev-deadline.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest } from '../store/custom-dev-requests.ts';
import { publicDeadlineId } from '../store/deadlines.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.registerCustomDevDeadline.env);

export const RegisterInput = z.object(RequestRef);

/**
 * custom-dev-assessment / RegisterDeadline and custom-dev-decision / Record: the decision deadline (the
 * request's neededBy) in the deadlines module, with reminders; once decided (either way) it is met.
 */
export const handler = taskHandler('registerCustomDevDeadline', RegisterInput, async ({ org, requestId }) => {
  const r = await getRequest(env.TABLE_NAME, org, requestId);
  if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
  const d = await registerDecisionDeadline(env.TABLE_NAME, org, r, systemClock.now().toISOString());
  return { deadlineId: d ? publicDeadlineId(d) : null, status: d?.status ?? null };
});
