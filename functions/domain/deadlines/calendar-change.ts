/**
 * What a change of the organisation's official working calendars affects: the country-years whose
 * calendar was added, replaced or removed, and the window of due instants in which a deadline counted
 * through one of those years can lie (the `calendar-recompute` workflow reads only that window). Pure.
 */
import { DateTime } from 'luxon';
import type { OfficialCalendar } from './working-days.ts';

export interface CountryYear {
  country: string;
  year: number;
}

const keyOf = (c: CountryYear) => `${c.country} ${c.year}`;
const sameCalendar = (a: OfficialCalendar, b: OfficialCalendar) =>
  JSON.stringify([[...a.daysOff].sort(), [...a.workingDays].sort()]) ===
  JSON.stringify([[...b.daysOff].sort(), [...b.workingDays].sort()]);

/** The country-years whose working days differ between two settings (a changed `source` alone changes no day). */
export function changedCountryYears(
  previous: readonly OfficialCalendar[],
  next: readonly OfficialCalendar[],
): CountryYear[] {
  const before = new Map(previous.map((c) => [keyOf(c), c]));
  const after = new Map(next.map((c) => [keyOf(c), c]));
  const changed = new Map<string, CountryYear>();
  for (const [key, cal] of after) {
    const old = before.get(key);
    if (!old || !sameCalendar(old, cal)) changed.set(key, { country: cal.country, year: cal.year });
  }
  for (const [key, cal] of before)
    if (!after.has(key)) changed.set(key, { country: cal.country, year: cal.year });
  return [...changed.values()].sort((a, b) => a.year - b.year || a.country.localeCompare(b.country));
}

/** The calendars of `next` that are new or whose days changed: only those are checked for plausibility again. */
export function newOrChanged(
  previous: readonly OfficialCalendar[],
  next: readonly OfficialCalendar[],
): number[] {
  const before = new Map(previous.map((c) => [keyOf(c), c]));
  return next.flatMap((cal, i) => {
    const old = before.get(keyOf(cal));
    return old && sameCalendar(old, cal) ? [] : [i];
  });
}

/**
 * The due instants (UTC ISO, inclusive) a working-day deadline counted through one of `years` can have.
 * Its count runs from the day after its trigger to its due day, so it touches year Y when it ends on or
 * after 1 January Y and starts on or before 31 December Y:
 * - from: 1 January Y 00:00 in the zone furthest ahead (UTC+14) is 31 December Y−1 10:00 UTC → the
 *   start of 31 December Y−1 UTC;
 * - to: a count of n working days starting by 31 December Y ends within n × 7/5 calendar days (the
 *   weekends) plus a month (no year has more than a month of consecutive holidays: Russia's longest,
 *   the New Year holidays, is 8–10 days), plus a day for the zone furthest behind (UTC−12).
 * Every open deadline in the window is a candidate; counting again with the new calendar decides.
 */
export function recomputeWindow(
  years: readonly number[],
  /** the longest working-day offset of the rule packs (`maxWorkingDayOffset()`, rules.ts) */
  maxWorkingDays: number,
): { from: string; to: string } {
  const first = Math.min(...years);
  const last = Math.max(...years);
  const from = DateTime.utc(first - 1, 12, 31);
  const to = DateTime.utc(last + 1, 1, 1).plus({ days: Math.ceil((maxWorkingDays * 7) / 5) + 31 + 1 });
  return { from: from.toISO() as string, to: to.toISO() as string };
}
