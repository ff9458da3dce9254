import * as z from 'zod/mini';
import { draftPilotFrom, pilotIdOfRequest } from '../domain/custom-dev/pilot-draft.ts';
import { assertTransition } from '../domain/custom-dev/types.ts';
import { createDraftPilot, pilotPolicyOf } from '../flows/pilots.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest, updateRequest } from '../store/custom-dev-requests.ts';
import { getPilot } from '../store/pilots.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.createCustomDevPilot.env);

export const CreatePilotInput = z.object(RequestRef);

/**
 * A retry after the pilot was written but before the request was: find that pilot by the id derived
 * from the request (whatever its status by now), do not make a second. A pilot someone made by hand is
 * never this one: POST /pilots gives random ids and refuses to name a request.
 */
async function pilotAlreadyMade(org: string, requestId: string) {
  const pilot = await getPilot(env.TABLE_NAME, org, pilotIdOfRequest(requestId));
  return pilot?.customDevRequestId === requestId ? pilot : undefined;
}

/**
 * custom-dev-decision / CreatePilot: approved as a pilot → a draft pilot made from the request
 * (domain/custom-dev/pilot-draft.ts, through the pilots feature's createDraftPilot: its checks, audit
 * and milestone deadlines), under the id derived from the request, linked both ways, and the request
 * `piloting`. Idempotent: only the pilot this workflow made is ever adopted.
 */
export const handler = taskHandler('createCustomDevPilot', CreatePilotInput, async ({ org, requestId }) => {
  const r = await getRequest(env.TABLE_NAME, org, requestId);
  if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
  if (r.status === 'piloting') return { status: r.status, pilotId: r.pilot?.pilotId ?? null };
  assertTransition(r.status, 'piloting', 'start a pilot');
  const now = systemClock.now();
  const actor = r.decision?.by ?? 'workflow:custom-dev-decision';
  const made =
    (await pilotAlreadyMade(org, requestId)) ??
    (await createDraftPilot(
      org,
      draftPilotFrom(
        r,
        now.toISOString().slice(0, 10),
        (
          await pilotPolicyOf(env.TABLE_NAME, org)
        ).maxLengthDays,
      ),
      actor,
      now,
      { requestId },
    ));
  const at = now.toISOString();
  const pilot = {
    note: `Draft pilot ${made.id} created from this request: refine its criteria and dates, then have it scoped.`,
    at,
    pilotId: made.id,
  };
  await updateRequest(
    env.TABLE_NAME,
    org,
    r,
    { status: 'piloting', pilot },
    {
      actor: 'workflow:custom-dev-decision',
      at,
      action: 'pilot',
      before: { status: r.status, pilot: null },
      after: { status: 'piloting', pilot },
    },
  );
  return { status: 'piloting' as const, pilotId: made.id };
});
