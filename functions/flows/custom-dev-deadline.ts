import { createHash } from 'node:crypto';
import type { CustomDevRequest } from '../domain/custom-dev/request.ts';
import { registeredDeadline } from '../domain/deadlines/deadline.ts';
import { planReminders } from '../domain/reminders/plan.ts';
import { rescheduleReminders } from '../domain/reminders/sweep.ts';
import type { Alert } from '../domain/reminders/types.ts';
import { log } from '../lib/log.ts';
import { putAlertOnce } from '../store/alerts.ts';
import { getDeadline, putDeadlines, type StoredDeadline } from '../store/deadlines.ts';
import { remindersOf, replaceReminders } from '../store/reminders.ts';
import { catchUp, reminderPlanOf } from './schedule.ts';

/**
 * What a custom-development request puts in the deadlines module and the outbox: its decision deadline
 * (with reminders) and its notices. Kept apart from flows/custom-dev.ts so the API handlers that record
 * inputs do not bundle the deadline computation.
 */

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
