import type { Role } from '../../lib/roles.ts';

export const risks = ['info', 'normal', 'high', 'critical'] as const;
export type Risk = (typeof risks)[number];

/** See functions/domain/deadlines/types.ts; `passed` (past before it was first scheduled) is never reminded. */
export type DeadlineStatus = 'open' | 'met' | 'missed' | 'passed' | 'cancelled';

/**
 * The fields of a deadline (functions/domain/deadlines/types.ts) that reminders, alerts and the
 * calendar read. Written out here so this module compiles on its own; a full `Deadline` is
 * assignable to it.
 */
export interface DeadlineLike {
  deadlineId: string;
  /** null for a deadline of the organisation rather than of one tender (e.g. evidence expiry). */
  tenderId: string | null;
  kind: string;
  title: string;
  /** UTC ISO-8601 instant; for an all-day deadline the end of that day in `timeZone`. */
  dueAt: string;
  allDay: boolean;
  /** The buyer's IANA zone. */
  timeZone: string;
  source: { type: string; ref: string; legalBasis?: string | null | undefined };
  risk: Risk;
  status: DeadlineStatus;
  owners: string[];
}

/** Who a reminder or alert goes to: every member holding one of `roles`, plus these user ids. */
export interface Recipients {
  roles: Role[];
  owners: string[];
}

export type ReminderKind = 'before' | 'due' | 'missed';

export interface Reminder {
  /** `${deadlineId}#${dueAt}#${offset}` or `${deadlineId}#${dueAt}#missed-<n>`: see plan.ts. */
  reminderId: string;
  deadlineId: string;
  /** UTC ISO-8601 instant at which the sweep may send it. */
  sendAt: string;
  kind: ReminderKind;
  /** ISO-8601 duration: before due for 'before'/'due' (PT0S), after due for 'missed'. */
  offset: string;
  recipients: Recipients;
}

/** A reminder as stored: `sentAt` is set once its alert went out (history). */
export type StoredReminder = Reminder & { sentAt?: string | null | undefined };

export type AlertKind = 'reminder' | 'missed' | 'moved';

export interface Alert {
  /** Deterministic: the same reminders folded (or the same move) give the same id. */
  alertId: string;
  deadlineId: string;
  tenderId: string | null;
  kind: AlertKind;
  title: string;
  text: string;
  dueAt: string;
  timeZone: string;
  risk: Risk;
  recipients: Recipients;
  /** The reminders this alert answers for (empty for 'moved'). */
  reminderIds: string[];
}
