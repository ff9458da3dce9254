import { readFileSync } from 'node:fs';
import HolidaysParser from 'date-holidays-parser';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { computeDeadlines } from '../../../functions/domain/deadlines/compute.ts';
import { WorkingCalendarSetting } from '../../../functions/domain/deadlines/official-calendar.ts';
import { type OfficialCalendar, workingCalendar } from '../../../functions/domain/deadlines/working-days.ts';
import type { NormalizedTender } from '../../../functions/domain/tender.ts';
import { countedCountries, HOLIDAYS_FILE, pickHolidays } from '../../../infra/holidays-data.ts';

const MSK = 'Europe/Moscow';
const ru = workingCalendar('RU');

const workingDaysIn = (year: number, calendar = ru) => {
  let n = 0;
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 }))
    if (calendar.isWorkingDay(d.toISODate() as string, MSK)) n += 1;
  return n;
};

describe('the Russian working calendar (date-holidays + Labour Code art. 112 + transfer decrees)', () => {
  it('has the official number of working days in 2025 and 2026 (247 each)', () => {
    expect(workingDaysIn(2025)).toBe(247);
    expect(workingDaysIn(2026)).toBe(247);
  });

  it('has 248 working days in 2024 (decree No. 1314 of 10 August 2023), with the 8 days it moves', () => {
    expect(workingDaysIn(2024)).toBe(248);
    // Saturdays worked: 27 April, 2 November, 28 December
    for (const worked of ['2024-04-27', '2024-11-02', '2024-12-28'])
      expect(ru.isWorkingDay(worked, MSK), worked).toBe(true);
    // weekdays off: 29 and 30 April, 10 May, 30 and 31 December
    for (const off of ['2024-04-29', '2024-04-30', '2024-05-10', '2024-12-30', '2024-12-31'])
      expect(ru.isWorkingDay(off, MSK), off).toBe(false);
    // and a signing count through the May holidays of 2024: posted Fri 26 April → 27 Apr (Sat, worked),
    // 2, 3, 6, 7 May (1 May, 9–10 May off) → due at the end of 7 May
    expect(ru.addWorkingDays('2024-04-26T12:00:00+03:00', 5, MSK)).toBe('2024-05-07T20:59:59.999Z');
  });

  it('follows the 2025 decree (No. 1335): the transfers it sets, not the automatic ones', () => {
    // 23 Feb (Sun) and 8 Mar (Sat) moved by the decree to 8 May and 13 June: 24 Feb and 10 Mar are worked
    expect(ru.isWorkingDay('2025-02-24', MSK)).toBe(true);
    expect(ru.isWorkingDay('2025-03-10', MSK)).toBe(true);
    for (const off of ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'])
      expect(ru.isWorkingDay(off, MSK), off).toBe(false);
    expect(ru.isWorkingDay('2025-11-01', MSK)).toBe(true); // a Saturday made a working day
  });

  it('follows the 2026 decree across New Year: 9 January and 31 December 2026 are days off', () => {
    expect(ru.isWorkingDay('2026-01-09', MSK)).toBe(false);
    expect(ru.isWorkingDay('2026-12-31', MSK)).toBe(false);
    expect(ru.isWorkingDay('2026-01-12', MSK)).toBe(true);
  });

  it('moves a holiday that falls on a weekend to the next working day (art. 112) where the data lacks it', () => {
    // May holidays 2026: Victory Day is a Saturday → Monday 11 May off (date-holidays has no such rule for 9 May)
    expect(ru.isWorkingDay('2026-05-11', MSK)).toBe(false);
    expect(ru.isWorkingDay('2026-05-12', MSK)).toBe(true);
    // 2027 (no decree yet): 1 May and 12 June are Saturdays, 9 May a Sunday → 3 May, 10 May and 14 June off
    for (const off of ['2027-05-03', '2027-05-10', '2027-06-14'])
      expect(ru.isWorkingDay(off, MSK), off).toBe(false);
    expect(ru.isWorkingDay('2027-05-04', MSK)).toBe(true);
  });

  it('counts 5 working days across New Year to 14 January 2027, not 13 January', () => {
    // received Tue 29 Dec 2026: 30 Dec (1); 31 Dec off; 1–8 Jan holidays; 9–10 weekend; 11, 12, 13, 14 Jan
    const due = ru.addWorkingDays('2026-12-29T15:00:00+03:00', 5, MSK);
    expect(due).toBe('2027-01-14T20:59:59.999Z');
    expect(ru.unconfirmedYears('2026-12-29T15:00:00+03:00', due, MSK)).toEqual([2027]);
  });

  it('counts across the May holidays of 2026 within a confirmed year', () => {
    // Thu 30 Apr 2026 → 1–3 May off, Mon 4 (1) … Fri 8 (5)
    const due = ru.addWorkingDays('2026-04-30T12:00:00+03:00', 5, MSK);
    expect(due).toBe('2026-05-08T20:59:59.999Z');
    expect(ru.unconfirmedYears('2026-04-30T12:00:00+03:00', due, MSK)).toEqual([]);
  });
});

describe("an organisation's official calendar", () => {
  const official: OfficialCalendar = {
    country: 'RU',
    year: 2027,
    daysOff: [
      '2027-01-01',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
      '2027-01-11',
    ],
    workingDays: ['2027-01-16'],
    source: 'Production calendar 2027, as published by the Government',
  };

  it('wins over the built-in data for its country and year, and confirms the year', () => {
    const cal = workingCalendar('RU', [official]);
    expect(cal.isWorkingDay('2027-01-11', MSK)).toBe(false);
    expect(cal.isWorkingDay('2027-01-16', MSK)).toBe(true);
    expect(cal.isWorkingDay('2027-05-03', MSK)).toBe(true); // not in its daysOff
    expect(cal.unconfirmedYears('2026-12-29T15:00:00+03:00', '2027-01-20T12:00:00+03:00', MSK)).toEqual([]);
    // the built-in calendar of other organisations is untouched
    expect(workingCalendar('RU').isWorkingDay('2027-01-11', MSK)).toBe(true);
  });

  it('gives a country with no built-in data its days off', () => {
    const kz = workingCalendar('KZ', [
      {
        country: 'KZ',
        year: 2027,
        daysOff: ['2027-03-22'],
        workingDays: [],
        source: 'Order of the Government',
      },
    ]);
    expect(kz.isWorkingDay('2027-03-22', 'Asia/Almaty')).toBe(false);
    expect(workingCalendar('KZ').isWorkingDay('2027-03-22', 'Asia/Almaty')).toBe(true);
  });

  it('is refused with every bad field named', () => {
    const parsed = WorkingCalendarSetting.safeParse({
      calendars: [
        {
          ...official,
          country: 'Russia',
          daysOff: ['2026-12-31', '31.12.2027'],
          workingDays: ['2027-01-12'],
        },
        official,
        official,
      ],
    });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        'calendars.0.country: expected an ISO 3166-1 alpha-2 code',
        'calendars.0.daysOff.1: expected a date YYYY-MM-DD',
      ]),
    );
    expect(
      WorkingCalendarSetting.safeParse({ calendars: [official, official] }).error?.issues[0],
    ).toMatchObject({
      path: ['calendars', 1],
      message: 'a second calendar for RU 2027: one per country and year',
    });
    const wrong = WorkingCalendarSetting.safeParse({
      calendars: [{ ...official, daysOff: ['2026-12-31'], workingDays: ['2027-01-12'] }],
    });
    expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(
      ['daysOff.0', 'workingDays.0'].map((p) => `calendars.0.${p}`),
    );
  });
});

