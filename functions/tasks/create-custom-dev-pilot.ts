import * as z from 'zod/mini';
import { assertTransition } from '../domain/custom-dev/types.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest, updateRequest } from '../store/custom-dev-requests.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.createCustomDevPilot.env);

export const CreatePilotInput = z.object(RequestRef);

/** What the request says until the pilots feature is wired in here. */
export const PILOT_NOTE =
  'Approved as a pilot: the draft pilot is created by the pilots feature (POST /pilots with customDevRequestId).';

/**
 * custom-dev-decision / CreatePilot: approved as a pilot → `piloting`. The draft pilot itself comes from
 * the pilots feature (flows/pilots.ts createDraftPilot), wired in here once it lands. Idempotent.
 */
export const handler = taskHandler('createCustomDevPilot', CreatePilotInput, async ({ org, requestId }) => {
  const r = await getRequest(env.TABLE_NAME, org, requestId);
  if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
  if (r.status === 'piloting') return { status: r.status };
  assertTransition(r.status, 'piloting', 'start a pilot');
  const at = systemClock.now().toISOString();
  const pilot = { note: PILOT_NOTE, at };
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
  return { status: 'piloting' as const };
});
