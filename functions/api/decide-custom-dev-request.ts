import { assertTransition, statusAfterDecision } from '../domain/custom-dev/types.ts';
import { startExecution } from '../flows/custom-dev.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { functions } from '../registry.ts';
import { updateRequest } from '../store/custom-dev-requests.ts';
import { requestOr404 } from './custom-dev-view.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.decideCustomDevRequest.env);

/**
 * POST /custom-dev-requests/{id}/decision (approver, admin; If-Match): approve, approve-as-pilot or reject
 * a recommended request. Overriding the recommendation needs a reason. The decision is recorded
 * (audited), then `custom-dev-decision` meets the deadline, writes the specification, starts the pilot
 * and notifies.
 */
export const handler = httpHandler(schemas.decideCustomDevRequest, async (req, input) => {
  const { org, user } = req.caller;
  const { decision, reason } = input.body;
  const current = await requestOr404(env.TABLE_NAME, org, input.path.id);
  if (current.version !== input.version) throw preconditionFailed(current.version, input.version);
  const next = statusAfterDecision(decision);
  assertTransition(current.status, next, `${decision} it`);
  const recommended = current.recommendation?.decision;
  const overrides = recommended !== decision;
  if (overrides && !reason)
    throw badRequest('overriding the recommendation needs a reason', [
      {
        path: 'reason',
        message: `required: the recommendation is ${recommended ?? 'none'}, the decision ${decision}`,
      },
    ]);
  const at = systemClock.now().toISOString();
  const recorded = { decision, reason: reason ?? null, overridesRecommendation: overrides, by: user, at };
  const updated = await updateRequest(
    env.TABLE_NAME,
    org,
    current,
    { status: next, decision: recorded },
    {
      actor: user,
      at,
      action: 'decide',
      before: { status: current.status, decision: null },
      after: { status: next, decision: recorded },
    },
  );
  try {
    await startExecution(env.CUSTOM_DEV_DECISION_STATE_MACHINE_ARN, `${updated.requestId}-decision`, {
      org,
      requestId: updated.requestId,
      decision,
    });
    return json(200, updated, { etag: etagOf(updated.version) });
  } catch (e) {
    // the decision stands; what did not follow is said on the request, never silently missing
    log.error('could not start custom-dev-decision', { error: e, requestId: updated.requestId });
    const assessmentError = {
      error: 'StartFailed',
      cause:
        'the decision is recorded, but its follow-up (specification, pilot, notice) could not be started',
      stage: 'decision' as const,
    };
    const marked = await updateRequest(
      env.TABLE_NAME,
      org,
      updated,
      { assessmentError },
      {
        actor: 'system',
        at,
        action: 'decision-failed',
        before: { assessmentError: null },
        after: { assessmentError },
      },
    );
    return json(200, marked, { etag: etagOf(marked.version) });
  }
});
