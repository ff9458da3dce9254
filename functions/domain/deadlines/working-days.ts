/**
 * Working-day calendars per country (DESIGN §5), in three layers, the last that knows a year wins:
 *
 * 1. date-holidays' maintained rules (only `public` holidays are days off; `bank`, `optional`, `school`
 *    and `observance` days are working days for a buyer's deadline count), for the countries whose
 *    working days we count (calendars/holidays.json, see infra/holidays-data.ts);
 * 2. corrections as data (calendars/<CC>.json), each citing its legal source: a rule that moves a holiday
 *    falling on a weekend (Russia: Labour Code art. 112) and the yearly transfer decrees; a year may list its
 *    public holidays in place of date-holidays' (Indonesia's SKB lists; `[]` for Ukraine under martial law)
 *    and further days off (cuti bersama);
 * 3. an organisation's official calendar for a country and year (`PUT /settings/working-calendar`).
 *
 * A year is *confirmed* for a country when a decree file or an official calendar covers it; a count that
 * runs through an unconfirmed year says so (`unconfirmedYears`). Weekends are Saturday and Sunday (true
 * for every jurisdiction the deadline packs cover). An unknown country (or none) gets weekends only.
 */
import HolidaysParser from 'date-holidays-parser';
import { DateTime } from 'luxon';
import holidaysData from './calendars/holidays.json' with { type: 'json' };
import { correctionFiles } from './calendars/index.ts';

/** An organisation's official calendar of one country and year: it wins over the built-in data. */
export interface OfficialCalendar {
  /** ISO 3166-1 alpha-2 */
  country: string;
  year: number;
  /** weekdays that are not worked (holidays and transferred days off), `YYYY-MM-DD` */
  daysOff: readonly string[];
  /** Saturdays and Sundays that are worked (transferred working days), `YYYY-MM-DD` */
  workingDays: readonly string[];
  /** where it comes from: the decree, the official production calendar */
  source: string;
}

interface Corrections {
  country: string;
  /** the fixed non-working public holidays the country's statute names (`MM-DD`), with its source */
  statutoryHolidays?: { source: string; days: readonly { date: string; name: string }[] };
  /** the normal number of working days in a year, with where it comes from */
  workingDaysPerYear?: { min: number; max: number; source: string };
  weekendHolidayRule?: { source: string; holidays: readonly string[] };
  years: Readonly<Record<string, CorrectionYear>>;
}

/** What a decree or joint decree says about one year. */
interface CorrectionYear {
  source: string;
  /** weekend days made working (`from`) and the weekdays made days off instead (`to`) */
  transfers: readonly { from: string; to: string }[];
  /**
   * the year's public holidays, replacing date-holidays' for that year (Indonesia: the SKB list, which moves
   * lunar holidays date-holidays gets a day early); `[]`: no public holidays (Ukraine under martial law)
   */
  holidays?: readonly { date: string; name: string }[];
  /** further weekdays off (Indonesia: cuti bersama), each optionally citing the act that added it */
  daysOff?: readonly { date: string; name: string; source?: string }[];
}

/** Every correction file (calendars/<CC>.json, listed in calendars/index.ts), by country. */
const CORRECTIONS: ReadonlyMap<string, Corrections> = new Map(
  Object.entries(correctionFiles).map(([name, json]) => {
    const file = json as Corrections;
    if (
      typeof file?.country !== 'string' ||
      `${file.country}.json` !== name ||
      typeof file.years !== 'object'
    )
      throw new Error(
        `calendars/${name}: expected { country: "${name.slice(0, 2)}", years: { … } } naming its own country`,
      );
    return [file.country, file];
  }),
);

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
  /** The years a count from the day after `fromISO` to `toISO` (local days) runs through with no confirmed calendar. */
  unconfirmedYears(fromISO: string, toISO: string, zone: string): number[];
}

/** The built-in layers of one country (cached): is a local day worked, and is its year confirmed. */
interface BaseCalendar {
  isWorking(day: DateTime): boolean;
  confirmed(year: number): boolean;
}

const bases = new Map<string, BaseCalendar>();
const DAY_MS = 86_400_000;

