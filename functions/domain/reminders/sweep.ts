import { createHash } from 'node:crypto';
import { DateTime, Duration } from 'luxon';
import { InvalidInputError } from '../../lib/errors.ts';
import type { Role } from '../../lib/roles.ts';
import { remindable, reminderIdPrefix } from './plan.ts';
import type { Alert, DeadlineLike, Recipients, Reminder, StoredReminder } from './types.ts';

/** A due reminder as the sweep reads it: the reminder and the deadline as it stands now. */
export type DueReminder = Reminder & { deadline: DeadlineLike };

const ESCALATE_TO: Role = 'bid-manager';

/**
 * The alerts for the reminders due at or before `now` (issue §4). Pure and deterministic.
 *
 * - One alert per deadline: after downtime the stale reminders of one deadline fold into ONE alert
 *   that names the latest of them ("in 1 day", not three messages for 7 d, 3 d and 1 d).
 * - The reminder at due, and every 'missed' repeat, make a 'missed' alert escalated to the bid
 *   manager: a deadline still open when it falls due was not met.
 * - No alert for a deadline that is met, cancelled or passed (past before it was first scheduled), nor
 *   for a leftover reminder planned for a due instant the deadline no longer has (a move replaced it).
 *   The caller drops those rows too.
 * - `alertId` hashes the folded reminder ids, so a retried sweep over the same rows makes the same
 *   alert and the notifier can deliver it exactly once.
 */
export function foldDue(due: DueReminder[], now: string): Alert[] {
  const at = instant(now, 'now');
  const byDeadline = new Map<string, DueReminder[]>();
  for (const row of due) {
    if (instant(row.sendAt, `reminder ${row.reminderId} sendAt`) > at) continue;
    const group = byDeadline.get(row.deadlineId);
    if (group) group.push(row);
    else byDeadline.set(row.deadlineId, [row]);
  }
  const alerts: Alert[] = [];
  for (const rows of byDeadline.values()) {
    const alert = foldOne(rows);
    if (alert) alerts.push(alert);
  }
  return alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId));
}

/** The deadlines among the due rows that are still open although their due instant has passed: mark them missed. */
export function deadlinesToMarkMissed(due: DueReminder[], now: string): string[] {
  const at = instant(now, 'now');
  const ids = new Set<string>();
  for (const { deadline } of due)
    if (deadline.status === 'open' && instant(deadline.dueAt, 'dueAt') <= at) ids.add(deadline.deadlineId);
  return [...ids].sort();
}

function foldOne(rows: DueReminder[]): Alert | undefined {
  const latestRow = rows.reduce((a, b) => (later(b, a) ? b : a));
  const deadline = latestRow.deadline;
  if (!remindable(deadline)) return undefined;
  const prefix = reminderIdPrefix(deadline);
  const current = rows.filter((r) => r.reminderId.startsWith(prefix)).sort((a, b) => (later(a, b) ? 1 : -1));
  const latest = current.at(-1);
  if (!latest) return undefined;

  const missed = latest.kind !== 'before';
  const recipients = union(current.map((r) => r.recipients));
  if (missed && !recipients.roles.includes(ESCALATE_TO)) recipients.roles.push(ESCALATE_TO);
  const reminderIds = current.map((r) => r.reminderId);
  const when = describeInstant(deadline.dueAt, deadline.timeZone, deadline.allDay);
  const folded = current.length > 1 ? ` [${current.length} late reminders folded into this one]` : '';
  const tag = `[${deadline.risk}]`;
  const [title, text] = !missed
    ? [
        `${tag} ${deadline.title} due in ${human(latest.offset)}`,
        `${label(deadline)} due ${when} — in ${human(latest.offset)}${folded}`,
      ]
    : [
        `${tag} MISSED: ${deadline.title}`,
        `${label(deadline)} was due ${when} — ${
          latest.kind === 'missed'
            ? `missed ${elapsed(deadline.dueAt, latest.sendAt)} ago`
            : 'the due time has passed'
        } and it is not marked met; escalated to the bid manager${folded}`,
      ];
  return {
    alertId: `${deadline.deadlineId}#alert-${digest([...reminderIds].sort())}`,
    deadlineId: deadline.deadlineId,
    tenderId: deadline.tenderId,
    kind: missed ? 'missed' : 'reminder',
    title,
    text,
    dueAt: deadline.dueAt,
    timeZone: deadline.timeZone,
    risk: deadline.risk,
    recipients,
    reminderIds,
  };
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
  /** Reminders already sent: they stay, as history, and are never sent again. */
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

/**
 * How long after `from` the reminder was due, in its largest whole unit ("14 days", "8 years"): a
 * reminder caught up after downtime, or planned for a deadline imported long after it passed, says
 * how late it really is, not what its plan offset was.
 */
const elapsed = (from: string, to: string): string => {
  const diff = DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), [
    'years',
    'months',
    'days',
    'hours',
    'minutes',
  ]);
  for (const unit of ['years', 'months', 'days', 'hours', 'minutes'] as const) {
    const n = Math.floor(diff.get(unit));
    if (n > 0) return Duration.fromObject({ [unit]: n }, { locale: 'en' }).toHuman({ unitDisplay: 'long' });
  }
  return 'moments';
};

const label = (d: DeadlineLike): string =>
  d.source.legalBasis ? `${d.title} (${d.source.legalBasis})` : d.title;

const isSent = (r: StoredReminder): boolean => r.sentAt !== undefined && r.sentAt !== null;

const sameReminder = (a: Reminder, b: Reminder): boolean =>
  a.deadlineId === b.deadlineId &&
  a.sendAt === b.sendAt &&
  a.kind === b.kind &&
  a.offset === b.offset &&
  JSON.stringify(a.recipients) === JSON.stringify(b.recipients);

const later = (a: Reminder, b: Reminder): boolean => {
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
