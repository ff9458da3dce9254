import { createHash } from 'node:crypto';
import { DateTime, Duration } from 'luxon';
import { InvalidInputError } from '../../lib/errors.ts';
import type { Role } from '../../lib/roles.ts';
import { remindable, reminderIdPrefix } from './plan.ts';
import type { Alert, DeadlineLike, Recipients, Reminder, StoredReminder } from './types.ts';

/** A due reminder as the sweep reads it: the reminder and the deadline as it stands now. */
export type DueReminder = Reminder & { deadline: DeadlineLike };

const ESCALATE_TO: Role = 'bid-manager';

/** A reminder of the deadline that already went out (its alert is in the outbox): later ones supersede earlier. */
export type SentReminder = Pick<Reminder, 'reminderId' | 'deadlineId' | 'sendAt'>;

/** A due reminder that is not sent: a later reminder of its deadline (`by`) went out, or goes out in this sweep. */
export interface Superseded {
  reminderId: string;
  deadlineId: string;
  by: string;
  /** the alert that carries the superseding reminder, when it is made in this sweep */
  alertId?: string;
}

export interface SweepPlan {
  /** one per deadline, naming the latest of its due reminders */
  alerts: Alert[];
  /** due reminders not to send: each superseded by a later one of the same deadline */
  superseded: Superseded[];
}

/**
 * What a sweep at `now` does with the due reminders (issue §4, issue #19 item 8). Pure and deterministic.
 *
 * - One alert per deadline, for the LATEST of its due reminders; the earlier ones are superseded by it
 *   (marked, never delivered): after downtime "due in 7 days" does not follow "due in 1 day".
 * - A due reminder earlier than one of the same deadline (and due instant) already sent — `sent`, e.g. a
 *   claim a crashed sweep held past its lease — is superseded by that one: no alert at all.
 * - The text says the time left as of `now` and the deadline's due instant ("due in 30 minutes",
 *   "overdue by 3 hours"), not the plan's offset: a tender imported 30 minutes before its deadline is
 *   "due in 30 minutes", not "due in 4 hours". Delivery re-states it as of sending (`alertAsOf`).
 * - The reminder at due, and every 'missed' repeat, make a 'missed' alert escalated to the bid
 *   manager: a deadline still open when it falls due was not met.
 * - No alert for a deadline that is met, cancelled or passed (past before it was first scheduled), nor
 *   for a leftover reminder planned for a due instant the deadline no longer has (a move replaced it).
 *   The caller drops those rows.
 * - `alertId` hashes the reminder ids the alert answers for (the latest and the ones it supersedes), so a
 *   retried sweep over the same rows makes the same alert and the notifier can deliver it exactly once.
 */
export function sweepPlan(due: DueReminder[], now: string, sent: readonly SentReminder[] = []): SweepPlan {
  const at = instant(now, 'now');
  const byDeadline = new Map<string, DueReminder[]>();
  for (const row of due) {
    if (instant(row.sendAt, `reminder ${row.reminderId} sendAt`) > at) continue;
    const group = byDeadline.get(row.deadlineId);
    if (group) group.push(row);
    else byDeadline.set(row.deadlineId, [row]);
  }
  const plan: SweepPlan = { alerts: [], superseded: [] };
  for (const rows of byDeadline.values()) {
    const one = foldOne(rows, now, sent);
    if (one.alert) plan.alerts.push(one.alert);
    plan.superseded.push(...one.superseded);
  }
  plan.alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId));
  return plan;
}

/** The alerts of `sweepPlan` (one per deadline, naming the latest due reminder). */
export const foldDue = (due: DueReminder[], now: string, sent: readonly SentReminder[] = []): Alert[] =>
  sweepPlan(due, now, sent).alerts;

