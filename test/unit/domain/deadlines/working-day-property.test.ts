/**
 * A property over every pack (fast-check, fixed seed): a deadline whose rule says it ends on a working day
 * (a working-day count forward or back, or calendar days with endOnWorkingDay) never lands on a day that is
 * not worked in the buyer's country, in any of that country's zones, whatever the trigger instant
 * (2024–2027, so through confirmed and unconfirmed years).
 */
import ct from 'countries-and-timezones';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../../../functions/domain/deadlines/compute.ts';
import {
  type DeadlineRule,
  deadlineRulePacks,
  type Offset,
} from '../../../../functions/domain/deadlines/rules.ts';
import type { ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';

const endsOnWorkingDay = (o: Offset) =>
  'workingDays' in o || 'workingDaysBefore' in o || ('days' in o && o.endOnWorkingDay === true);

const cases = deadlineRulePacks.flatMap((pack) =>
  pack.rules
    .filter((r) => [r.offset, ...(r.variants ?? []).flatMap((v) => v.offset ?? [])].some(endsOnWorkingDay))
    .map((rule) => ({ pack, rule })),
);

const FROM = DateTime.utc(2024, 1, 1).toMillis();
const TO = DateTime.utc(2027, 12, 1).toMillis();

/** The input that fires a rule at `at`: its event, or the tender field it starts from. */
function triggerInput(rule: DeadlineRule, at: string) {
  if ('event' in rule.trigger)
    return { events: [{ type: rule.trigger.event, at }] as ProcurementEvent[], periods: {} };
  const [, name, end] = rule.trigger.tenderField.split('.');
  return {
    events: [] as ProcurementEvent[],
    periods: { [String(name)]: end === 'end' ? { start: null, end: at } : { start: at, end: null } },
  };
}

describe('no deadline whose rule ends on a working day lands on a non-working day', () => {
  it('has rules to check (44-FZ at least)', () => {
    expect(cases.map((c) => `${c.pack.id}:${c.rule.id}`)).toContain('ru-44fz:contract-signing');
  });

  it.each(cases.map((c) => [`${c.pack.id}:${c.rule.id}`, c] as const))('%s', (_name, { pack, rule }) => {
    const countries = pack.jurisdiction.countries;
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.integer({ min: FROM, max: TO }),
        fc.nat(),
        (country, millis, zonePick) => {
          const zones = ct.getCountry(country)?.timezones ?? ['UTC'];
          const zone = zones[zonePick % zones.length] ?? 'UTC';
          const at = DateTime.fromMillis(millis, { zone: 'utc' }).toISO() as string;
          const { events, periods } = triggerInput(rule, at);
          const ds = computeDeadlines({
            tenderId: 't',
            tender: {
              buyer: { id: 'b', name: 'B', country, countryCode: country, kind: 'federal' },
              timeZone: zone,
              timeZoneSource: 'import-option',
              periods,
              lots: [],
              status: 'active',
            },
            events,
            now: '2024-01-01T00:00:00Z',
          });
          const d = ds.find((x) => x.source.ref === `${pack.id}:${rule.id}`);
          if (!d) return true; // a rule whose appliesTo excludes this buyer
          const offset = rule.variants?.find((v) => v.countries.includes(country))?.offset ?? rule.offset;
          if (!endsOnWorkingDay(offset)) return true;
          const local = DateTime.fromISO(d.dueAt, { zone }).toISODate() as string;
          return workingCalendar(country).isWorkingDay(local, zone);
        },
      ),
      { seed: 20261208, numRuns: 150 },
    );
  });
});
