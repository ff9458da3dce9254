import { describe, expect, it } from 'vitest';
import {
  changedCountryYears,
  newOrChanged,
  recomputeWindow,
} from '../../../functions/domain/deadlines/calendar-change.ts';
import { WorkingCalendarSetting } from '../../../functions/domain/deadlines/official-calendar.ts';
import {
  calendarConcerns,
  normalWorkingDays,
  workingDaysUnder,
} from '../../../functions/domain/deadlines/plausibility.ts';
import { type OfficialCalendar, workingCalendar } from '../../../functions/domain/deadlines/working-days.ts';

const MSK = 'Europe/Moscow';

/** RU 2027 as a production calendar would have it: 261 weekdays − 14 days off = 247 working days. */
const ru2027: OfficialCalendar = {
  country: 'RU',
  year: 2027,
  daysOff: [
    '2027-01-01', // Fri
    '2027-01-04',
    '2027-01-05',
    '2027-01-06',
    '2027-01-07',
    '2027-01-08',
    '2027-02-22', // a transferred day off (Sat 2 Jan)
    '2027-02-23', // Tue
    '2027-03-08', // Mon
    '2027-05-03', // for Sat 1 May (art. 112 part 2)
    '2027-05-10', // for Sun 9 May
    '2027-06-14', // for Sat 12 June
    '2027-11-04', // Thu
    '2027-12-31', // a transferred day off (Sun 3 Jan)
  ],
  workingDays: [],
  source: 'test copy',
};

