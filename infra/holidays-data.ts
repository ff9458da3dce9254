/**
 * The date-holidays data for only the countries whose working days the product counts (the jurisdictions
 * of the deadline rule packs), written to functions/domain/deadlines/calendars/holidays.json so that the
 * Lambda bundles carry ~0.1 MB of holiday rules instead of date-holidays' 0.8 MB for 200 countries.
 *
 *   npm run calendars   (after upgrading date-holidays or changing a pack's countries; a unit test
 *                        fails while the committed file differs from what this writes)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { data } from 'date-holidays/data';
import { deadlineRulePacks } from '../functions/domain/deadlines/rules.ts';

export const HOLIDAYS_FILE = join(
  import.meta.dirname,
  '..',
  'functions',
  'domain',
  'deadlines',
  'calendars',
  'holidays.json',
);

/** The countries whose working days are counted: those of the deadline rule packs. */
export const countedCountries = (): string[] =>
  [...new Set(deadlineRulePacks.flatMap((p) => p.jurisdiction.countries))].sort();

/** date-holidays' data reduced to the given countries (same shape, so date-holidays-parser reads it). */
export function pickHolidays(countries: readonly string[]): unknown {
  const missing = countries.filter((c) => !(c in data.holidays));
  if (missing.length > 0) throw new Error(`date-holidays has no data for ${missing.join(', ')}`);
  return {
    version: data.version,
    license: data.license,
    holidays: Object.fromEntries(countries.map((c) => [c, data.holidays[c]])),
    // the shared holiday names the countries' rules refer to by `_name`
    names: data.names,
  };
}

export const holidaysJson = (): string => `${JSON.stringify(pickHolidays(countedCountries()), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(HOLIDAYS_FILE, holidaysJson());
  process.stdout.write(`wrote ${HOLIDAYS_FILE} for ${countedCountries().join(', ')}\n`);
}
