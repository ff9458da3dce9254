import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../functions/domain/deadlines/working-days.ts';
import { esbuildOptions } from '../../infra/bundling.ts';
import { countedCountries } from '../../infra/holidays-data.ts';
import { timeouts } from '../support/timeouts.ts';

const days = (year: number) => {
  const out: string[] = [];
  for (let d = DateTime.utc(year, 1, 1); d.year === year; d = d.plus({ days: 1 }))
    out.push(d.toISODate() as string);
  return out;
};

describe('the working calendar as bundled (reduced holiday data, moment-timezone without zone data)', () => {
  it(
    'answers exactly as the unbundled calendar for every counted country, every day of 2025–2027',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'calendar-bundle-'));
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        `export { workingCalendar } from ${JSON.stringify(join(process.cwd(), 'functions/domain/deadlines/working-days.ts'))};`,
      );
      const outfile = join(dir, 'calendar.mjs');
      const res = await build({
        ...esbuildOptions,
        entryPoints: [entry],
        outfile,
        metafile: true,
        logLevel: 'error',
      });
      expect(Object.keys(res.metafile.inputs).some((p) => p.includes('moment-timezone/data'))).toBe(false);
      expect(Object.keys(res.metafile.inputs).some((p) => p.includes('date-holidays/src/data'))).toBe(false);

      const bundled: { workingCalendar: typeof workingCalendar } = await import(pathToFileURL(outfile).href);
      const all = [2025, 2026, 2027].flatMap(days);
      let compared = 0;
      for (const country of countedCountries()) {
        const [a, b] = [workingCalendar(country), bundled.workingCalendar(country)];
        const differ = all.filter((d) => a.isWorkingDay(d, 'UTC') !== b.isWorkingDay(d, 'UTC'));
        expect(differ, country).toEqual([]);
        compared += all.length;
      }
      expect(compared).toBe(countedCountries().length * all.length);
      // and the bundle knows the holidays at all (not weekends-only): Christmas in Germany, 4 November in Russia
      expect(bundled.workingCalendar('DE').isWorkingDay('2026-12-25', 'UTC')).toBe(false);
      expect(bundled.workingCalendar('RU').isWorkingDay('2026-11-04', 'UTC')).toBe(false);
    },
    timeouts.infra.bundle,
  );
});
