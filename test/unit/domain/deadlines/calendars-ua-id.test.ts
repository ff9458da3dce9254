/**
 * The Ukrainian and Indonesian working calendars (issue #21): Ukraine under martial law has no public holidays
 * (Law 2136-IX art. 6 part 6), Indonesia's holidays and cuti bersama come from the yearly SKB lists
 * (calendars/ID.json) instead of date-holidays, which misses cuti bersama and puts two 2025 holidays a day early.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import idCalendar from '../../../../functions/domain/deadlines/calendars/ID.json' with { type: 'json' };
import { calendarConcerns } from '../../../../functions/domain/deadlines/plausibility.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';

const WIB = 'Asia/Jakarta';
const KYIV = 'Europe/Kyiv';

const weekdaysOf = (year: number): string[] => {
  const days: string[] = [];
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 }))
    if (d.weekday <= 5) days.push(d.toISODate() as string);
  return days;
};

/** date-holidays' own public holidays of a country and year (what the product used before the correction files). */
const builtIn = (country: string, year: number) =>
  new Set(
    new Holidays(country, { types: ['public'], timezone: 'UTC' })
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => h.date.slice(0, 10)),
  );

type Year = (typeof idCalendar.years)['2025'];
const years: Record<string, Year> = idCalendar.years;
/** The days off an SKB sets (national holidays and cuti bersama); `amendments: false` leaves out later amendments. */
const skbDaysOff = (year: number, amendments = true) => {
  const y = years[String(year)];
  if (!y) throw new Error(`no SKB year ${year}`);
  const off = y.daysOff.filter((d) => amendments || !('source' in d));
  return new Set([...y.holidays, ...off].map((d) => d.date));
};
/** The weekdays date-holidays gets wrong against the SKB list. */
const wrongWeekdays = (year: number, amendments = true) => {
  const dh = builtIn('ID', year);
  const skb = skbDaysOff(year, amendments);
  return weekdaysOf(year).filter((d) => dh.has(d) !== skb.has(d));
};

describe('Indonesia: the SKB lists against date-holidays', () => {
  it('date-holidays gets 13 weekdays of 2025 wrong against the SKB of 14 Oct 2024, 14 with the 7 Aug 2025 amendment', () => {
    expect(wrongWeekdays(2025, false)).toHaveLength(13);
    expect(wrongWeekdays(2025)).toEqual([
      '2025-01-28', // cuti bersama Imlek
      '2025-03-28', // cuti bersama Nyepi
      '2025-04-01', // Idul Fitri day 2 (date-holidays: 30-31 Mar)
      '2025-04-02',
      '2025-04-03',
      '2025-04-04',
      '2025-04-07', // cuti bersama Idul Fitri
      '2025-05-13', // cuti bersama Waisak
      '2025-05-30', // cuti bersama Kenaikan
      '2025-06-09', // cuti bersama Idul Adha
      '2025-06-26', // date-holidays' 1 Muharram, a day early: a working day
      '2025-06-27', // 1 Muharram 1447
      '2025-08-18', // cuti bersama HUT RI ke-80 (SKB 933/2025, 1/2025, 3/2025)
      '2025-12-26', // cuti bersama Natal
    ]);
  });

  it('date-holidays gets 7 weekdays of 2026 wrong (the cuti bersama of the SKB of 19 Sep 2025)', () => {
    expect(wrongWeekdays(2026)).toEqual([
      '2026-02-16',
      '2026-03-18',
      '2026-03-23',
      '2026-03-24',
      '2026-05-15',
      '2026-05-28',
      '2026-12-24',
    ]);
  });

  it('the working calendar follows the SKB: every weekday of 2024-2026 is worked exactly when the SKB leaves it', () => {
    const id = workingCalendar('ID');
    for (const year of [2024, 2025, 2026]) {
      const off = skbDaysOff(year);
      const wrong = weekdaysOf(year).filter((d) => id.isWorkingDay(d, WIB) === off.has(d));
      expect(wrong, String(year)).toEqual([]);
    }
  });

  it('counts 240, 237 and 240 working days in 2024, 2025 and 2026', () => {
    const id = workingCalendar('ID');
    const count = (year: number) => weekdaysOf(year).filter((d) => id.isWorkingDay(d, WIB)).length;
    expect([count(2024), count(2025), count(2026)]).toEqual([240, 237, 240]);
  });

  it('puts Idul Fitri 2025 on 31 Mar-1 Apr and 1 Muharram 2025 on 27 Jun, not a day early', () => {
    const id = workingCalendar('ID');
    expect(id.isWorkingDay('2025-04-01', WIB)).toBe(false);
    expect(id.isWorkingDay('2025-06-27', WIB)).toBe(false);
    expect(id.isWorkingDay('2025-06-26', WIB)).toBe(true);
  });

  it('says a count into 2027 or later is unconfirmed (no SKB yet; date-holidays has no Nyepi or Waisak after 2027)', () => {
    const id = workingCalendar('ID');
    expect(id.unconfirmedYears('2026-12-28T10:00:00+07:00', '2027-01-12T23:59:59+07:00', WIB)).toEqual([
      2027,
    ]);
    expect(id.unconfirmedYears('2028-03-01T10:00:00+07:00', '2028-03-20T23:59:59+07:00', WIB)).toEqual([
      2028,
    ]);
    expect(id.unconfirmedYears('2026-03-17T10:00:00+07:00', '2026-04-06T23:59:59+07:00', WIB)).toEqual([]);
  });
});

