import { describe, expect, it } from 'vitest';
import { defaultReminderPlan, planReminders } from '../../../functions/domain/reminders/plan.ts';
import {
  alertAsOf,
  type DueReminder,
  deadlinesToMarkMissed,
  foldDue,
  movedAlert,
  rescheduleReminders,
  span,
  sweepPlan,
  timeLeft,
} from '../../../functions/domain/reminders/sweep.ts';
import type { DeadlineLike, Reminder, StoredReminder } from '../../../functions/domain/reminders/types.ts';
import { catchUp } from '../../../functions/flows/reminder-plan.ts';
import { SIGNING_DUE, signingDeadline } from '../../support/deadlines.ts';

const DUE = SIGNING_DUE; // 23:59 Moscow

const deadline = signingDeadline;

/** The sweep's view: every planned reminder of the deadline, joined with the deadline as it is now. */
const rows = (d: DeadlineLike, planned: DeadlineLike = d): DueReminder[] =>
  planReminders(planned, defaultReminderPlan).map((r) => ({ ...r, deadline: d }));

const byOffset = (all: DueReminder[], ...offsets: string[]) =>
  all.filter((r) => r.kind !== 'missed' && offsets.includes(r.offset));

describe('foldDue', () => {
  it('folds the stale reminders of one deadline into one alert naming the latest, with the time left as of now', () => {
    // Down from before the 7-day reminder until after the 1-day one; the 4-hour one is not due yet.
    // 12:00 UTC, due 20:59 UTC: 8 h 59 min left — not the plan's "1 day".
    const now = '2027-01-15T12:00:00.000Z';

    const alerts = foldDue(rows(deadline()), now);

    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'reminder',
      deadlineId: 'd-1',
      tenderId: 't-1',
      risk: 'critical',
      dueAt: DUE,
      timeZone: 'Europe/Moscow',
      title: '[critical] Contract signing due in 9 hours',
      text: 'Contract signing (44-FZ Art. 51) due 2027-01-15 23:59 Europe/Moscow (20:59 UTC) — due in 9 hours [3 earlier reminders superseded by this one]',
      recipients: { roles: ['bid-manager'], owners: ['u-anna'] },
    });
    expect(alerts[0]?.reminderIds.map((id) => id.split('#').at(-1))).toEqual(['P14D', 'P7D', 'P3D', 'P1D']);
  });

  it('makes the same alert id when a sweep is retried over the same reminders, in any order', () => {
    const due = byOffset(rows(deadline()), 'P7D', 'P3D', 'P1D');
    const now = '2027-01-15T12:00:00.000Z';

    const first = foldDue(due, now);
    const retried = foldDue([...due].reverse(), '2027-01-15T12:01:00.000Z');
    const other = foldDue(due.slice(1), now);

    expect(retried[0]?.alertId).toBe(first[0]?.alertId);
    expect(other[0]?.alertId).not.toBe(first[0]?.alertId);
    expect(first[0]?.text).toContain('— due in 9 hours [2 earlier reminders superseded by this one]');
  });

  it('sends a single reminder on time without folding, one alert per deadline', () => {
    const other = deadline({ deadlineId: 'd-2', title: 'Bid submission', dueAt: '2027-01-18T05:00:00.000Z' });
    const due = [...byOffset(rows(deadline()), 'P1D'), ...byOffset(rows(other), 'P3D')];

    const alerts = foldDue(due, '2027-01-15T06:00:00.000Z');

    expect(alerts.map((a) => [a.deadlineId, a.text.split(' — ')[1]])).toEqual([
      ['d-1', 'due in 15 hours'],
      ['d-2', 'due in 3 days'],
    ]);
  });

  it('escalates a deadline still open at due to the bid manager as missed, and marks it missed', () => {
    const d = deadline({ risk: 'normal', owners: ['u-anna'] });
    const due = byOffset(rows(d), 'PT0S');
    const now = '2027-01-15T21:00:00.000Z';

    const [alert] = foldDue(due, now);

    expect(alert?.kind).toBe('missed');
    expect(alert?.title).toBe('[normal] MISSED: Contract signing — overdue by 1 minute');
    expect(alert?.recipients).toEqual({ roles: ['bid-manager'], owners: ['u-anna'] });
    expect(alert?.text).toContain('was due 2027-01-15 23:59 Europe/Moscow (20:59 UTC)');
    expect(deadlinesToMarkMissed(due, now)).toEqual(['d-1']);
  });

  it('repeats daily while missed, saying for how long', () => {
    const d = deadline({ status: 'missed' });
    const due = rows(d).filter((r) => r.reminderId.endsWith('#missed-2'));

    const [alert] = foldDue(due, '2027-01-17T21:00:00.000Z');

    expect(alert?.kind).toBe('missed');
    expect(alert?.text).toContain('— overdue by 2 days and it is not marked met');
    expect(deadlinesToMarkMissed(due, '2027-01-17T21:00:00.000Z')).toEqual([]);
  });

  it('sends nothing for a deadline met or cancelled since its reminders were planned', () => {
    const planned = deadline();
    const now = '2027-01-15T12:00:00.000Z';

    expect(foldDue(rows(deadline({ status: 'met' }), planned), now)).toEqual([]);
    expect(foldDue(rows(deadline({ status: 'cancelled' }), planned), now)).toEqual([]);
  });

  it('ignores a leftover reminder planned for the due time the deadline had before it moved', () => {
    const moved = deadline({ dueAt: '2027-01-25T20:59:00.000Z' });

    expect(foldDue(rows(moved, deadline()), '2027-01-15T12:00:00.000Z')).toEqual([]);
  });
});