/** The deadlines among the due rows that are still open although their due instant has passed: mark them missed. */
export function deadlinesToMarkMissed(due: DueReminder[], now: string): string[] {
  const at = instant(now, 'now');
  const ids = new Set<string>();
  for (const { deadline } of due)
    if (deadline.status === 'open' && instant(deadline.dueAt, 'dueAt') <= at) ids.add(deadline.deadlineId);
  return [...ids].sort();
}

function foldOne(
  rows: DueReminder[],
  now: string,
  sent: readonly SentReminder[],
): { alert?: Alert; superseded: Superseded[] } {
  const latestRow = rows.reduce((a, b) => (later(b, a) ? b : a));
  const deadline = latestRow.deadline;
  if (!remindable(deadline)) return { superseded: [] };
  const prefix = reminderIdPrefix(deadline);
  const current = rows.filter((r) => r.reminderId.startsWith(prefix)).sort((a, b) => (later(a, b) ? 1 : -1));
  const latest = current.at(-1);
  if (!latest) return { superseded: [] };

  const newerSent = sent
    .filter(
      (r) => r.deadlineId === deadline.deadlineId && r.reminderId.startsWith(prefix) && later(r, latest),
    )
    .reduce<SentReminder | undefined>((a, b) => (!a || later(b, a) ? b : a), undefined);
  if (newerSent)
    return {
      superseded: current.map((r) => ({
        reminderId: r.reminderId,
        deadlineId: r.deadlineId,
        by: newerSent.reminderId,
      })),
    };

  const missed = latest.kind !== 'before';
  const recipients = union(current.map((r) => r.recipients));
  if (missed && !recipients.roles.includes(ESCALATE_TO)) recipients.roles.push(ESCALATE_TO);
  const reminderIds = current.map((r) => r.reminderId);
  const when = describeInstant(deadline.dueAt, deadline.timeZone, deadline.allDay);
  const earlier = current.length - 1;
  const note =
    earlier > 0 ? ` [${earlier} earlier reminder${earlier === 1 ? '' : 's'} superseded by this one]` : '';
  const tag = `[${deadline.risk}]`;
  const asOf: AlertWording = !missed
    ? { title: [`${tag} ${deadline.title} `, ''], text: [`${label(deadline)} due ${when} — `, note] }
    : {
        title: [`${tag} MISSED: ${deadline.title} — `, ''],
        text: [
          `${label(deadline)} was due ${when} — `,
          ` and it is not marked met; escalated to the bid manager${note}`,
        ],
      };
  const alertId = `${deadline.deadlineId}#alert-${digest([...reminderIds].sort())}`;
  const alert: Alert = {
    alertId,
    deadlineId: deadline.deadlineId,
    tenderId: deadline.tenderId,
    kind: missed ? 'missed' : 'reminder',
    title: '',
    text: '',
    dueAt: deadline.dueAt,
    timeZone: deadline.timeZone,
    risk: deadline.risk,
    recipients,
    reminderIds,
    asOf,
  };
  return {
    alert: alertAsOf(alert, now),
    superseded: current.slice(0, -1).map((r) => ({
      reminderId: r.reminderId,
      deadlineId: r.deadlineId,
      by: latest.reminderId,
      alertId,
    })),
  };
}

/**
 * Is a reminder or missed alert (about to be delivered) superseded by a later alert of its deadline? Yes
 * when one of the deadline's reminders (same due instant) later than every reminder this alert answers
 * for has been sent in another alert — say this one failed and waited for a retry while the next reminder
 * went out. Returns that alert's id. Derived from the reminders' state, so any sweep, in any order, agrees.
 */