describe('Ukraine under martial law', () => {
  it('works on the public holidays date-holidays lists for 2024-2026 (Labour Code art. 73 suspended)', () => {
    const ua = workingCalendar('UA');
    for (const year of [2024, 2025, 2026]) {
      const holidays = [...builtIn('UA', year)].filter((d) => DateTime.fromISO(d).weekday <= 5);
      expect(holidays.length, String(year)).toBeGreaterThan(5);
      expect(
        holidays.filter((d) => !ua.isWorkingDay(d, KYIV)),
        String(year),
      ).toEqual([]);
    }
    // Independence Day 2025 fell on a Sunday: Monday 25 August stayed a working day (no transfer, art. 67)
    expect(ua.isWorkingDay('2025-08-25', KYIV)).toBe(true);
    expect(ua.isWorkingDay('2025-08-24', KYIV)).toBe(false); // a Sunday
  });

  it('has every weekday of 2025 as a working day (261), and 2027 unconfirmed', () => {
    const ua = workingCalendar('UA');
    expect(weekdaysOf(2025).filter((d) => ua.isWorkingDay(d, KYIV))).toHaveLength(261);
    expect(ua.unconfirmedYears('2026-12-30T10:00:00+02:00', '2027-01-08T23:59:59+02:00', KYIV)).toEqual([
      2027,
    ]);
  });
});

describe("an organisation's official calendar for Ukraine or Indonesia, judged against the correction files", () => {
  const official = (country: string, year: number, daysOff: string[]) => ({
    country,
    year,
    daysOff,
    workingDays: [],
    source: 'test',
  });

  it('Ukraine 2025 with no days off raises no missing-holiday concern (martial law)', () => {
    const concerns = calendarConcerns(official('UA', 2025, []), 'calendars.0');
    expect(concerns.filter((c) => /public holiday/.test(c.message))).toEqual([]);
  });

  it("Indonesia 2025 without the SKB's Idul Fitri is questioned, on the SKB's date (1 Apr), not date-holidays' (30 Mar)", () => {
    const messages = calendarConcerns(official('ID', 2025, []), 'calendars.0').map((c) => c.message);
    expect(messages.some((m) => m.startsWith('2025-04-01') && /SKB/.test(m))).toBe(true);
    expect(messages.some((m) => m.startsWith('2025-03-30'))).toBe(false);
  });
});
