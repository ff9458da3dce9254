import type { Role } from '../../lib/roles.ts';

import type { Deadline, DeadlineRisk, DeadlineStatus } from '../deadlines/types.ts';

export type { DeadlineStatus };
/** A deadline's risk (functions/domain/deadlines/types.ts): it sets the reminder plan and the alert's colour. */
export type Risk = DeadlineRisk;

/**
 * The fields of a deadline that reminders, alerts and the calendar read: a `Deadline` without its lot
 * (functions/domain/deadlines/types.ts), so a full deadline is one and a new field there is one here.
 */
export type DeadlineLike = Omit<Deadline, 'lotId'>;

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

/**
 * A reminder as stored: `sentAt` is set once its alert went out (history); `supersededAt` once a later
 * reminder of the same deadline went out instead (never to be sent).
 */
export type StoredReminder = Reminder & {
  sentAt?: string | null | undefined;
  supersededAt?: string | null | undefined;
};

/** notice: a workflow's news (a custom-development recommendation or decision), no reminder behind it */
export type AlertKind = 'reminder' | 'missed' | 'moved' | 'notice';

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
  /** The reminders this alert answers for (empty for 'moved'): the latest due, and the earlier ones it supersedes. */
  reminderIds: string[];
  /**
   * A reminder or missed alert's wording around its time-left phrase ("due in 30 minutes", "overdue by
   * 3 hours"), so that a delivery after `at` (a retry) states the time left as of sending (sweep.ts `alertAsOf`).
   */
  asOf?: { title: [string, string]; text: [string, string] };
}