/** The calendar: a Saturday typed into daysOff, and no 1 January. */
const implausible: OfficialCalendar = {
  ...ru2027,
  daysOff: ['2027-01-02', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
};

describe('the plausibility of an official working calendar', () => {
  it('accepts a Russian 2027 calendar with every art. 112 holiday and 247 working days', () => {
    expect(workingDaysUnder(ru2027)).toBe(247);
    expect(calendarConcerns(ru2027, 'calendars.0')).toEqual([]);
  });

  it('names the Saturday in daysOff, each missing weekday holiday, and the count outside 245–250', () => {
    const concerns = calendarConcerns(implausible, 'calendars.0');
    expect(concerns.map((c) => c.path)).toEqual([
      'calendars.0.daysOff.0',
      'calendars.0.daysOff', // 1 Jan (Fri)
      'calendars.0.daysOff', // 23 Feb (Tue)
      'calendars.0.daysOff', // 8 Mar (Mon)
      'calendars.0.daysOff', // 4 Nov (Thu)
      'calendars.0',
    ]);
    expect(concerns[0]?.message).toContain('2027-01-02 is a Saturday, already not a working day');
    const missing = concerns
      .filter((c) => c.path === 'calendars.0.daysOff')
      .map((c) => c.message.slice(0, 10));
    // 1 May (Sat), 9 May (Sun) and 12 June (Sat) fall on a weekend: already off, not missing
    expect(missing).toEqual(['2027-01-01', '2027-02-23', '2027-03-08', '2027-11-04']);
    expect(concerns[1]?.message).toContain('Labour Code of the Russian Federation, art. 112');
    // 261 weekdays − 5 days off (the Saturday takes nothing off) = 256
    expect(concerns.at(-1)?.message).toContain(
      'RU 2027 would have 256 working days; a normal year has 245–250',
    );
  });

  it('that calendar is why 2 working days after 29 Dec 2026 came out as 1 Jan 2027', () => {
    const at = '2026-12-29T15:00:00+03:00';
    expect(workingCalendar('RU', [implausible]).addWorkingDays(at, 2, MSK)).toBe('2027-01-01T20:59:59.999Z');
    // 30 Dec (1); 31 Dec off (2026 decree); 1–8 Jan off; 9–10 weekend; 11 Jan (2)
    expect(workingCalendar('RU', [ru2027]).addWorkingDays(at, 2, MSK)).toBe('2027-01-11T20:59:59.999Z');
  });

  it('accepts a holiday that is worked when workingDays says so, not when it is merely left out', () => {
    const worked = {
      ...ru2027,
      daysOff: ru2027.daysOff.filter((d) => d !== '2027-11-04' && d !== '2027-12-31'),
      workingDays: ['2027-11-04'],
    };
    expect(WorkingCalendarSetting.safeParse({ calendars: [worked] }).success).toBe(true);
    expect(calendarConcerns(worked, 'c')).toEqual([]); // 249 working days
    const left = { ...worked, workingDays: [] };
    expect(calendarConcerns(left, 'c').map((c) => c.message.slice(0, 10))).toEqual(['2027-11-04']);
    // an ordinary weekday in workingDays is still refused by the schema
    const ordinary = { ...ru2027, workingDays: ['2027-11-05'] };
    expect(WorkingCalendarSetting.safeParse({ calendars: [ordinary] }).success).toBe(false);
  });

  it('counts a Russian year with too few working days too', () => {
    const tooMany = { ...ru2027, daysOff: [...ru2027.daysOff, '2027-08-02', '2027-08-03', '2027-08-04'] };
    expect(workingDaysUnder(tooMany)).toBe(244);
    expect(calendarConcerns(tooMany, 'c')).toEqual([
      { path: 'c', message: expect.stringContaining('244 working days; a normal year has 245–250') },
    ]);
  });

  it('derives the range elsewhere: Germany 2027 has 256 working days by date-holidays, ± 3', () => {
    // 261 weekdays − New Year (Fri), Good Friday, Easter Monday, Ascension, Whit Monday; 1 May, 3 Oct, 25–26 Dec fall on weekends
    expect(normalWorkingDays('DE', 2027)).toMatchObject({ min: 253, max: 259 });
    const de: OfficialCalendar = {
      country: 'DE',
      year: 2027,
      daysOff: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
      workingDays: [],
      source: 'test',
    };
    expect(calendarConcerns(de, 'c')).toEqual([]);
    // 1 January is fixed by its rule; Good Friday (Easter-based) is not a "fixed" holiday, the count catches a gap
    const noNewYear = { ...de, daysOff: de.daysOff.slice(1) };
    expect(calendarConcerns(noNewYear, 'c').map((c) => c.message.slice(0, 10))).toEqual(['2027-01-01']);
  });

  it('has no range, nor holidays, for a country without holiday data: only the weekend rule applies', () => {
    expect(normalWorkingDays('BR', 2027)).toBeUndefined();
    const br = { country: 'BR', year: 2027, daysOff: ['2027-01-03'], workingDays: [], source: 't' };
    expect(calendarConcerns(br, 'c').map((c) => c.path)).toEqual(['c.daysOff.0']);
  });
});

describe('what a calendar change affects', () => {
  const de = { country: 'DE', year: 2027, daysOff: ['2027-01-01'], workingDays: [], source: 's' };

  it('the country-years whose days changed (added, replaced, removed), not a new source alone', () => {
    expect(changedCountryYears([], [ru2027])).toEqual([{ country: 'RU', year: 2027 }]);
    expect(changedCountryYears([ru2027], [{ ...ru2027, source: 'the decree' }])).toEqual([]);
    const reordered = { ...ru2027, daysOff: [...ru2027.daysOff].reverse() };
    expect(changedCountryYears([ru2027], [reordered])).toEqual([]);
    expect(changedCountryYears([ru2027, de], [implausible])).toEqual([
      { country: 'DE', year: 2027 },
      { country: 'RU', year: 2027 },
    ]);
    // only new or changed calendars are judged again
    expect(newOrChanged([ru2027], [de, { ...ru2027, source: 'x' }])).toEqual([0]);
  });

  it('the window of due instants a count through 2027 can end in', () => {
    // from the start of 31 Dec 2026 UTC (1 Jan 2027 00:00 at UTC+14); to 1 Jan 2028 + 5 × 7/5 days + a month + a day
    expect(recomputeWindow([2027], 5)).toEqual({
      from: '2026-12-31T00:00:00.000Z',
      to: '2028-02-09T00:00:00.000Z',
    });
    expect(recomputeWindow([2028, 2027], 5).from).toBe('2026-12-31T00:00:00.000Z');
  });
});
