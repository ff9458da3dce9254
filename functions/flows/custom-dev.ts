import { createHash } from 'node:crypto';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { fieldChanges } from '../domain/audit.ts';
import { type Economics, economicsOf } from '../domain/custom-dev/economics.ts';
import { type CustomDevRequest, TRACKED_FIELDS } from '../domain/custom-dev/request.ts';
import { acceptsInputs, assertTransition } from '../domain/custom-dev/types.ts';
import { registeredDeadline } from '../domain/deadlines/deadline.ts';
import { planReminders } from '../domain/reminders/plan.ts';
import { rescheduleReminders } from '../domain/reminders/sweep.ts';
import type { Alert } from '../domain/reminders/types.ts';
import { sfn } from '../lib/clients/sfn.ts';
import { StateConflictError } from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { putAlertOnce } from '../store/alerts.ts';
import { updateRequest } from '../store/custom-dev-requests.ts';
import { getDeadline, putDeadlines, type StoredDeadline } from '../store/deadlines.ts';
import { remindersOf, replaceReminders } from '../store/reminders.ts';
import { getSetting } from '../store/settings.ts';
import { catchUp, reminderPlanOf } from './schedule.ts';

/** The organisation's custom-development economics (the defaults when never set). */
export async function economicsFor(table: string, org: string): Promise<Economics> {
  return economicsOf((await getSetting(table, org, 'custom-dev-economics'))?.value);
}

/** What the assessment workflow is started with. */
export interface AssessmentStart {
  org: string;
  requestId: string;
  revision: number;
}

/**
 * Record a technical or commercial input (the caller checked If-Match against `current.version`). Once
 * both are recorded the request goes to `assessing` with a new inputs revision, and the caller starts
 * the assessment workflow for that revision. Returns the request as it now is.
 */
export async function recordInput(
  table: string,
  org: string,
  current: CustomDevRequest,
  input: Pick<Partial<CustomDevRequest>, 'technical' | 'commercial'>,
  actor: string,
  at: string,
): Promise<{ request: CustomDevRequest; assess: AssessmentStart | null }> {
  if (!acceptsInputs(current.status))
    throw new StateConflictError(`the request is ${current.status}: its inputs can no longer change`);
  const merged = { ...current, ...input };
  const complete = merged.technical !== null && merged.commercial !== null;
  if (complete) assertTransition(current.status, 'assessing', 'start an assessment');
  const fields: Partial<CustomDevRequest> = {
    ...input,
    ...(complete
      ? { status: 'assessing' as const, inputsRevision: current.inputsRevision + 1, assessmentError: null }
      : {}),
  };
  const [name] = Object.keys(input);
  const { before, after } = fieldChanges(current, fields, TRACKED_FIELDS);
  const request = await updateRequest(table, org, current, fields, {
    actor,
    at,
    action: `record-${name ?? 'input'}`,
    before,
    after,
  });
  return {
    request,
    assess: complete ? { org, requestId: current.requestId, revision: request.inputsRevision } : null,
  };
}

/** Start a workflow execution with a deterministic name (a repeat of the same start is the same execution). */
export async function startExecution(
  stateMachineArn: string,
  name: string,
  input: unknown,
): Promise<string | undefined> {
  try {
    const res = await sfn().send(
      new StartExecutionCommand({ stateMachineArn, name: name.slice(0, 80), input: JSON.stringify(input) }),
    );
    return res.executionArn;
  } catch (e) {
    if (e instanceof Error && e.name === 'ExecutionAlreadyExists') return undefined;
    throw e;
  }
}

/** The decision deadline's id: the request's `neededBy`, a deadline without a tender (stored under `-`). */
export function decisionDeadline(r: CustomDevRequest, now: string) {
  if (!r.neededBy) return undefined;
  return registeredDeadline({
    tenderId: null,
    source: { type: 'custom-dev-request', ref: r.requestId },
    kind: 'custom',
    title: `Decide on custom development for ${r.client}: ${r.title}`,
    dueAt: r.neededBy,
    timeZone: r.timeZone,
    risk: 'high',
    owners: [r.createdBy],
    // decided, either way: the deadline to decide is met
    met: r.decision !== null,
    now,
  });
}

/**
 * Register (or update) the request's decision deadline in the deadlines module: it appears in
 * GET /deadlines and the calendar feed, with reminders from the organisation's plan; a decision meets it.
 */
export async function registerDecisionDeadline(
  table: string,
  org: string,
  r: CustomDevRequest,
  now: string,
): Promise<StoredDeadline | undefined> {
  const d = decisionDeadline(r, now);
  if (!d) return undefined;
  const old = await getDeadline(table, org, '-', d.deadlineId);
  const next: StoredDeadline = {
    ...(d.status === 'missed' && !old ? { ...d, status: 'passed' as const } : d),
    sequence: (old?.sequence ?? 0) + (old && old.dueAt !== d.dueAt ? 1 : 0),
    updatedAt: now,
  };
  await putDeadlines(table, org, [next]);
  const plan = await reminderPlanOf(table, org);
  const existing = await remindersOf(table, org, '-', next.deadlineId);
  const { toDelete, toPut } = rescheduleReminders(existing, catchUp(planReminders(next, plan), now));
  if (toDelete.length || toPut.length) await replaceReminders(table, org, '-', next, toDelete, toPut);
  return next;
}

/** A notice in the outbox (the sweep delivers it to the alert topic and the webhook): once per key. */
export async function notify(
  table: string,
  org: string,
  r: CustomDevRequest,
  what: { key: string; title: string; text: string },
  now: string,
): Promise<Alert> {
  const deadline = decisionDeadline(r, now);
  const alert: Alert = {
    alertId: `cdr-${createHash('sha256')
      .update(JSON.stringify([r.requestId, what.key]))
      .digest('hex')
      .slice(0, 32)}`,
    deadlineId: deadline?.deadlineId ?? '',
    tenderId: r.tenderId,
    kind: 'notice',
    title: what.title,
    text: what.text,
    dueAt: deadline?.dueAt ?? now,
    timeZone: r.timeZone,
    risk: 'normal',
    recipients: { roles: ['product-manager', 'approver'], owners: [r.createdBy] },
    reminderIds: [],
  };
  if (!(await putAlertOnce(table, org, alert, now)))
    log.info('notice already in the outbox', { alertId: alert.alertId });
  return alert;
}