describe('rescheduleReminders', () => {
  const sentBy =
    (now: string) =>
    (r: Reminder): StoredReminder =>
      r.sendAt <= now ? { ...r, sentAt: now } : r;

  it('replaces the pending reminders of a moved deadline and keeps the sent ones as history', () => {
    const now = '2027-01-10T09:00:00.000Z'; // after the 14-day and 7-day reminders went out
    const stored = planReminders(deadline(), defaultReminderPlan).map(sentBy(now));
    const next = planReminders(deadline({ dueAt: '2027-01-22T15:00:00.000Z' }), defaultReminderPlan);

    const diff = rescheduleReminders(stored, next);

    expect(diff.keep.map((r) => r.offset)).toEqual(['P14D', 'P7D']);
    expect(diff.toDelete).toEqual(stored.filter((r) => !r.sentAt).map((r) => r.reminderId));
    expect(diff.toPut).toEqual(next);
    expect(diff.toPut.find((r) => r.offset === 'P7D')?.sendAt).toBe('2027-01-15T15:00:00.000Z');
  });

  it('changes nothing when applied twice (a retried move)', () => {
    const stored = planReminders(deadline(), defaultReminderPlan);
    const next = planReminders(deadline({ dueAt: '2027-01-22T15:00:00.000Z' }), defaultReminderPlan);
    const { toDelete, toPut } = rescheduleReminders(stored, next);
    const applied = [...stored.filter((r) => !toDelete.includes(r.reminderId)), ...toPut];

    expect(rescheduleReminders(applied, next)).toEqual({ toDelete: [], toPut: [], keep: [] });
  });

  it('rewrites pending reminders whose recipients changed, and never resends a sent one', () => {
    const stored = planReminders(deadline(), defaultReminderPlan).map(sentBy('2027-01-02T00:00:00.000Z'));
    const next = planReminders(deadline({ owners: ['u-boris'] }), defaultReminderPlan);

    const diff = rescheduleReminders(stored, next);

    expect(diff.toDelete).toEqual([]);
    expect(diff.toPut).toHaveLength(next.length - 1);
    expect(diff.toPut.map((r) => r.reminderId)).not.toContain(stored[0]?.reminderId);
    expect(stored[0]).toMatchObject({ offset: 'P14D', sentAt: '2027-01-02T00:00:00.000Z' });
    expect(diff.toPut.every((r) => r.recipients.owners[0] === 'u-boris')).toBe(true);
  });
});

describe('movedAlert', () => {
  it("tells where the deadline moved from and to, in the buyer's zone and in UTC", () => {
    const to = '2027-01-20T15:00:00.000Z';

    const alert = movedAlert(deadline({ dueAt: to }), DUE, to);

    expect(alert).toMatchObject({
      kind: 'moved',
      dueAt: to,
      title: '[critical] Deadline moved: Contract signing',
      text: 'Contract signing (44-FZ Art. 51): deadline moved from 2027-01-15 23:59 Europe/Moscow (20:59 UTC) to 2027-01-20 18:00 Europe/Moscow (15:00 UTC)',
      recipients: { roles: ['bid-manager'], owners: ['u-anna'] },
      reminderIds: [],
    });
  });

  it('gives a retried move the same id, and a move back or a later revision another', () => {
    const to = '2027-01-20T15:00:00.000Z';
    const id = (from: string, at: string, sequence?: number) =>
      movedAlert(deadline({ dueAt: at }), from, at, sequence === undefined ? {} : { sequence }).alertId;

    expect(id(DUE, to)).toBe(id('2027-01-15T23:59:00+03:00', to));
    expect(id(to, DUE)).not.toBe(id(DUE, to));
    expect(id(DUE, to, 3)).not.toBe(id(DUE, to, 1));
  });

  it('shows the UTC date when it differs from the local date', () => {
    const to = '2027-01-20T22:30:00.000Z'; // 01:30 on the 21st in Moscow

    expect(movedAlert(deadline({ dueAt: to }), DUE, to).text).toContain(
      'to 2027-01-21 01:30 Europe/Moscow (2027-01-20 22:30 UTC)',
    );
  });
});

describe('foldDue for a deadline that passed long ago', () => {
  it('says how late it really is, not the plan offset of the reminder it was caught up to', () => {
    const d = deadline();
    const missed = rows(d).filter((r) => r.kind === 'missed');
    const last = missed.slice(-1);
    expect(last).toHaveLength(1);
    const caughtUp = last.map((r) => ({ ...r, sendAt: '2035-02-01T00:00:00.000Z' }));
    const [alert] = foldDue(caughtUp, '2035-02-01T00:00:00.000Z');
    expect(alert?.text).toContain('overdue by 8 years');
  });
});

