import { evaluatePilot } from '../domain/pilots/evaluation.ts';
import type { Evaluation, EvaluationOutcome, Pilot } from '../domain/pilots/types.ts';
import { PILOT_MILESTONES } from '../domain/pilots/types.ts';
import type { Alert } from '../domain/reminders/types.ts';
import { InvalidInputError, TransientError, VersionConflictError } from '../lib/errors.ts';
import { putAlertOnce } from '../store/alerts.ts';
import { getPilot, updatePilotAudited } from '../store/pilots.ts';
import { schedulePilot } from './pilot-deadlines.ts';
import { pilotPolicyOf } from './pilots.ts';

/**
 * The steps of the pilot-evaluation workflow (workflows/pilot-evaluation.asl.json), each idempotent:
 * validate → evaluate → persist → schedule the conversion decision → notify; any permanent failure
 * marks the evaluation `evaluation-failed` with the reason. A step given an evaluation that is no longer
 * the pilot's current one (a newer one was requested) fails permanently: it never overwrites the newer.
 */
export interface EvaluationRef {
  org: string;
  pilotId: string;
  evaluationId: string;
}

async function current(table: string, ref: EvaluationRef): Promise<Pilot & { evaluation: Evaluation }> {
  const pilot = await getPilot(table, ref.org, ref.pilotId);
  if (!pilot) throw new InvalidInputError(`no pilot ${ref.pilotId} in organisation ${ref.org}`);
  const evaluation = pilot.evaluation;
  if (evaluation?.id !== ref.evaluationId)
    throw new InvalidInputError(
      `evaluation ${ref.evaluationId} is not the current evaluation of pilot ${pilot.id}`,
    );
  return { ...pilot, evaluation };
}

/** Validate: the evaluation is current and every measurement is of one of the pilot's criteria. */
export async function validateEvaluation(table: string, ref: EvaluationRef) {
  const pilot = await current(table, ref);
  const ids = new Set(pilot.criteria.map((c) => c.id));
  const problems = pilot.evaluation.measurements.flatMap((m, i) =>
    ids.has(m.criterionId)
      ? []
      : [{ path: `measurements.${i}.criterionId`, message: `no criterion ${m.criterionId}` }],
  );
  if (problems.length > 0)
    throw new InvalidInputError(
      `measurements for unknown criteria: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  if (pilot.evaluation.measurements.length === 0) throw new InvalidInputError('no measurements to evaluate');
  return { measurements: pilot.evaluation.measurements.length };
}

/** Evaluate: per-criterion results, the weighted score and the recommendation (domain/pilots/evaluation.ts). */
export async function computeEvaluation(table: string, ref: EvaluationRef): Promise<EvaluationOutcome> {
  const pilot = await current(table, ref);
  const policy = await pilotPolicyOf(table, ref.org);
  return evaluatePilot(pilot.criteria, pilot.evaluation.measurements, {
    startDate: pilot.startDate,
    endDate: pilot.plannedEndDate,
    timeZone: pilot.timeZone,
    policy,
  });
}

/** Persist: the outcome on the pilot (audited); a concurrent change of the pilot is retried. */
export async function persistEvaluation(
  table: string,
  ref: EvaluationRef,
  outcome: EvaluationOutcome,
  now: string,
) {
  const pilot = await current(table, ref);
  if (pilot.evaluation.status === 'evaluated') return { recommendation: pilot.evaluation.recommendation };
  const evaluation: Evaluation = { ...pilot.evaluation, ...outcome, status: 'evaluated', evaluatedAt: now };
  try {
    await updatePilotAudited(
      table,
      ref.org,
      pilot.id,
      pilot.version,
      { evaluation },
      {
        entity: `pilot:${pilot.id}`,
        actor: 'workflow:pilot-evaluation',
        at: now,
        action: 'evaluated',
        before: { evaluation: { id: evaluation.id, status: 'running' } },
        after: {
          evaluation: {
            id: evaluation.id,
            status: 'evaluated',
            score: outcome.score,
            recommendation: outcome.recommendation,
          },
        },
      },
    );
  } catch (e) {
    if (e instanceof VersionConflictError)
      throw new TransientError('the pilot changed while persisting; retry', { cause: e });
    throw e;
  }
  return { recommendation: outcome.recommendation };
}

/** Schedule: the pilot's deadlines again, so the conversion decision (and the met final evaluation) are current. */
export async function scheduleConversionDecision(table: string, ref: EvaluationRef, now: string) {
  const pilot = await current(table, ref);
  const { deadlines } = await schedulePilot(table, ref.org, pilot, await pilotPolicyOf(table, ref.org), now);
  const decision = deadlines[PILOT_MILESTONES.indexOf('conversion-decision')];
  if (!decision) throw new Error('the conversion-decision deadline was not scheduled');
  return { deadlineId: decision.deadlineId, dueAt: decision.dueAt };
}

/** Notify: one alert in the outbox (the sweep delivers it) with the recommendation and the decision date. */
export async function notifyEvaluation(
  table: string,
  ref: EvaluationRef,
  decision: { deadlineId: string; dueAt: string },
  now: string,
) {
  const pilot = await current(table, ref);
  const ev = pilot.evaluation;
  const { deadlineId, dueAt } = decision;
  const alert: Alert = {
    alertId: `${deadlineId}#alert-evaluation-${ev.id}`,
    deadlineId,
    tenderId: null,
    kind: 'reminder',
    title: `[high] Pilot evaluated: ${pilot.title} (${pilot.client}): ${ev.recommendation ?? 'no recommendation'}`,
    text: `Pilot ${pilot.title} for ${pilot.client} scored ${ev.score ?? '–'}; recommendation ${ev.recommendation ?? '–'}. ${(ev.reasons ?? []).join(' ')} The convert / extend / stop decision is due ${dueAt}.`,
    dueAt,
    timeZone: pilot.timeZone,
    risk: 'high',
    recipients: { roles: ['product-manager', 'approver'], owners: [pilot.owner ?? pilot.createdBy] },
    reminderIds: [],
  };
  const queued = await putAlertOnce(table, ref.org, alert, now);
  return { alertId: alert.alertId, queued };
}

/** Catch: the evaluation is `evaluation-failed` with the reason (only the current one; a missing pilot has nothing to mark). */
export async function failEvaluation(
  table: string,
  ref: EvaluationRef,
  error: { error: string; cause: string },
  now: string,
) {
  const pilot = await getPilot(table, ref.org, ref.pilotId);
  if (!pilot?.evaluation || pilot.evaluation.id !== ref.evaluationId) return { marked: false };
  const evaluation: Evaluation = { ...pilot.evaluation, status: 'evaluation-failed', failure: error };
  await updatePilotAudited(
    table,
    ref.org,
    pilot.id,
    pilot.version,
    { evaluation },
    {
      entity: `pilot:${pilot.id}`,
      actor: 'workflow:pilot-evaluation',
      at: now,
      action: 'evaluation-failed',
      before: { evaluation: { id: evaluation.id, status: pilot.evaluation.status } },
      after: { evaluation: { id: evaluation.id, status: 'evaluation-failed', failure: error } },
    },
  );
  return { marked: true };
}