describe('deadline warnings', () => {
  const tender = (over: Partial<NormalizedTender>) => ({
    periods: { tender: { start: null, end: '2026-06-10T20:59:59.999Z', endAllDay: true } },
    lots: [],
    timeZone: MSK,
    buyer: { id: null, name: null, country: 'Россия', countryCode: 'RU' },
    ...over,
  });
  const signing = (input: Parameters<typeof computeDeadlines>[0]) =>
    computeDeadlines(input).find((d) => d.kind === 'contract-signing');
  const events = [{ type: 'draft-contract-received' as const, at: '2026-12-29T15:00:00+03:00' }];
  const now = '2026-12-01T00:00:00Z';
  /** the calendar's warnings, without the rule's own (an unverified citation says so too) */
  const calendarWarnings = (d: ReturnType<typeof signing>) =>
    (d?.warnings ?? []).filter((w) => w.startsWith('counted through'));

  it('warns on a working-day deadline counted through a year with no confirmed calendar', () => {
    const d = signing({ tenderId: 't', tender: tender({ timeZoneSource: 'buyer-region' }), events, now });
    expect(d?.dueAt).toBe('2027-01-14T20:59:59.999Z');
    expect(calendarWarnings(d)).toEqual([
      expect.stringContaining('counted through 2027, for which no official RU working calendar is confirmed'),
    ]);
  });

  it('has no calendar warning once the organisation adds the official calendar of that year', () => {
    const calendars: OfficialCalendar[] = [
      {
        country: 'RU',
        year: 2027,
        daysOff: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
        workingDays: [],
        source: 'official',
      },
    ];
    const d = signing({
      tenderId: 't',
      tender: tender({ timeZoneSource: 'buyer-region' }),
      events,
      calendars,
      now,
    });
    expect(d?.dueAt).toBe('2027-01-14T20:59:59.999Z');
    expect(calendarWarnings(d)).toEqual([]);
  });

  it("warns on every date-only and working-day deadline when the buyer's zone is the capital's guess", () => {
    const all = computeDeadlines({
      tenderId: 't',
      tender: tender({ timeZoneSource: 'capital-guess' }),
      events,
      now,
    });
    const whole = all.filter((d) => d.allDay);
    expect(whole.map((d) => d.kind)).toEqual(expect.arrayContaining(['submission', 'contract-signing']));
    for (const d of whole)
      expect(d.warnings, d.kind).toContainEqual(
        expect.stringContaining("time zone Europe/Moscow is a guess (the capital's zone)"),
      );
    const submission = all.find((d) => d.kind === 'submission');
    expect(
      computeDeadlines({
        tenderId: 't',
        tender: tender({ timeZoneSource: 'buyer-region' }),
        events,
        now,
      }).find((d) => d.kind === 'submission')?.warnings,
    ).toBeUndefined();
    expect(submission?.warnings).toHaveLength(1);
  });
});

