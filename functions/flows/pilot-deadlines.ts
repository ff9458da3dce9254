import { registeredDeadline, settleFirstSeen } from '../domain/deadlines/deadline.ts';
import { pilotMilestones } from '../domain/pilots/milestones.ts';
import type { Pilot, PilotPolicy } from '../domain/pilots/types.ts';
import { planReminders, remindable } from '../domain/reminders/plan.ts';
import { movedAlert, rescheduleReminders } from '../domain/reminders/sweep.ts';
import type { Alert } from '../domain/reminders/types.ts';
import { putAlertOnce } from '../store/alerts.ts';
import { getDeadline, putDeadlines, type StoredDeadline } from '../store/deadlines.ts';
import { remindersOf, replaceReminders } from '../store/reminders.ts';
import { NO_TENDER } from './pilot-milestones.ts';
import { catchUp, reminderPlanOf } from './reminder-plan.ts';

/**
 * Make a pilot's milestone deadlines follow the pilot (domain/pilots/milestones.ts): new or moved dates
 * are written (SEQUENCE bumped on a move, a "moved" alert in the outbox), their unsent reminders replaced
 * by the organisation's reminder plan, and the pilot's status meets or cancels them. A deadline someone
 * marked met by hand stays met. Idempotent: scheduling the same pilot again changes nothing.
 */
export async function schedulePilot(
  table: string,
  org: string,
  pilot: Pilot,
  policy: PilotPolicy,
  now: string,
): Promise<{ deadlines: StoredDeadline[]; moved: Alert[] }> {
  const plan = await reminderPlanOf(table, org);
  const computed = pilotMilestones(pilot, policy).map(({ milestone: _m, ...input }) =>
    registeredDeadline({ ...input, now }),
  );
  const deadlines: StoredDeadline[] = [];
  const moves: { d: StoredDeadline; from: string }[] = [];
  for (const c of computed) {
    const old = await getDeadline(table, org, NO_TENDER, c.deadlineId);
    const d = settleFirstSeen(c, old);
    const movedFrom = old && Date.parse(old.dueAt) !== Date.parse(d.dueAt) ? old.dueAt : undefined;
    const kept =
      old?.metManually && d.status !== 'cancelled'
        ? { ...d, status: 'met' as const, metManually: old.metManually }
        : d;
    const next: StoredDeadline = {
      ...kept,
      sequence: (old?.sequence ?? 0) + (movedFrom ? 1 : 0),
      updatedAt: now,
    };
    deadlines.push(next);
    if (movedFrom) moves.push({ d: next, from: movedFrom });
  }
  await putDeadlines(table, org, deadlines);
  for (const d of deadlines) {
    const old = await remindersOf(table, org, NO_TENDER, d.deadlineId);
    const { toDelete, toPut } = rescheduleReminders(old, catchUp(planReminders(d, plan), now));
    if (toDelete.length || toPut.length) await replaceReminders(table, org, NO_TENDER, d, toDelete, toPut);
  }
  const moved: Alert[] = [];
  for (const { d, from } of moves) {
    if (!remindable(d)) continue;
    const alert = movedAlert(d, from, d.dueAt, { sequence: d.sequence });
    if (await putAlertOnce(table, org, alert, now)) moved.push(alert);
  }
  return { deadlines, moved };
}
