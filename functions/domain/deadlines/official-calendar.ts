/**
 * The organisation's official working calendars (`PUT /settings/working-calendar`): for a country and a
 * year, the weekdays that are not worked and the weekend days that are, with their source. They win over
 * the built-in calendar (calendar.ts) for that country and year, and make the year confirmed.
 */
import * as isoCountries from 'i18n-iso-countries/index.js';
import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import { isBuiltInHoliday } from './working-days.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string) => DateTime.fromISO(value, { zone: 'utc' });

const IsoDate = z
  .string()
  .check(z.refine((v) => DATE.test(v) && day(v).isValid, 'expected a date YYYY-MM-DD'));

export const OfficialCalendarSchema = z
  .strictObject({
    country: z
      .string()
      .check(
        z.refine(
          (c) => /^[A-Z]{2}$/.test(c) && isoCountries.isValid(c),
          'expected an ISO 3166-1 alpha-2 code',
        ),
      ),
    year: z.int().check(z.gte(2000), z.lte(2100)),
    daysOff: z.array(IsoDate).check(z.maxLength(366)),
    /** Saturdays and Sundays worked, and public holidays (on a weekday) that are worked */
    workingDays: z.array(IsoDate).check(z.maxLength(366)),
    source: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  })
  .check(
    z.superRefine((cal, ctx) => {
      const lists = [
        ['daysOff', cal.daysOff],
        ['workingDays', cal.workingDays],
      ] as const;
      for (const [field, dates] of lists)
        dates.forEach((d, i) => {
          if (DATE.test(d) && day(d).isValid && day(d).year !== cal.year)
            ctx.issues.push({
              code: 'custom',
              input: d,
              path: [field, i],
              message: `${d} is not in ${cal.year}`,
            });
        });
      cal.workingDays.forEach((d, i) => {
        // a weekday public holiday may be listed: it says that this holiday is worked
        if (DATE.test(d) && day(d).isValid && day(d).weekday <= 5 && !isBuiltInHoliday(cal.country, d))
          ctx.issues.push({
            code: 'custom',
            input: d,
            path: ['workingDays', i],
            message: `${d} is a weekday, already a working day: list only Saturdays and Sundays that are worked (or a public holiday that is worked)`,
          });
        if (cal.daysOff.includes(d))
          ctx.issues.push({
            code: 'custom',
            input: d,
            path: ['workingDays', i],
            message: `${d} is also in daysOff`,
          });
      });
    }),
  );

/** The `working-calendar` setting: every official calendar the organisation has, one per country and year. */
export const WorkingCalendarSetting = z
  .strictObject({ calendars: z.array(OfficialCalendarSchema).check(z.maxLength(200)) })
  .check(
    z.superRefine((setting, ctx) => {
      const seen = new Set<string>();
      setting.calendars.forEach((c, i) => {
        const key = `${c.country} ${c.year}`;
        if (seen.has(key))
          ctx.issues.push({
            code: 'custom',
            input: c,
            path: ['calendars', i],
            message: `a second calendar for ${key}: one per country and year`,
          });
        seen.add(key);
      });
    }),
  );
export type WorkingCalendarSetting = z.infer<typeof WorkingCalendarSetting>;