/** The working calendar of a country, with the organisation's official calendars (any country) on top. */
export function workingCalendar(
  country: string | null,
  official: readonly OfficialCalendar[] = [],
): WorkingCalendar {
  const code = (country ?? '').trim().toUpperCase();
  let base = bases.get(code);
  if (!base) {
    base = buildBase(code);
    bases.set(code, base);
  }
  const own = new Map(official.filter((c) => c.country === code).map((c) => [c.year, c]));
  const isWorking = (day: DateTime): boolean => {
    const cal = own.get(day.year);
    if (!cal) return base.isWorking(day);
    const date = isoDate(day);
    return cal.workingDays.includes(date) || (day.weekday <= 5 && !cal.daysOff.includes(date));
  };
  return {
    country: code,
    isWorkingDay: (dateISO, zone) => isWorking(localDay(dateISO, zone)),
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
    unconfirmedYears(fromISO, toISO, zone) {
      const first = localDay(fromISO, zone).plus({ days: 1 }).year;
      const last = localDay(toISO, zone).year;
      const years: number[] = [];
      for (let y = first; y <= last; y++) if (!own.has(y) && !base.confirmed(y)) years.push(y);
      return years;
    },
  };
}

function buildBase(country: string): BaseCalendar {
  const holidays = parserOf(country);
  const corrections = CORRECTIONS.get(country);
  // A day is a public holiday when its noon (UTC) falls within one of the year's public holidays — what
  // `isHoliday(noon)` answers, computed once per year: isHoliday re-derives every rule on each call
  // (≈0.7 ms), the year's list costs about as much as one call.
  const publicByYear = new Map<number, ReadonlySet<string>>();
  const publicHolidaysOf = (year: number): ReadonlySet<string> => {
    const cached = publicByYear.get(year);
    if (cached) return cached;
    const days = new Set<string>();
    for (const h of holidays?.getHolidays(year) ?? []) {
      if (h.type !== 'public') continue;
      const [start, end] = [h.start.getTime(), h.end.getTime()];
      const first = new Date(start);
      for (
        let noon = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate(), 12);
        noon < end;
        noon += DAY_MS
      )
        if (noon >= start) days.add(new Date(noon).toISOString().slice(0, 10));
    }
    publicByYear.set(year, days);
    return days;
  };
  /** a year whose correction file lists its holidays uses that list instead of date-holidays' */
  const listedHolidays = new Map<number, ReadonlySet<string> | null>();
  const listedOf = (year: number): ReadonlySet<string> | null => {
    if (!listedHolidays.has(year)) {
      const listed = corrections?.years[String(year)]?.holidays;
      listedHolidays.set(year, listed ? new Set(listed.map((h) => h.date)) : null);
    }
    return listedHolidays.get(year) ?? null;
  };
  const isPublicHoliday = (day: DateTime): boolean => {
    const listed = listedOf(day.year);
    if (listed) return listed.has(isoDate(day));
    return holidays !== null && publicHolidaysOf(day.year).has(isoDate(day));
  };

  const holidayNames = (day: DateTime): string[] => {
    const found = holidays?.isHoliday(new Date(Date.UTC(day.year, day.month - 1, day.day, 12)));
    return found ? found.filter((h) => h.type === 'public').map((h) => h.name) : [];
  };

  /** Per year: weekend days made working, and weekdays made days off (decree transfers, the weekend rule). */
  const years = new Map<number, { working: Set<string>; off: Set<string> }>();
  const changesOf = (year: number) => {
    const cached = years.get(year);
    if (cached) return cached;
    const transfers = corrections?.years[String(year)]?.transfers ?? [];
    const working = new Set(transfers.map((t) => t.from).filter((d) => !isPublicHoliday(fromDate(d))));
    const off = new Set([
      ...transfers.map((t) => t.to),
      ...(corrections?.years[String(year)]?.daysOff ?? []).map((d) => d.date),
    ]);
    const moved = new Set(transfers.map((t) => t.from));
    for (const monthDay of corrections?.weekendHolidayRule?.holidays ?? []) {
      const holiday = fromDate(`${year}-${monthDay}`);
      if (holiday.weekday <= 5 || moved.has(isoDate(holiday))) continue;
      const names = new Set(holidayNames(holiday));
      let next = holiday.plus({ days: 1 });
      let substituted = false;
      while (next.weekday > 5 || isPublicHoliday(next) || off.has(isoDate(next))) {
        // the data already moves it (date-holidays: "03-08 and if sunday then next monday")
        if (holidayNames(next).some((n) => names.has(n))) substituted = true;
        next = next.plus({ days: 1 });
      }
      if (!substituted) off.add(isoDate(next));
    }
    const changes = { working, off };
    years.set(year, changes);
    return changes;
  };

  return {
    isWorking(day) {
      const date = isoDate(day);
      const { working, off } = changesOf(day.year);
      if (working.has(date)) return true;
      return day.weekday <= 5 && !off.has(date) && !isPublicHoliday(day);
    },
    confirmed: (year) => corrections?.years[String(year)] !== undefined,
  };
}

