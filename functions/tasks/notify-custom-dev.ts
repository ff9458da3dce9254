import * as z from 'zod/mini';
import { notify } from '../flows/custom-dev-deadline.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest } from '../store/custom-dev-requests.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.notifyCustomDev.env);

export const NotifyInput = z.object({ ...RequestRef, event: z.enum(['recommended', 'decided']) });

/** custom-dev workflows / Notify: a notice in the outbox (the sweep delivers it), once per request and event. */
export const handler = taskHandler('notifyCustomDev', NotifyInput, async ({ org, requestId, event }) => {
  const r = await getRequest(env.TABLE_NAME, org, requestId);
  if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
  const what =
    event === 'recommended'
      ? {
          key: `recommended-${r.inputsRevision}`,
          title: `Custom development for ${r.client}: ${r.recommendation?.decision ?? 'assessed'}`,
          text: `${r.title}: recommended ${r.recommendation?.decision ?? 'n/a'}. ${(r.recommendation?.reasons ?? []).join(' ')}`,
        }
      : {
          key: 'decided',
          title: `Custom development for ${r.client}: ${r.decision?.decision ?? r.status}`,
          text: `${r.title}: ${r.decision?.decision ?? r.status} by ${r.decision?.by ?? 'n/a'}${r.decision?.reason ? ` (${r.decision.reason})` : ''}.`,
        };
  const alert = await notify(env.TABLE_NAME, org, r, what, systemClock.now().toISOString());
  return { alertId: alert.alertId };
});