export function alertSupersededBy(
  alert: Pick<Alert, 'alertId' | 'kind' | 'reminderIds'>,
  reminders: readonly (SentReminder & { state?: string; alertId?: string })[],
): string | undefined {
  if (alert.kind !== 'reminder' && alert.kind !== 'missed') return undefined;
  const mine = reminders.filter((r) => alert.reminderIds.includes(r.reminderId));
  const latest = mine.reduce<SentReminder | undefined>((a, b) => (!a || later(b, a) ? b : a), undefined);
  if (!latest) return undefined;
  const prefix = latest.reminderId.slice(0, latest.reminderId.lastIndexOf('#') + 1);
  const newer = reminders
    .filter(
      (r) =>
        r.state === 'sent' &&
        r.alertId !== undefined &&
        r.alertId !== alert.alertId &&
        r.reminderId.startsWith(prefix) &&
        later(r, latest),
    )
    .reduce<(SentReminder & { alertId?: string }) | undefined>(
      (a, b) => (!a || later(b, a) ? b : a),
      undefined,
    );
  return newer?.alertId;
}

/** How a reminder alert reads around its time-left phrase, so that it can be stated again as of sending. */
export interface AlertWording {
  title: [string, string];
  text: [string, string];
}

/**
 * The alert as of `now`: a reminder or missed alert states the time left (or overdue) as of that instant.
 * The sweep makes it with its `now`; a delivery in a later sweep (a retry) states it again.
 */
export function alertAsOf<A extends Alert>(alert: A, now: string): A {
  if (!alert.asOf) return alert;
  const phrase = timeLeft(alert.dueAt, now);
  return {
    ...alert,
    title: alert.asOf.title.join(phrase),
    text: alert.asOf.text.join(phrase),
  };
}

/** "due in 30 minutes", "due in 2 days", "overdue by 3 hours": from `now` to the due instant. */
export function timeLeft(dueAt: string, now: string): string {
  const ms = instant(dueAt, 'dueAt') - instant(now, 'now');
  return ms >= 0 ? `due in ${span(ms)}` : `overdue by ${span(-ms)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A length of time as a person says it, rounded to its largest sensible unit: a reminder sent a minute
 * after its plan's "1 day before" still says "1 day"; 1 day and 6 hours is "1 day 6 hours"; from 2 days
 * whole days, from 60 days months, from 2 years years.
 */
export function span(ms: number): string {
  if (ms < 30_000) return 'less than a minute';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return plural(hours, 'hour');
  if (hours < 47) {
    const extra = hours - 24;
    return extra === 0 ? '1 day' : `1 day ${plural(extra, 'hour')}`;
  }
  const days = Math.round(ms / DAY);
  if (days < 60) return plural(days, 'day');
  if (days < 730) return plural(Math.round(days / 30.44), 'month');
  return plural(Math.round(days / 365.25), 'year');
}

export interface MovedAlertOptions {
  /** Default: the deadline's owners and the bid manager. */
  recipients?: Recipients;
  /** The deadline's revision after the move (the calendar SEQUENCE): tells A→B→A→B's two A→B moves apart. */
  sequence?: number;
}

/**
 * The "deadline moved from X to Y" alert (issue §5), both instants in the buyer's zone and in UTC.
 * `deadline` is the deadline after the move. The id is deterministic (deadline, from, to, sequence).
 */
export function movedAlert(
  deadline: DeadlineLike,
  fromISO: string,
  toISO: string,
  options: MovedAlertOptions = {},
): Alert {
  const from = utcISO(fromISO, 'from');
  const to = utcISO(toISO, 'to');
  const zone = deadline.timeZone;
  const recipients = options.recipients ?? { roles: [ESCALATE_TO], owners: [...new Set(deadline.owners)] };
  const key = ['moved', deadline.deadlineId, from, to, String(options.sequence ?? '')];
  return {
    alertId: `${deadline.deadlineId}#alert-${digest(key)}`,
    deadlineId: deadline.deadlineId,
    tenderId: deadline.tenderId,
    kind: 'moved',
    title: `[${deadline.risk}] Deadline moved: ${deadline.title}`,
    text: `${label(deadline)}: deadline moved from ${describeInstant(from, zone, deadline.allDay)} to ${describeInstant(to, zone, deadline.allDay)}`,
    dueAt: to,
    timeZone: zone,
    risk: deadline.risk,
    recipients: { roles: [...recipients.roles], owners: [...recipients.owners] },
    reminderIds: [],
  };
}

