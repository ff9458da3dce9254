/**
 * Is an organisation's official working calendar of a country and year plausible (issue #19 item 7)? An
 * official calendar wins over the built-in data for every deadline counted through its year, so a slip
 * (a Saturday typed into `daysOff`, 1 January forgotten) silently moves 44-FZ deadlines: 2 working days
 * after 29 Dec 2026 become 1 Jan 2027. Three rules; the admin may still confirm a calendar that breaks
 * them (`confirmImplausible`), and the confirmation is audited.
 *
 * 1. A Saturday or Sunday in `daysOff`: it is already not a working day.
 * 2. A public holiday the country's statute fixes to a date (Russia: Labour Code art. 112 — 1–8 January,
 *    23 February, 8 March, 1 May, 9 May, 12 June, 4 November; elsewhere date-holidays' public holidays
 *    fixed to a date) that falls on a weekday and is neither in `daysOff` nor, as worked, in `workingDays`.
 * 3. A number of working days outside the country's normal range: Russia 245–250 (calendars/RU.json
 *    cites the production calendars); elsewhere the built-in calendar's count (weekdays minus
 *    date-holidays' public holidays on weekdays) ± `DERIVED_MARGIN`. No range for a country we have no
 *    holiday data for (any count of weekdays minus days off would be a guess).
 *
 * Pure: no clock, no AWS.
 */
import { DateTime } from 'luxon';
import {
  type OfficialCalendar,
  statedWorkingDaysPerYear,
  statutoryHolidays,
  workingCalendar,
} from './working-days.ts';

/** ± working days around the built-in count that a country without a stated range may differ by: a bridge day or two, a one-off holiday (a jubilee), a substitute day the data lacks. */
export const DERIVED_MARGIN = 3;

/** One reason a calendar looks wrong, at the field it concerns (`calendars.<i>.daysOff.<j>`, …). */
export interface CalendarConcern {
  path: string;
  message: string;
}

export interface WorkingDayRange {
  min: number;
  max: number;
  source: string;
}

const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The working days a year has under an official calendar: its `workingDays` plus the weekdays not in `daysOff`. */
export function workingDaysUnder(cal: Pick<OfficialCalendar, 'year' | 'daysOff' | 'workingDays'>): number {
  const off = new Set(cal.daysOff);
  const worked = new Set(cal.workingDays);
  let n = 0;
  for (let d = DateTime.utc(cal.year, 1, 1); d.year === cal.year; d = d.plus({ days: 1 })) {
    const date = d.toISODate() as string;
    if (worked.has(date) || (d.weekday <= 5 && !off.has(date))) n += 1;
  }
  return n;
}

/** The normal range of a country's working days in a year, or undefined when we cannot say. */
export function normalWorkingDays(country: string, year: number): WorkingDayRange | undefined {
  const stated = statedWorkingDaysPerYear(country);
  if (stated) return stated;
  if (statutoryHolidays(country, year).length === 0) return undefined;
  const builtIn = workingCalendar(country);
  let n = 0;
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 }))
    if (builtIn.isWorkingDay(d.toISODate() as string, 'UTC')) n += 1;
  return {
    min: n - DERIVED_MARGIN,
    max: n + DERIVED_MARGIN,
    source: `weekdays minus date-holidays' public holidays of ${country} in ${year} (${n}) ± ${DERIVED_MARGIN}`,
  };
}

/**
 * Why one official calendar looks implausible (empty: it does not). `at` is its path in the body
 * (`calendars.0`). Assumes the calendar already passed `OfficialCalendarSchema` (dates valid, in its year).
 */
export function calendarConcerns(cal: OfficialCalendar, at: string): CalendarConcern[] {
  const concerns: CalendarConcern[] = [];
  cal.daysOff.forEach((date, i) => {
    const weekday = day(date).weekday;
    if (weekday > 5)
      concerns.push({
        path: `${at}.daysOff.${i}`,
        message: `${date} is a ${WEEKDAY_NAMES[weekday]}, already not a working day: daysOff lists only weekdays that are not worked`,
      });
  });

  const listed = new Set([...cal.daysOff, ...cal.workingDays]);
  for (const holiday of statutoryHolidays(cal.country, cal.year)) {
    if (day(holiday.date).weekday > 5 || listed.has(holiday.date)) continue;
    concerns.push({
      path: `${at}.daysOff`,
      message: `${holiday.date} (${WEEKDAY_NAMES[day(holiday.date).weekday]}, ${holiday.name}) is a public holiday (${holiday.source.split(':')[0]}) but not in daysOff: add it, or list it in workingDays if it is worked`,
    });
  }

  const range = normalWorkingDays(cal.country, cal.year);
  const count = workingDaysUnder(cal);
  if (range && (count < range.min || count > range.max))
    concerns.push({
      path: at,
      message: `${cal.country} ${cal.year} would have ${count} working days; a normal year has ${range.min}–${range.max} (${range.source}): check daysOff and workingDays`,
    });
  return concerns;
}
