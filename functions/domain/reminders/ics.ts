import ical, {
  type ICalAlarmData,
  ICalAlarmRelatesTo,
  ICalAlarmType,
  ICalCalendarMethod,
  type ICalCalendarProdIdData,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { DateTime, Duration } from 'luxon';
import { InvalidInputError } from '../../lib/errors.ts';
import { oneLine } from '../../lib/text.ts';
import { planReminders, type ReminderPlan } from './plan.ts';
import { describeInstant, human } from './sweep.ts';
import type { DeadlineLike } from './types.ts';

/** A deadline as a calendar shows it; `sequence` is its revision, bumped by the store on every move. */
export type CalendarDeadline = DeadlineLike & { sequence: number };

export interface IcsInput {
  /** Calendar name (X-WR-CALNAME), e.g. the tender's title or "Org deadlines". */
  name: string;
  deadlines: CalendarDeadline[];
  /** The organisation's reminder plan: each event gets one VALARM per reminder before/at due. */
  plan: ReminderPlan;
  /** PRODID, e.g. { company: 'Tenderflow', product: 'Deadlines' } or '-//Tenderflow//Deadlines//EN'. */
  prodId: ICalCalendarProdIdData | string;
  /** DTSTAMP: when this feed is generated (UTC ISO). Passed in: domain code never reads the clock. */
  now: string;
}

/**
 * An RFC 5545 calendar of deadlines (issue §7), written by `ical-generator`. One VEVENT per deadline:
 *
 * - UID `${deadlineId}@tenderflow`, stable for the deadline's life; SEQUENCE from the input.
 * - Time zones: a timed deadline is written as a UTC date-time (`DTSTART:20270115T205900Z`), which
 *   every client shows at the right instant in its user's zone, with no VTIMEZONE needed.
 *   ical-generator writes `TZID=` parameters but leaves the VTIMEZONE to a generator from another
 *   package (which we do not add), and a TZID without its VTIMEZONE is not valid RFC 5545. The
 *   buyer's zone and wall time are in the DESCRIPTION and in X-TENDERFLOW-TIMEZONE.
 * - An all-day deadline (due at the end of a day in the buyer's zone) is an all-day event on that
 *   local date: `DTSTART;VALUE=DATE` and `DTEND;VALUE=DATE` the next day.
 * - A deadline is an instant, so a timed event has no DTEND (zero duration, RFC 5545 §3.6.1) and
 *   is TRANSPARENT: it never blocks free/busy time.
 * - VALARMs from the plan: one per planned 'before'/'due' reminder (the missed repeats depend on
 *   status, which a calendar cannot know). Timed: `TRIGGER:-P1D` before DTSTART. All-day: relative
 *   to the start of the local day, shifted so they still count back from its end (P1D before
 *   23:59 is `TRIGGER;RELATED=START:PT0S`).
 * - STATUS:CANCELLED for a cancelled deadline (kept, so clients drop it); no alarms when met or cancelled.
 * - Every text from outside (the calendar name, titles, sources, owners) goes through `oneLine`:
 *   ical-generator escapes SUMMARY and DESCRIPTION but writes NAME and X-WR-CALNAME as given, so a
 *   title with CRLF + END:VEVENT/BEGIN:VEVENT would otherwise forge events.
 */
export function deadlinesToIcs(input: IcsInput): string {
  const stamp = DateTime.fromISO(input.now, { zone: 'utc' });
  if (!stamp.isValid) throw new InvalidInputError(`now is not an ISO-8601 instant: ${input.now}`);
  const cal = ical({ name: oneLine(input.name), prodId: input.prodId, method: ICalCalendarMethod.PUBLISH });
  const sorted = [...input.deadlines].sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId),
  );
  for (const given of sorted) {
    const d = plainDeadline(given);
    const due = DateTime.fromISO(d.dueAt, { zone: d.timeZone });
    if (!due.isValid)
      throw new InvalidInputError(`deadline ${d.deadlineId}: cannot write it to a calendar`, [
        { path: 'dueAt', message: `not an instant in zone ${d.timeZone}: ${d.dueAt}` },
      ]);
    if (!Number.isInteger(d.sequence) || d.sequence < 0)
      throw new InvalidInputError(`deadline ${d.deadlineId}: sequence must be a whole number ≥ 0`);
    const day = due.startOf('day');
    const event = cal.createEvent({
      id: `${d.deadlineId}@tenderflow`,
      sequence: d.sequence,
      stamp: stamp.toJSDate(),
      ...(d.allDay
        ? { allDay: true, start: day, end: day.plus({ days: 1 }) }
        : { start: due.toUTC().toJSDate() }),
      summary: summary(d),
      description: description(d),
      categories: [{ name: d.risk }, { name: d.kind }],
      status:
        d.status === 'cancelled'
          ? ICalEventStatus.CANCELLED
          : d.status === 'suspended'
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
      x: {
        'X-TENDERFLOW-TIMEZONE': d.timeZone,
        ...(d.tenderId ? { 'X-TENDERFLOW-TENDER': d.tenderId } : {}),
      },
    });
    // Set on the alarm, not in its data: ical-generator 11's constructor drops `relatesTo`.
    for (const alarm of alarms(d, input.plan)) {
      const created = event.createAlarm(alarm);
      if (d.allDay) created.relatesTo(ICalAlarmRelatesTo.start);
    }
  }
  return cal.toString();
}

const DAY_SECONDS = 86_400;

/** The deadline with each of its free texts on one line (see `oneLine`); kind and source type are closed enums. */
const plainDeadline = (d: CalendarDeadline): CalendarDeadline => ({
  ...d,
  deadlineId: oneLine(d.deadlineId),
  tenderId: d.tenderId === null ? null : oneLine(d.tenderId),
  title: oneLine(d.title),
  timeZone: oneLine(d.timeZone),
  source: {
    ...d.source,
    ref: oneLine(d.source.ref),
    legalBasis: d.source.legalBasis ? oneLine(d.source.legalBasis) : d.source.legalBasis,
  },
  owners: d.owners.map(oneLine),
});

function alarms(d: CalendarDeadline, plan: ReminderPlan): ICalAlarmData[] {
  return planReminders(d, plan)
    .filter((r) => r.kind !== 'missed')
    .map((r) => {
      const before = Duration.fromISO(r.offset).as('seconds');
      const description =
        r.kind === 'due' ? `${d.title} is due now` : `${d.title} is due in ${human(r.offset)}`;
      // All-day: relative to the start of the local day, i.e. one day later than before its end.
      return {
        type: ICalAlarmType.display,
        triggerBefore: d.allDay ? before - DAY_SECONDS : before,
        description,
      };
    });
}

const summary = (d: CalendarDeadline): string => {
  const state = d.status === 'open' ? '' : ` (${d.status})`;
  return `[${d.risk}] ${d.title}${state}`;
};

function description(d: CalendarDeadline): string {
  const lines = [
    `Due: ${describeInstant(d.dueAt, d.timeZone, d.allDay)}`,
    `Risk: ${d.risk}`,
    `Status: ${d.status}`,
    `Kind: ${d.kind}`,
    `Source: ${d.source.type} ${d.source.ref}`.trimEnd(),
  ];
  if (d.source.legalBasis) lines.push(`Legal basis: ${d.source.legalBasis}`);
  if (d.tenderId) lines.push(`Tender: ${d.tenderId}`);
  if (d.owners.length > 0) lines.push(`Owners: ${d.owners.join(', ')}`);
  return lines.join('\n');
}