export interface RescheduleDiff {
  /** Unsent reminders that the new plan no longer has: delete them. */
  toDelete: string[];
  /** New reminders to write: not stored yet, or stored unsent with different content. */
  toPut: Reminder[];
  /** Reminders already sent (or superseded): they stay, as history, and are never sent again. */
  keep: StoredReminder[];
}

/**
 * Replace a deadline's unsent reminders with a newly planned set (issue §5): a pure diff that the
 * store applies in one transaction. A new reminder whose id was already sent is not put again
 * (exactly one alert per reminder).
 */
export function rescheduleReminders(
  oldReminders: StoredReminder[],
  newReminders: Reminder[],
): RescheduleDiff {
  const keep = oldReminders.filter(isSent);
  const sentIds = new Set(keep.map((r) => r.reminderId));
  const pending = new Map(oldReminders.filter((r) => !isSent(r)).map((r) => [r.reminderId, r]));
  const newIds = new Set(newReminders.map((r) => r.reminderId));
  const toDelete = [...pending.keys()].filter((id) => !newIds.has(id));
  const toPut = newReminders.filter((r) => {
    if (sentIds.has(r.reminderId)) return false;
    const stored = pending.get(r.reminderId);
    return !stored || !sameReminder(stored, r);
  });
  return { toDelete, toPut, keep };
}

/** "2027-01-15 23:59 Europe/Moscow (20:59 UTC)"; the UTC date is shown when it differs from the local one. */
export function describeInstant(iso: string, zone: string, allDay = false): string {
  const local = DateTime.fromISO(iso, { zone });
  if (!local.isValid) throw new InvalidInputError(`cannot show ${iso} in zone ${zone}`);
  const u = local.toUTC();
  const localText = allDay
    ? `${local.toFormat('yyyy-MM-dd')} end of day`
    : local.toFormat('yyyy-MM-dd HH:mm');
  const utcText = u.toFormat(u.toISODate() === local.toISODate() ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
  return `${localText} ${zone} (${utcText} UTC)`;
}

/** "1 day", "4 hours", "2 weeks". */
export const human = (offset: string): string =>
  Duration.fromISO(offset, { locale: 'en' }).removeZeros().toHuman({ unitDisplay: 'long' }) || 'no time';

const label = (d: DeadlineLike): string =>
  d.source.legalBasis ? `${d.title} (${d.source.legalBasis})` : d.title;

/** Sent, or superseded by a later one that was: settled, never to be sent (again). */
const isSent = (r: StoredReminder): boolean =>
  (r.sentAt !== undefined && r.sentAt !== null) || (r.supersededAt !== undefined && r.supersededAt !== null);

const sameReminder = (a: Reminder, b: Reminder): boolean =>
  a.deadlineId === b.deadlineId &&
  a.sendAt === b.sendAt &&
  a.kind === b.kind &&
  a.offset === b.offset &&
  JSON.stringify(a.recipients) === JSON.stringify(b.recipients);

const later = (a: SentReminder, b: SentReminder): boolean => {
  const d = instant(a.sendAt, 'sendAt') - instant(b.sendAt, 'sendAt');
  return d > 0 || (d === 0 && a.reminderId > b.reminderId);
};

function union(all: Recipients[]): Recipients {
  const roles = new Set<Role>();
  const owners = new Set<string>();
  for (const r of all) {
    for (const role of r.roles) roles.add(role);
    for (const owner of r.owners) owners.add(owner);
  }
  return { roles: [...roles], owners: [...owners] };
}

const digest = (parts: string[]): string =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);

function instant(iso: string, what: string): number {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new InvalidInputError(`${what} is not an ISO-8601 instant: ${iso}`);
  return dt.toMillis();
}

const utcISO = (iso: string, what: string): string =>
  DateTime.fromMillis(instant(iso, what), { zone: 'utc' }).toISO() as string;
