import type { DeadlineLike } from '../../functions/domain/reminders/types.ts';

/** The reminder and calendar tests' deadline: a 44-FZ contract signing due at 23:59 Moscow on 15 January 2027. */
export const SIGNING_DUE = '2027-01-15T20:59:00.000Z';

export const signingDeadline = (over: Partial<DeadlineLike> = {}): DeadlineLike => ({
  deadlineId: 'd-1',
  tenderId: 't-1',
  kind: 'contract-signing',
  title: 'Contract signing',
  dueAt: SIGNING_DUE,
  allDay: false,
  timeZone: 'Europe/Moscow',
  source: { type: 'rule', ref: 'ru-44fz:contract-signing', legalBasis: '44-FZ Art. 51' },
  risk: 'critical',
  status: 'open',
  owners: ['u-anna'],
  ...over,
});
