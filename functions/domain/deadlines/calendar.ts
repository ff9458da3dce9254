/**
 * Working-day calendars per country, from the maintained `date-holidays` data (DESIGN §5) — never a
 * hand-kept list.
 *
 * - Weekends are Saturday and Sunday (true for every jurisdiction our rule packs cover).
 * - Only holidays of type `public` are non-working days (`bank`, `optional`, `school` and `observance`
 *   days are working days for a buyer's deadline count).
 * - Known gap: Russia moves days off by government decree each year (e.g. a Saturday made a working day,
 *   a weekend day moved to 31 December). date-holidays does not carry those transfers, so a transferred
 *   working Saturday counts here as a weekend and a transferred day off counts as a working day. We do not
 *   patch that with a hand-kept list; a deadline on such a day should be checked against the official
 *   production calendar.
 * - An unknown country (or none) gets weekends only.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

export interface WorkingCalendar {
  /** ISO 3166-1 alpha-2 code, or '' for a weekends-only calendar */
  country: string;
  /** whether the date (a `YYYY-MM-DD` date, or the local date of an instant in `zone`) is a working day */
  isWorkingDay(dateISO: string, zone: string): boolean;
  /**
   * Add `n` (≥ 1) working days to an instant, the way 44-FZ counts days: the period starts on the day after
   * the event's day (in the buyer's zone), counts only working days, and the deadline is the END of the
   * n-th working day in the buyer's zone (23:59:59.999 local). Returns a UTC ISO instant.
   */
  addWorkingDays(instantISO: string, n: number, zone: string): string;
}

const calendars = new Map<string, WorkingCalendar>();

/** The working calendar of a country (cached per country). */
export function workingCalendar(country: string | null): WorkingCalendar {
  const code = (country ?? '').trim().toUpperCase();
  const cached = calendars.get(code);
  if (cached) return cached;
  const calendar = buildCalendar(code);
  calendars.set(code, calendar);
  return calendar;
}

function buildCalendar(country: string): WorkingCalendar {
  // Holidays are computed in UTC so that a calendar date maps to [00:00Z, 24:00Z) whatever the process TZ;
  // the date itself is taken in the buyer's zone before asking.
  const holidays = country === '' ? null : new Holidays(country, { types: ['public'], timezone: 'UTC' });
  const known = new Map<string, boolean>();

  const isPublicHoliday = (date: DateTime): boolean => {
    if (!holidays) return false;
    const key = date.toISODate() as string;
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const noonUtc = new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
    const found = holidays.isHoliday(noonUtc);
    const result = found !== false && found.some((h) => h.type === 'public');
    known.set(key, result);
    return result;
  };

  const isWorking = (date: DateTime): boolean => date.weekday <= 5 && !isPublicHoliday(date);

  return {
    country,
    isWorkingDay(dateISO, zone) {
      return isWorking(localDay(dateISO, zone));
    },
    addWorkingDays(instantISO, n, zone) {
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`working days must be a positive integer, got ${n}`);
      let day = localDay(instantISO, zone);
      let counted = 0;
      while (counted < n) {
        day = day.plus({ days: 1 });
        if (isWorking(day)) counted += 1;
      }
      return day.endOf('day').toUTC().toISO() as string;
    },
  };
}

/** The local day (its start) of a date, or of an instant in a zone (a time without an offset is read in the zone). */
function localDay(value: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw new RangeError(`not an ISO date or instant: ${JSON.stringify(value)} (${zone})`);
  return parsed.startOf('day');
}
