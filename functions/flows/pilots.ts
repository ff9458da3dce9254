import * as z from 'zod/mini';
import { fieldChanges } from '../domain/audit.ts';
import { pilotIdOfRequest } from '../domain/custom-dev/pilot-draft.ts';
import { resolveMeasurements } from '../domain/pilots/evaluation.ts';
import { checkTransition, EDITABLE_STATUSES, EVALUABLE_STATUSES } from '../domain/pilots/lifecycle.ts';
import { conversionDecisionDate } from '../domain/pilots/milestones.ts';
import { scopingProblems, scopingWarnings, withIds } from '../domain/pilots/scoping.ts';
import {
  defaultPilotPolicy,
  type Evaluation,
  type MeasurementInput,
  type Pilot,
  PilotInput,
  type PilotPatch,
  type PilotPolicy,
  PilotPolicySchema,
  type TransitionInput,
} from '../domain/pilots/types.ts';
import type { Caller } from '../lib/auth.ts';
import { envVar, loadEnv } from '../lib/env.ts';
import { InvalidInputError, StateConflictError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { fieldErrors } from '../lib/validate.ts';
import { createPilot, updatePilotAudited } from '../store/pilots.ts';
import { getSetting } from '../store/settings.ts';
import { getTender } from '../store/tenders.ts';
import { schedulePilot } from './pilot-deadlines.ts';

export type { Pilot, PilotInput };

/** The organisation's pilot policy (`PUT /settings/pilot-policy`), the defaults when unset. */
export async function pilotPolicyOf(table: string, org: string): Promise<PilotPolicy> {
  const stored = await getSetting(table, org, 'pilot-policy');
  const parsed = stored ? PilotPolicySchema.safeParse(stored.value) : undefined;
  return parsed?.success ? parsed.data : defaultPilotPolicy;
}

const TableEnv = z.object({ TABLE_NAME: envVar.TABLE_NAME });
let tableName: string | undefined;
/** The table of the function that runs this flow (every caller's access includes it; parsed once, no fallback). */
const table = () => {
  tableName ??= loadEnv(TableEnv).TABLE_NAME;
  return tableName;
};

/**
 * Create a draft pilot (POST /pilots, and a custom-development request decided `approve-as-pilot`): the
 * input is checked (InvalidInputError naming each field: the body schema and the scoping checks), the
 * warnings are kept on it, the `create` entry goes to its audit trail in the same transaction, and its
 * milestones become deadlines. Only the request's own workflow links a pilot to a request (`ofRequest`:
 * the pilot then has the id derived from the request, `pilotIdOfRequest`); a body naming one is refused.
 */
export async function createDraftPilot(
  org: string,
  input: PilotInput,
  actor: string,
  now: Date,
  ofRequest?: { requestId: string },
): Promise<Pilot> {
  const parsed = PilotInput.safeParse(input);
  if (!parsed.success) throw new InvalidInputError('invalid pilot', fieldErrors(parsed.error.issues));
  const body = parsed.data;
  if (body.customDevRequestId !== undefined)
    throw new InvalidInputError('the pilot cannot be linked like this', [
      {
        path: 'customDevRequestId',
        message:
          "a pilot is linked to a custom-development request only by that request's approve-as-pilot decision, which makes the pilot itself; create the pilot without it",
      },
    ]);
  const problems = scopingProblems(body);
  if (problems.length > 0) throw new InvalidInputError('the pilot cannot be scoped like this', problems);
  if (body.tenderId && !(await getTender(table(), org, body.tenderId)))
    throw new InvalidInputError('the pilot cannot be scoped like this', [
      { path: 'tenderId', message: `no tender ${body.tenderId} in this organisation` },
    ]);
  const policy = await pilotPolicyOf(table(), org);
  const at = now.toISOString();
  const pilot: Pilot = {
    id: ofRequest ? pilotIdOfRequest(ofRequest.requestId) : `p-${newId()}`,
    status: 'draft',
    client: body.client,
    title: body.title,
    objective: body.objective,
    scopeIn: body.scopeIn,
    scopeOut: body.scopeOut,
    criteria: withIds(body.criteria),
    startDate: body.startDate,
    endDate: body.endDate,
    plannedEndDate: body.endDate,
    cost: body.cost ?? null,
    conversion: body.conversion ?? null,
    owner: body.owner ?? null,
    customDevRequestId: ofRequest?.requestId ?? null,
    tenderId: body.tenderId ?? null,
    timeZone: policy.timeZone,
    warnings: scopingWarnings(body, policy),
    evaluation: null,
    followOn: null,
    statusReason: null,
    version: 1,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
  };
  await createPilot(table(), org, pilot, {
    entity: `pilot:${pilot.id}`,
    actor,
    at,
    action: 'create',
    before: {},
    after: {
      status: 'draft',
      ...(pilot.customDevRequestId ? { customDevRequestId: pilot.customDevRequestId } : {}),
    },
  });
  await schedulePilot(table(), org, pilot, policy, at);
  return pilot;
}

const EDITABLE_FIELDS = [
  'client',
  'title',
  'objective',
  'scopeIn',
  'scopeOut',
  'criteria',
  'startDate',
  'endDate',
  'plannedEndDate',
  'cost',
  'conversion',
  'owner',
  'warnings',
] as const satisfies readonly (keyof Pilot)[];

/** PATCH /pilots/{id}: a draft or scoped pilot's scope, checked again as a whole; its deadlines follow the dates. */
export async function editPilot(
  tableName: string,
  org: string,
  pilot: Pilot,
  patch: PilotPatch,
  actor: string,
  now: string,
): Promise<Pilot> {
  if (!EDITABLE_STATUSES.includes(pilot.status))
    throw new StateConflictError(
      `pilot ${pilot.id} is ${pilot.status}: its scope changes only while draft or scoped`,
    );
  const { criteria, cost, conversion, owner, ...rest } = patch;
  const next: Pilot = {
    ...pilot,
    ...rest,
    ...(criteria ? { criteria: withIds(criteria) } : {}),
    ...(cost !== undefined ? { cost } : {}),
    ...(conversion !== undefined ? { conversion } : {}),
    ...(owner !== undefined ? { owner } : {}),
  };
  if (patch.endDate) next.plannedEndDate = patch.endDate;
  const problems = scopingProblems(next);
  if (problems.length > 0) throw new InvalidInputError('the pilot cannot be scoped like this', problems);
  const policy = await pilotPolicyOf(tableName, org);
  next.warnings = scopingWarnings(next, policy);
  const { changed, fields, before, after } = fieldChanges(pilot, next, EDITABLE_FIELDS);
  if (changed.length === 0) return pilot;
  const version = await updatePilotAudited(tableName, org, pilot.id, pilot.version, fields, {
    entity: `pilot:${pilot.id}`,
    actor,
    at: now,
    action: 'update',
    before,
    after,
  });
  const updated = { ...next, version, updatedAt: now };
  await schedulePilot(tableName, org, updated, policy, now);
  return updated;
}

/** POST /pilots/{id}/transition: one step of the lifecycle (domain/pilots/lifecycle.ts), audited; deadlines follow. */
export async function transitionPilot(
  tableName: string,
  org: string,
  pilot: Pilot,
  input: TransitionInput,
  caller: Pick<Caller, 'user' | 'roles'>,
  now: string,
): Promise<Pilot> {
  const step = checkTransition(pilot, input, caller.roles);
  const policy = await pilotPolicyOf(tableName, org);
  const fields: Partial<Pilot> = {
    status: step.status,
    statusReason: input.reason ?? null,
    ...(step.endDate ? { endDate: step.endDate } : {}),
    ...(step.status === 'converted'
      ? {
          followOn: {
            client: pilot.client,
            title: pilot.title,
            contractValue: pilot.conversion?.contractValue ?? null,
            currency: pilot.conversion?.currency ?? null,
            decisionBy: conversionDecisionDate(pilot, policy),
            recordedAt: now,
            recordedBy: caller.user,
          },
        }
      : {}),
  };
  const version = await updatePilotAudited(tableName, org, pilot.id, pilot.version, fields, {
    entity: `pilot:${pilot.id}`,
    actor: caller.user,
    at: now,
    action: `transition:${pilot.status}->${step.status}`,
    before: { status: pilot.status, ...(step.endDate ? { endDate: pilot.endDate } : {}) },
    after: { ...fields, reason: input.reason ?? null },
  });
  const updated: Pilot = { ...pilot, ...fields, version, updatedAt: now };
  await schedulePilot(tableName, org, updated, policy, now);
  return updated;
}

/** A running evaluation older than this is taken to be lost (its workflow never reported back). */
const STALE_EVALUATION_MS = 15 * 60 * 1000;

/**
 * POST /pilots/{id}/evaluation: check the measurements against the pilot's criteria (400 naming each one
 * that names no criterion) and record them as a running evaluation; the caller starts the workflow.
 */
export async function requestEvaluation(
  tableName: string,
  org: string,
  pilot: Pilot,
  input: readonly MeasurementInput[],
  actor: string,
  now: string,
): Promise<Pilot & { evaluation: Evaluation }> {
  if (!EVALUABLE_STATUSES.includes(pilot.status))
    throw new StateConflictError(
      `pilot ${pilot.id} is ${pilot.status}: it is evaluated while ${EVALUABLE_STATUSES.join(' or ')}`,
    );
  const running = pilot.evaluation?.status === 'running' ? pilot.evaluation : undefined;
  if (running && Date.parse(now) - Date.parse(running.requestedAt) < STALE_EVALUATION_MS)
    throw new StateConflictError(`evaluation ${running.id} of pilot ${pilot.id} is still running`);
  const { measurements, problems } = resolveMeasurements(pilot.criteria, input, now);
  if (problems.length > 0) throw new InvalidInputError('invalid measurements', problems);
  const evaluation: Evaluation = {
    id: newId(),
    status: 'running',
    measurements,
    requestedAt: now,
    requestedBy: actor,
  };
  const version = await updatePilotAudited(
    tableName,
    org,
    pilot.id,
    pilot.version,
    { evaluation },
    {
      entity: `pilot:${pilot.id}`,
      actor,
      at: now,
      action: 'evaluation-requested',
      before: {
        evaluation: pilot.evaluation ? { id: pilot.evaluation.id, status: pilot.evaluation.status } : null,
      },
      after: { evaluation: { id: evaluation.id, status: 'running', measurements: measurements.length } },
    },
  );
  return { ...pilot, evaluation, version, updatedAt: now };
}