describe('the holiday data in the bundles', () => {
  it('holds only the counted countries, exactly as date-holidays has them (npm run calendars rewrites it)', () => {
    const committed: unknown = JSON.parse(readFileSync(HOLIDAYS_FILE, 'utf8'));
    expect(committed).toEqual(pickHolidays(countedCountries()));
    expect(countedCountries()).toEqual(expect.arrayContaining(['RU', 'DE', 'US']));
    expect(countedCountries()).not.toContain('CN');
  });

  // isHoliday re-derives every rule on each call (≈1 ms), so a sample: Romania's two-day New Year, Sweden's
  // eves, moving feasts (DE, FR, PL), US observed days. (Russia's decrees add to the data: tested above.)
  it("answers as date-holidays' own isHoliday at noon, every day of 2026 in a sample of countries", () => {
    const data: object = z
      .object({})
      .loose()
      .parse(JSON.parse(readFileSync(HOLIDAYS_FILE, 'utf8')));
    let compared = 0;
    const sample = ['DE', 'FR', 'PL', 'RO', 'SE', 'US'];
    expect(countedCountries()).toEqual(expect.arrayContaining(sample));
    for (const country of sample) {
      const reference = new HolidaysParser(data, country, { types: ['public'], timezone: 'UTC' });
      const calendar = workingCalendar(country);
      const differ: string[] = [];
      for (let d = DateTime.utc(2026, 1, 1); d.year === 2026; d = d.plus({ days: 1 })) {
        compared += 1;
        if (d.weekday > 5) {
          if (calendar.isWorkingDay(d.toISODate() as string, 'UTC')) differ.push(d.toISODate() as string);
          continue; // a weekend day is off whatever isHoliday says
        }
        const found = reference.isHoliday(new Date(Date.UTC(d.year, d.month - 1, d.day, 12)));
        const expected = !(found !== false && found.some((h) => h.type === 'public'));
        if (calendar.isWorkingDay(d.toISODate() as string, 'UTC') !== expected)
          differ.push(d.toISODate() as string);
      }
      expect(differ, country).toEqual([]);
    }
    expect(compared).toBe(sample.length * 365);
  });
});