/**
 * date-holidays' public holidays of a country, computed in UTC so that a calendar date maps to
 * [00:00Z, 24:00Z) whatever the process TZ (the date itself is taken in the buyer's zone before asking);
 * null for a country whose data we do not carry.
 */
function parserOf(country: string): HolidaysParser | null {
  if (parsers.has(country)) return parsers.get(country) ?? null;
  const known = country !== '' && country in holidaysData.holidays;
  const parser = known
    ? new HolidaysParser(holidaysData, country, { types: ['public'], timezone: 'UTC' })
    : null;
  parsers.set(country, parser);
  return parser;
}
const parsers = new Map<string, HolidaysParser | null>();

/** A public holiday a country's statute fixes to a date, as an official calendar must reflect it. */
export interface StatutoryHoliday {
  /** `YYYY-MM-DD` */
  date: string;
  name: string;
  source: string;
}

/**
 * The public holidays fixed to a date (not Easter-based, not a substitute day) of a country in a year:
 * for a country with a correction file that lists them (Russia: Labour Code art. 112), that list; for a year
 * whose correction file lists its holidays (Indonesia's SKB; none in Ukraine under martial law), that list; else
 * date-holidays' public holidays whose rule is a fixed date. Empty for a country we have no data for.
 */
export function statutoryHolidays(country: string, year: number): StatutoryHoliday[] {
  const code = country.trim().toUpperCase();
  const listed = CORRECTIONS.get(code)?.statutoryHolidays;
  if (listed)
    return listed.days.map((d) => ({ date: `${year}-${d.date}`, name: d.name, source: listed.source }));
  const decreed = CORRECTIONS.get(code)?.years[String(year)];
  if (decreed?.holidays)
    return decreed.holidays.map((h) => ({ date: h.date, name: h.name, source: decreed.source }));
  const source = `date-holidays ${holidaysData.version} (public holidays of ${code} fixed to a date)`;
  return (parserOf(code)?.getHolidays(year) ?? [])
    .filter((h) => h.type === 'public' && h.rule !== undefined)
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name, rule: h.rule ?? '' }))
    .filter((h) => /^\d{2}-\d{2}\b/.test(h.rule) && h.date.slice(5) === h.rule.slice(0, 5))
    .map(({ date, name }) => ({ date, name, source }));
}

/** The normal number of working days of a country's year when a statute or an authority says so (Russia). */
export const statedWorkingDaysPerYear = (country: string) =>
  CORRECTIONS.get(country.trim().toUpperCase())?.workingDaysPerYear;

/** Whether a date is one of the country's public holidays in the built-in data (date-holidays). */
export function isBuiltInHoliday(country: string, dateISO: string): boolean {
  const code = country.trim().toUpperCase();
  const listed = CORRECTIONS.get(code)?.years[dateISO.slice(0, 4)]?.holidays;
  if (listed) return listed.some((h) => h.date === dateISO);
  const found = parserOf(code)?.isHoliday(new Date(`${dateISO}T12:00:00.000Z`));
  return Array.isArray(found) && found.some((h) => h.type === 'public');
}

const isoDate = (day: DateTime): string => day.toISODate() as string;
const fromDate = (date: string): DateTime => DateTime.fromISO(date, { zone: 'utc' });

/** The local day (its start) of a date, or of an instant in a zone (a time without an offset is read in the zone). */
function localDay(value: string, zone: string): DateTime {
  const parsed = DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw new RangeError(`not an ISO date or instant: ${JSON.stringify(value)} (${zone})`);
  return parsed.startOf('day');
}
