import { DateTime, Duration } from 'luxon';
import * as z from 'zod/mini';
import { InvalidInputError } from '../../lib/errors.ts';
import { type Role, roles } from '../../lib/roles.ts';
import type { DeadlineLike, Recipients, Reminder, Risk } from './types.ts';

/**
 * Reminder plans (issue §3): per risk level, when to remind before a deadline is due, whether to
 * repeat while it is missed and still actionable, and who gets it. Configurable per organisation
 * (`ReminderPlanSchema`); `defaultReminderPlan` applies when an organisation configured none.
 */
export interface RiskReminderPlan {
  /** ISO-8601 durations before due, e.g. 'P14D', 'PT4H'; 'PT0S' is "at due". */
  offsets: string[];
  /** Repeat daily after due while the deadline is missed and still actionable, or never. */
  repeatWhileMissed: 'P1D' | null;
  /** How long after due the repeats go on; falls back to `PlanOptions.missedHorizon`, then P14D. */
  missedHorizon?: string | undefined;
  /** Members holding one of `roles`, plus the deadline's owners when `owners` is true. */
  recipients: { roles: Role[]; owners: boolean };
}

export type ReminderPlan = Record<Risk, RiskReminderPlan>;

export interface PlanOptions {
  /** Default horizon of the missed repeats for risks whose plan names none (ISO-8601 duration). */
  missedHorizon?: string;
}

const DEFAULT_MISSED_HORIZON = 'P14D';
/** The due check: the reminder at due is what lets the sweep mark a deadline missed (§8: it reads only due reminders). */
const AT_DUE = 'PT0S';
const MAX_REPEATS = 366;

export const defaultReminderPlan: ReminderPlan = {
  critical: {
    offsets: ['P14D', 'P7D', 'P3D', 'P1D', 'PT4H', 'PT0S'],
    repeatWhileMissed: 'P1D',
    recipients: { roles: ['bid-manager'], owners: true },
  },
  high: {
    offsets: ['P7D', 'P3D', 'P1D', 'PT0S'],
    repeatWhileMissed: 'P1D',
    missedHorizon: 'P7D',
    recipients: { roles: ['bid-manager'], owners: true },
  },
  normal: {
    offsets: ['P3D', 'P1D', 'PT0S'],
    repeatWhileMissed: null,
    recipients: { roles: [], owners: true },
  },
  info: {
    offsets: ['P1D'],
    repeatWhileMissed: null,
    recipients: { roles: [], owners: true },
  },
};

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
const MAX_SPAN = Duration.fromObject({ days: 366 }).toMillis();

/** A non-negative ISO-8601 duration of at most a year, e.g. P14D or PT4H (no fractions, no sign). */
export const isReminderDuration = (value: string): boolean => {
  if (!ISO_DURATION.test(value)) return false;
  const d = Duration.fromISO(value);
  return d.isValid && d.toMillis() <= MAX_SPAN;
};

const DurationSchema = z
  .string()
  .check(
    z.refine(isReminderDuration, 'expected an ISO-8601 duration of at most a year, such as P3D or PT4H'),
  );

const RiskReminderPlanSchema = z.strictObject({
  offsets: z.array(DurationSchema).check(
    z.maxLength(20),
    z.refine((o) => new Set(o).size === o.length, 'offsets must be distinct'),
  ),
  repeatWhileMissed: z.nullable(z.literal('P1D')),
  missedHorizon: z.optional(DurationSchema),
  recipients: z.strictObject({
    roles: z.array(z.enum(roles)).check(z.maxLength(roles.length)),
    owners: z.boolean(),
  }),
});

/** An organisation's reminder plan, as configured (every risk level spelled out). */
export const ReminderPlanSchema = z.strictObject({
  info: RiskReminderPlanSchema,
  normal: RiskReminderPlanSchema,
  high: RiskReminderPlanSchema,
  critical: RiskReminderPlanSchema,
});

/** The recipients of a deadline's reminders; with nobody named, the bid managers (an alert to no one is lost). */
export function recipientsFor(plan: RiskReminderPlan, owners: string[]): Recipients {
  const resolved: Recipients = {
    roles: [...new Set(plan.recipients.roles)],
    owners: plan.recipients.owners ? [...new Set(owners)] : [],
  };
  return resolved.roles.length === 0 && resolved.owners.length === 0
    ? { roles: ['bid-manager'], owners: [] }
    : resolved;
}

