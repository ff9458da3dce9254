/**
 * A rule's offset applied to the instant that starts it (see `Offset` in rules.ts for what each kind
 * means), in the buyer's zone and working calendar; and the count that runs on after a suspension.
 * Pure: the calendar is the country's built-in one with the organisation's official calendars on top.
 */
import { DateTime } from 'luxon';
import type { Offset } from './rules.ts';
import { type OfficialCalendar, type WorkingCalendar, workingCalendar } from './working-days.ts';

export interface Due {
  at: string;
  allDay: boolean;
  warnings?: string[];
}

export interface OffsetContext {
  zone: string;
  country: string | null;
  calendars: readonly OfficialCalendar[];
}

export function applyOffset(from: Due, offset: Offset, ctx: OffsetContext): Due {
  const { zone } = ctx;
  const local = DateTime.fromISO(from.at, { zone });
  const day = local.startOf('day');
  if ('calendarDays' in offset) {
    const shifted = local.plus({ days: offset.calendarDays });
    return offset.at
      ? { at: iso(atTime(shifted, offset.at)), allDay: false }
      : { at: iso(shifted), allDay: from.allDay };
  }
  if ('daysBefore' in offset) return ending(day.minus({ days: offset.daysBefore }), offset.at);
  if ('months' in offset) return ending(day.plus({ months: offset.months }), offset.at);
  const calendar = workingCalendar(ctx.country, ctx.calendars);
  if ('workingDaysBefore' in offset) {
    let back = day;
    for (let counted = 0; counted < offset.workingDaysBefore; ) {
      back = back.minus({ days: 1 });
      if (working(calendar, back, zone)) counted += 1;
    }
    return confirmed(ending(back, offset.at), back, day, ctx, calendar);
  }
  if ('workingDays' in offset) return forwardWorking(day, offset.workingDays, offset.at, ctx, calendar);
  return forwardDays(day, offset.days, offset.endOnWorkingDay === true, offset.at, ctx, calendar);
}

/**
 * The due date of a forward count (workingDays or days) that was suspended at `stopAt` and resumed at
 * `resumeAt`: the days counted from the day after the start up to and including the suspension's day are
 * used (the day it stopped counts as used: the earlier, safer date); the rest run from the day after the
 * resumption's day, and when none are left it is due at the end of the resumption's day.
 */
export function resumeCount(
  from: Due,
  stopAt: string,
  resumeAt: string,
  offset: Offset,
  ctx: OffsetContext,
): Due {
  const { zone } = ctx;
  const start = DateTime.fromISO(from.at, { zone }).startOf('day');
  const stop = DateTime.fromISO(stopAt, { zone }).startOf('day');
  const resume = DateTime.fromISO(resumeAt, { zone }).startOf('day');
  const calendar = workingCalendar(ctx.country, ctx.calendars);
  const at = 'at' in offset ? offset.at : undefined;
  if ('workingDays' in offset) {
    let used = 0;
    for (let d = start.plus({ days: 1 }); d <= stop; d = d.plus({ days: 1 }))
      if (working(calendar, d, zone)) used += 1;
    const left = offset.workingDays - used;
    return left > 0 ? forwardWorking(resume, left, at, ctx, calendar) : ending(resume, at);
  }
  if ('days' in offset) {
    const left = offset.days - Math.round(stop.diff(start, 'days').days);
    return left > 0
      ? forwardDays(resume, left, offset.endOnWorkingDay === true, at, ctx, calendar)
      : ending(resume, at);
  }
  return applyOffset(from, offset, ctx);
}

function forwardWorking(
  day: DateTime,
  n: number,
  at: string | undefined,
  ctx: OffsetContext,
  calendar: WorkingCalendar,
): Due {
  let end = day;
  for (let counted = 0; counted < n; ) {
    end = end.plus({ days: 1 });
    if (working(calendar, end, ctx.zone)) counted += 1;
  }
  return confirmed(ending(end, at), day, end, ctx, calendar);
}

function forwardDays(
  day: DateTime,
  n: number,
  onWorkingDay: boolean,
  at: string | undefined,
  ctx: OffsetContext,
  calendar: WorkingCalendar,
): Due {
  let end = day.plus({ days: n });
  if (!onWorkingDay) return ending(end, at);
  while (!working(calendar, end, ctx.zone)) end = end.plus({ days: 1 });
  return confirmed(ending(end, at), day, end, ctx, calendar);
}

/** The end of a local day (24:00, all day), or the given local time on it. */
const ending = (day: DateTime, at: string | undefined): Due =>
  at ? { at: iso(atTime(day, at)), allDay: false } : { at: iso(day.endOf('day')), allDay: true };

function atTime(dt: DateTime, time: string): DateTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return dt.set({ hour, minute, second: 0, millisecond: 0 });
}

const working = (calendar: WorkingCalendar, day: DateTime, zone: string) =>
  calendar.isWorkingDay(day.toISODate() as string, zone);

/** Adds the warning when the count ran through a year no official calendar confirms. */
function confirmed(
  due: Due,
  first: DateTime,
  last: DateTime,
  ctx: OffsetContext,
  calendar: WorkingCalendar,
): Due {
  const [a, b] = first <= last ? [first, last] : [last, first];
  const years = calendar.unconfirmedYears(iso(a.startOf('day')), iso(b.endOf('day')), ctx.zone);
  return years.length === 0 ? due : { ...due, warnings: [unconfirmedWarning(ctx.country, years)] };
}

export const unconfirmedWarning = (country: string | null, years: number[]) =>
  `counted through ${years.join(', ')}, for which no official ${country ? `${country} ` : ''}working calendar is confirmed (holiday data and statutory rules only, no transfer decree): check it against the official production calendar or add it with PUT /settings/working-calendar`;

const iso = (dt: DateTime): string => dt.toUTC().toISO() as string;
