import { computeDeadlines } from '../domain/deadlines/compute.ts';
import { diffDeadlines, settleFirstSeen } from '../domain/deadlines/deadline.ts';
import { WorkingCalendarSetting } from '../domain/deadlines/official-calendar.ts';
import type { OfficialCalendar } from '../domain/deadlines/working-days.ts';
import { planReminders, remindable } from '../domain/reminders/plan.ts';
import { suspendedAlert } from '../domain/reminders/suspended-alert.ts';
import { movedAlert, rescheduleReminders } from '../domain/reminders/sweep.ts';
import type { Alert } from '../domain/reminders/types.ts';
import { allItems } from '../store/checklist.ts';
import { writeDeadlineChange } from '../store/deadline-change.ts';
import { putDeadlines, type StoredDeadline, tenderDeadlines } from '../store/deadlines.ts';
import { tenderEvents } from '../store/events.ts';
import { evidenceByIds } from '../store/evidence.ts';
import { remindersOf } from '../store/reminders.ts';
import { getSetting } from '../store/settings.ts';
import { getTender } from '../store/tenders.ts';
import { catchUp, reminderPlanOf } from './reminder-plan.ts';

export { catchUp, reminderPlanOf };

/** The organisation's official working calendars (`PUT /settings/working-calendar`), none when unset. */
export async function workingCalendarsOf(table: string, org: string): Promise<OfficialCalendar[]> {
  const stored = await getSetting(table, org, 'working-calendar');
  const parsed = stored ? WorkingCalendarSetting.safeParse(stored.value) : undefined;
  return parsed?.success ? parsed.data.calendars : [];
}

/** Same deadline content (ignoring bookkeeping), so an unchanged one is not rewritten. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => k !== 'updatedAt')
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
const same = (a: StoredDeadline, b: StoredDeadline) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Recompute a tender's deadlines from everything they depend on (the tender's periods and milestones, its
 * procurement events, checklist due dates, attached evidence) and make the store follow: a deadline already
 * past when first scheduled is stored `passed` (no reminders, no "missed" alert); changed deadlines
 * are rewritten (SEQUENCE bumped when one moves), each in one transaction with its unsent reminders'
 * replacement and, for a move, a "moved from X to Y" alert in the outbox. Idempotent and crash-safe: a
 * re-run moves nothing twice. Returns the moved alerts to deliver. The working-calendar recompute
 * (flows/calendar-recompute.ts) runs this same path.
 */
export async function scheduleTender(
  table: string,
  org: string,
  tenderId: string,
  now: string,
): Promise<{ deadlines: StoredDeadline[]; moved: Alert[] }> {
  const [tender, items, events, before, plan, calendars] = await Promise.all([
    getTender(table, org, tenderId),
    allItems(table, org, tenderId),
    tenderEvents(table, org, tenderId),
    tenderDeadlines(table, org, tenderId),
    reminderPlanOf(table, org),
    workingCalendarsOf(table, org),
  ]);
  if (!tender?.timeZone || tender.status === 'intake-failed') return { deadlines: before, moved: [] };
  const attached = await evidenceByIds(
    table,
    org,
    items.flatMap((i) => i.evidence.map((e) => e.evidenceId)),
  );
  const computed = computeDeadlines({
    tenderId,
    tender: {
      periods: tender.periods ?? {},
      lots: tender.lots ?? [],
      timeZone: tender.timeZone,
      ...(tender.timeZoneSource ? { timeZoneSource: tender.timeZoneSource } : {}),
      buyer: tender.buyer ?? null,
      status: tender.procurementStatus ?? null,
      milestones: tender.milestones ?? [],
      // what a rule's appliesTo reads: the EU thresholds (minValue), the procedure (open / selective)
      value: tender.value ?? null,
      procurementMethod: tender.procurementMethod ?? null,
    },
    events,
    items: items.map((i) => ({
      itemId: i.itemId,
      title: i.title.en ?? Object.values(i.title)[0] ?? i.key,
      dueAt: i.dueAt,
      owner: i.owner,
      status: i.status,
    })),
    evidence: [...attached.values()].map((e) => ({
      evidenceId: e.evidenceId,
      title: e.title,
      validUntil: e.validUntil,
    })),
    calendars,
    now,
  });
  const prior = new Map(before.map((d) => [d.deadlineId, d]));
  const diff = diffDeadlines(before, computed);
  const movedIds = new Map(diff.moved.map((m) => [m.deadlineId, m]));
  const changed: StoredDeadline[] = [];
  for (const computedDeadline of computed) {
    const old = prior.get(computedDeadline.deadlineId);
    const d = settleFirstSeen(computedDeadline, old);
    const kept = old?.metManually ? { ...d, status: 'met' as const, metManually: old.metManually } : d;
    const next: StoredDeadline = {
      ...kept,
      sequence: (old?.sequence ?? 0) + (movedIds.has(d.deadlineId) ? 1 : 0),
      updatedAt: now,
    };
    if (!old || !same(old, next) || old.sequence !== next.sequence) changed.push(next);
  }
  for (const gone of diff.removed) {
    const old = prior.get(gone.deadlineId);
    if (old && old.status !== 'cancelled')
      changed.push({ ...old, status: 'cancelled', sequence: old.sequence + 1, updatedAt: now });
  }
  const alerts = new Map<string, Alert>();
  for (const m of diff.moved) {
    const d = changed.find((c) => c.deadlineId === m.deadlineId);
    if (d && remindable(d)) alerts.set(d.deadlineId, movedAlert(d, m.from, m.to, { sequence: d.sequence }));
  }
  // a deadline put on hold (a complaint) says so once: its reminders are withdrawn with it
  for (const d of changed)
    if (
      d.status === 'suspended' &&
      prior.get(d.deadlineId)?.status !== 'suspended' &&
      !alerts.has(d.deadlineId)
    )
      alerts.set(d.deadlineId, suspendedAlert(d));
  // Each changed deadline is written with its reminders' replacement and its "moved" alert in one
  // transaction (store/deadline-change.ts): a run that dies half-way has written whole changes only, so
  // the next run finds the rest still to do and derives the same alerts — none lost, none twice.
  const plain: StoredDeadline[] = [];
  const moved: Alert[] = [];
  for (const d of changed) {
    const old = await remindersOf(table, org, tenderId, d.deadlineId);
    const { toDelete, toPut } = rescheduleReminders(old, catchUp(planReminders(d, plan), now));
    const alert = alerts.get(d.deadlineId);
    if (!alert && toDelete.length === 0 && toPut.length === 0) {
      plain.push(d);
      continue;
    }
    if (
      (await writeDeadlineChange(table, org, d, { toDelete, toPut }, alert, now)) &&
      alert?.kind === 'moved'
    )
      moved.push(alert);
  }
  await putDeadlines(table, org, plain);
  return { deadlines: await tenderDeadlines(table, org, tenderId), moved };
}
