import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Deadline } from '../../../functions/domain/deadlines/types.ts';
import {
  defaultReminderPlan,
  planReminders,
  type ReminderPlan,
  ReminderPlanSchema,
} from '../../../functions/domain/reminders/plan.ts';
import type { DeadlineLike } from '../../../functions/domain/reminders/types.ts';
import { signingDeadline } from '../../support/deadlines.ts';

const deadline = signingDeadline;

const offsetsOf = (d: DeadlineLike, plan: ReminderPlan = defaultReminderPlan) =>
  planReminders(d, plan).map((r) => `${r.kind}:${r.offset}`);

describe('planReminders', () => {
  it('takes a full Deadline where it asks for a DeadlineLike', () => {
    expectTypeOf<Deadline>().toExtend<DeadlineLike>();
  });

  it('plans a critical deadline 14 d, 7 d, 3 d, 1 d, 4 h before and at due, then daily for 14 days', () => {
    const reminders = planReminders(deadline(), defaultReminderPlan);

    expect(reminders.slice(0, 6).map((r) => [r.offset, r.kind, r.sendAt])).toEqual([
      ['P14D', 'before', '2027-01-01T20:59:00.000Z'],
      ['P7D', 'before', '2027-01-08T20:59:00.000Z'],
      ['P3D', 'before', '2027-01-12T20:59:00.000Z'],
      ['P1D', 'before', '2027-01-14T20:59:00.000Z'],
      ['PT4H', 'before', '2027-01-15T16:59:00.000Z'],
      ['PT0S', 'due', '2027-01-15T20:59:00.000Z'],
    ]);
    const missed = reminders.slice(6);
    expect(missed).toHaveLength(14);
    expect(missed.every((r) => r.kind === 'missed')).toBe(true);
    expect(missed[0]).toMatchObject({ offset: 'P1D', sendAt: '2027-01-16T20:59:00.000Z' });
    expect(missed.at(-1)).toMatchObject({ offset: 'P14D', sendAt: '2027-01-29T20:59:00.000Z' });
  });

  it('gives stable ids that carry the due instant, and the recipients by role and by owner', () => {
    const [first] = planReminders(deadline(), defaultReminderPlan);
    const missed = planReminders(deadline(), defaultReminderPlan).find((r) => r.kind === 'missed');

    expect(first?.reminderId).toBe('d-1#2027-01-15T20:59:00.000Z#P14D');
    expect(missed?.reminderId).toBe('d-1#2027-01-15T20:59:00.000Z#missed-1');
    expect(first?.recipients).toEqual({ roles: ['bid-manager'], owners: ['u-anna'] });
    expect(planReminders(deadline(), defaultReminderPlan)).toEqual(
      planReminders(deadline(), defaultReminderPlan),
    );
  });

  it('plans high risk 7 d, 3 d, 1 d, at due, and daily while missed up to 7 days', () => {
    expect(offsetsOf(deadline({ risk: 'high' }))).toEqual([
      'before:P7D',
      'before:P3D',
      'before:P1D',
      'due:PT0S',
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `missed:P${n}D`),
    ]);
  });

  it('plans normal risk 3 d, 1 d and at due, with no repeats', () => {
    expect(offsetsOf(deadline({ risk: 'normal' }))).toEqual(['before:P3D', 'before:P1D', 'due:PT0S']);
  });

  it('always adds the check at due, which is what lets the sweep mark a deadline missed', () => {
    expect(offsetsOf(deadline({ risk: 'info' }))).toEqual(['before:P1D', 'due:PT0S']);
  });

  it('takes the missed horizon from the options where the plan names none', () => {
    const missed = (risk: DeadlineLike['risk']) =>
      planReminders(deadline({ risk }), defaultReminderPlan, { missedHorizon: 'P3D' }).filter(
        (r) => r.kind === 'missed',
      );

    expect(missed('critical').map((r) => r.offset)).toEqual(['P1D', 'P2D', 'P3D']);
    expect(missed('high')).toHaveLength(7);
  });

  it.each(['met', 'cancelled'] as const)('plans nothing for a %s deadline', (status) => {
    expect(planReminders(deadline({ status }), defaultReminderPlan)).toEqual([]);
  });

  it('still plans for a deadline already missed, so the daily repeats go on', () => {
    expect(planReminders(deadline({ status: 'missed' }), defaultReminderPlan)).toHaveLength(20);
  });

  it("counts days in the buyer's zone across a daylight-saving change", () => {
    // Berlin moves to summer time on 2027-03-28; due 12:00 local on the 29th.
    const d = deadline({ dueAt: '2027-03-29T10:00:00.000Z', timeZone: 'Europe/Berlin', risk: 'normal' });

    expect(planReminders(d, defaultReminderPlan).map((r) => r.sendAt)).toEqual([
      '2027-03-26T11:00:00.000Z', // 12:00 CET
      '2027-03-28T10:00:00.000Z', // 12:00 CEST
      '2027-03-29T10:00:00.000Z',
    ]);
  });

  it('gives a moved deadline all-new ids', () => {
    const before = planReminders(deadline(), defaultReminderPlan).map((r) => r.reminderId);
    const after = planReminders(deadline({ dueAt: '2027-01-20T15:00:00.000Z' }), defaultReminderPlan).map(
      (r) => r.reminderId,
    );

    expect(after.filter((id) => before.includes(id))).toEqual([]);
  });

  it('sends to the bid managers when nobody else would get the reminder', () => {
    const [r] = planReminders(deadline({ risk: 'info', owners: [] }), defaultReminderPlan);

    expect(r?.recipients).toEqual({ roles: ['bid-manager'], owners: [] });
  });
});

describe('ReminderPlanSchema', () => {
  it('accepts the default plan', () => {
    expect(ReminderPlanSchema.parse(defaultReminderPlan)).toEqual(defaultReminderPlan);
  });

  it.each([
    ['an offset that is no duration', { offsets: ['3 days'] }, ['critical', 'offsets', 0]],
    ['a negative offset', { offsets: ['-P1D'] }, ['critical', 'offsets', 0]],
    ['an offset of more than a year', { offsets: ['P2Y'] }, ['critical', 'offsets', 0]],
    ['duplicate offsets', { offsets: ['P1D', 'P1D'] }, ['critical', 'offsets']],
    [
      'an unknown role',
      { recipients: { roles: ['boss'], owners: true } },
      ['critical', 'recipients', 'roles', 0],
    ],
    ['a repeat other than daily', { repeatWhileMissed: 'PT1H' }, ['critical', 'repeatWhileMissed']],
  ])('refuses %s, naming the field', (_, change, path) => {
    const result = ReminderPlanSchema.safeParse({
      ...defaultReminderPlan,
      critical: { ...defaultReminderPlan.critical, ...change },
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });

  it('refuses a plan that leaves out a risk level', () => {
    const { info: _, ...rest } = defaultReminderPlan;

    expect(ReminderPlanSchema.safeParse(rest).success).toBe(false);
  });
});