/**
 * The reminders of one deadline, sorted by `sendAt`. Pure: the same deadline and plan always give
 * the same reminders, whenever they are planned, so a retried reschedule is a no-op. Reminders
 * already in the past are included; the sweep folds stale ones into one alert.
 *
 * - Nothing for a deadline that is met or cancelled, nor for one that had passed before it was first
 *   scheduled (`passed`: an old tender imported — nobody could have acted on a reminder).
 * - One reminder per offset, computed in the buyer's zone (P1D before 23:59 Moscow time is 23:59
 *   Moscow time the day before, across DST changes too). A reminder at due (PT0S) is always
 *   planned, configured or not: it is the sweep's cue to mark the deadline missed.
 * - With `repeatWhileMissed`, one 'missed' reminder per period after due up to the horizon.
 *
 * Ids are `${deadlineId}#${dueAt}#${offset}` (and `#missed-<n>`): they carry the due instant, so a
 * moved deadline gets new ids for all its reminders. The store keys reminders by send time, so a
 * move rewrites every unsent one anyway; ids that change with dueAt also keep "1 day before the old
 * date" (sent, in history) apart from "1 day before the new date" (still to send), and let the
 * sweep recognise a leftover from before a move.
 */
export function planReminders(
  deadline: DeadlineLike,
  plan: ReminderPlan,
  options: PlanOptions = {},
): Reminder[] {
  if (!remindable(deadline)) return [];
  const entry = plan[deadline.risk];
  const due = DateTime.fromISO(deadline.dueAt, { zone: deadline.timeZone });
  if (!due.isValid)
    throw new InvalidInputError(`deadline ${deadline.deadlineId}: cannot plan reminders`, [
      { path: 'dueAt', message: `not an instant in zone ${deadline.timeZone}: ${deadline.dueAt}` },
    ]);
  const prefix = reminderIdPrefix(deadline);
  const recipients = recipientsFor(entry, deadline.owners);
  const reminders = new Map<string, Reminder>();
  const add = (suffix: string, at: DateTime, kind: Reminder['kind'], offset: string) =>
    reminders.set(prefix + suffix, {
      reminderId: prefix + suffix,
      deadlineId: deadline.deadlineId,
      sendAt: utc(at),
      kind,
      offset,
      recipients: { roles: [...recipients.roles], owners: [...recipients.owners] },
    });

  const offsets = entry.offsets.some(isZero) ? entry.offsets : [...entry.offsets, AT_DUE];
  for (const offset of offsets) {
    const before = duration(offset, deadline.deadlineId);
    add(offset, due.minus(before), before.toMillis() === 0 ? 'due' : 'before', offset);
  }

  if (entry.repeatWhileMissed !== null) {
    const step = duration(entry.repeatWhileMissed, deadline.deadlineId);
    const horizon = duration(
      entry.missedHorizon ?? options.missedHorizon ?? DEFAULT_MISSED_HORIZON,
      deadline.deadlineId,
    );
    const end = due.plus(horizon);
    for (let n = 1; n <= MAX_REPEATS; n++) {
      const after = step.mapUnits((x) => x * n);
      const at = due.plus(after);
      if (at > end) break;
      add(`missed-${n}`, at, 'missed', after.toISO() ?? `${n}×${entry.repeatWhileMissed}`);
    }
  }
  return [...reminders.values()].sort(
    (a, b) => a.sendAt.localeCompare(b.sendAt) || a.reminderId.localeCompare(b.reminderId),
  );
}

/** Met, cancelled and passed deadlines get no reminders and raise no alerts. */
export const remindable = (deadline: Pick<DeadlineLike, 'status'>): boolean =>
  deadline.status === 'open' || deadline.status === 'missed';

/** The prefix every current reminder of this deadline (at its present dueAt) has. */
export const reminderIdPrefix = (deadline: Pick<DeadlineLike, 'deadlineId' | 'dueAt'>): string =>
  `${deadline.deadlineId}#${utc(DateTime.fromISO(deadline.dueAt, { zone: 'utc' }))}#`;

const utc = (dt: DateTime): string => dt.toUTC().toISO() as string;

const isZero = (offset: string): boolean =>
  isReminderDuration(offset) && Duration.fromISO(offset).toMillis() === 0;

function duration(value: string, deadlineId: string): Duration {
  if (!isReminderDuration(value))
    throw new InvalidInputError(`deadline ${deadlineId}: the reminder plan has an invalid duration`, [
      { path: 'plan', message: `not a reminder duration: ${value}` },
    ]);
  return Duration.fromISO(value);
}