describe('the time left, as of sending', () => {
  it('rounds to the unit a person would say', () => {
    const min = 60_000;
    const hour = 60 * min;
    const day = 24 * hour;
    expect(span(10_000)).toBe('less than a minute');
    expect(span(min)).toBe('1 minute');
    expect(span(30 * min)).toBe('30 minutes');
    expect(span(59.6 * min)).toBe('1 hour');
    expect(span(4 * hour - min)).toBe('4 hours'); // a sweep a minute after the plan's "4 hours before"
    expect(span(day - min)).toBe('1 day');
    expect(span(30 * hour)).toBe('1 day 6 hours');
    expect(span(7 * day - min)).toBe('7 days');
    expect(span(90 * day)).toBe('3 months');
    expect(span(8 * 365.25 * day)).toBe('8 years');
    expect(timeLeft(DUE, '2027-01-15T20:29:00.000Z')).toBe('due in 30 minutes');
    expect(timeLeft(DUE, '2027-01-13T20:59:00.000Z')).toBe('due in 2 days');
    expect(timeLeft(DUE, '2027-01-15T23:59:00.000Z')).toBe('overdue by 3 hours');
  });

  it('a tender imported 30 minutes before its deadline says "due in 30 minutes", not the plan\'s "4 hours"', () => {
    const now = '2027-01-15T20:29:00.000Z';
    // intake catches the plan up: the 4-hour reminder (the latest past one) is due now
    const due = catchUp(planReminders(deadline(), defaultReminderPlan), now)
      .filter((r) => r.sendAt <= now)
      .map((r) => ({ ...r, deadline: deadline() }));
    expect(due.map((r) => r.offset)).toEqual(['PT4H']);
    const [alert] = foldDue(due, now);
    expect(alert?.title).toBe('[critical] Contract signing due in 30 minutes');
    expect(alert?.text).toContain('— due in 30 minutes');
  });

  it('a delivery retried later states it again as of sending; the id stays the same', () => {
    const [alert] = foldDue(byOffset(rows(deadline()), 'P1D'), '2027-01-14T21:00:00.000Z');
    if (!alert) throw new Error('no alert');
    expect(alert.title).toBe('[critical] Contract signing due in 1 day');
    const retried = alertAsOf(alert, '2027-01-15T17:59:00.000Z');
    expect(retried.title).toBe('[critical] Contract signing due in 3 hours');
    expect(retried.text).toContain('— due in 3 hours');
    expect(retried.alertId).toBe(alert.alertId);
    expect(alertAsOf(alert, '2027-01-16T00:00:00.000Z').text).toContain('— overdue by 3 hours');
  });
});

describe('supersession: a later reminder of the same deadline wins', () => {
  it('in one sweep, the earlier due reminders are superseded by the latest, not delivered', () => {
    const due = byOffset(rows(deadline()), 'P7D', 'P3D', 'P1D');
    const plan = sweepPlan(due, '2027-01-15T12:00:00.000Z');
    expect(plan.alerts).toHaveLength(1);
    const [alert] = plan.alerts;
    const latest = due.find((r) => r.offset === 'P1D')?.reminderId;
    expect(plan.superseded.map((s) => [s.reminderId.split('#').at(-1), s.by, s.alertId])).toEqual([
      ['P7D', latest, alert?.alertId],
      ['P3D', latest, alert?.alertId],
    ]);
  });

  it('a reminder earlier than one already sent (a claim taken over after its lease) makes no alert at all', () => {
    const all = rows(deadline());
    const sevenDays = byOffset(all, 'P7D');
    const oneDay = byOffset(all, 'P1D');
    const plan = sweepPlan(sevenDays, '2027-01-15T12:00:00.000Z', oneDay);
    expect(plan.alerts).toEqual([]);
    expect(plan.superseded).toEqual([
      { reminderId: sevenDays[0]?.reminderId, deadlineId: 'd-1', by: oneDay[0]?.reminderId },
    ]);
    // a later one still goes out after an earlier one was sent
    expect(sweepPlan(oneDay, '2027-01-15T12:00:00.000Z', sevenDays).alerts).toHaveLength(1);
    // a reminder sent for the due instant the deadline had before a move supersedes nothing
    const moved = deadline({ dueAt: '2027-01-25T20:59:00.000Z' });
    const movedRows = byOffset(rows(moved), 'P7D');
    expect(sweepPlan(movedRows, '2027-01-18T21:00:00.000Z', oneDay).alerts).toHaveLength(1);
  });

  it('a superseded reminder is settled: a reschedule never puts it back', () => {
    const [p7] = byOffset(rows(deadline()), 'P7D');
    if (!p7) throw new Error('no reminder');
    const { deadline: _d, ...reminder } = p7;
    const stored: StoredReminder[] = [{ ...reminder, supersededAt: '2027-01-15T12:00:00.000Z' }];
    const diff = rescheduleReminders(stored, [reminder]);
    expect(diff.toPut).toEqual([]);
    expect(diff.keep).toHaveLength(1);
  });
});
