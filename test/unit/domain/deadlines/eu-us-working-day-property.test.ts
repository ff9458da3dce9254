/**
 * Property: a rule that says its last day moves to a working day (Reg. 1182/71 art. 3(4), FAR 33.101) never
 * ends on a weekend or holiday of the buyer's country, and never before the plain count would; the FAR
 * cut-off "one working day prior" always lands on a working day before the due day. Any award instant in
 * 2026–2028 (the seed is fixed in test/support/fast-check-seed.ts).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { deadlineRulePacks } from '../../../../functions/domain/deadlines/rules.ts';
import type { ProcurementEventType } from '../../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';

const BUYERS = [
  { country: 'AT', zone: 'Europe/Vienna', pack: 'eu-2014-24' },
  { country: 'NO', zone: 'Europe/Oslo', pack: 'eu-2014-24' },
  { country: 'BE', zone: 'Europe/Brussels', pack: 'eu-2014-24' },
  { country: 'US', zone: 'America/Chicago', pack: 'us-far' },
] as const;

/** The event-triggered rules whose own offset (no national variant for these countries) rolls to a working day. */
const rolling = (packId: string) =>
  (deadlineRulePacks.find((p) => p.id === packId)?.rules ?? []).filter(
    (r) => 'event' in r.trigger && 'days' in r.offset && r.offset.endOnWorkingDay === true,
  );

const instant = fc
  .integer({
    min: DateTime.fromISO('2026-01-01T00:00:00Z').toMillis(),
    max: DateTime.fromISO('2028-12-20T00:00:00Z').toMillis(),
  })
  .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }).toISO() as string);

const tender = (country: string, zone: string, end?: string): DeadlineInput['tender'] => ({
  buyer: { id: 'b', name: 'Buyer', country, countryCode: country, kind: 'federal' },
  timeZone: zone,
  periods: end ? { tender: { start: null, end } } : {},
  lots: [],
  status: 'active',
  value: { amount: 1_000_000, currency: 'EUR' },
  procurementMethod: 'open',
});

describe('EU and FAR rules that end on a working day', () => {
  it('never end on a weekend or holiday, and never before the plain calendar count', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUYERS), instant, (buyer, at) => {
        const calendar = workingCalendar(buyer.country);
        for (const rule of rolling(buyer.pack)) {
          const type = (rule.trigger as { event: ProcurementEventType }).event;
          const [d] = computeDeadlines({
            tenderId: 't',
            tender: tender(buyer.country, buyer.zone),
            events: [{ type, at }],
            now: '2026-01-01T00:00:00Z',
          }).filter((x) => x.source.ref === `${buyer.pack}:${rule.id}`);
          expect(d, rule.id).toBeDefined();
          const last = DateTime.fromISO(d?.dueAt ?? '', { zone: buyer.zone });
          expect(calendar.isWorkingDay(last.toISODate() as string, buyer.zone), `${rule.id} ${at}`).toBe(
            true,
          );
          const days = 'days' in rule.offset ? rule.offset.days : 0;
          const plain = DateTime.fromISO(at, { zone: buyer.zone }).startOf('day').plus({ days });
          expect(last.startOf('day') >= plain, `${rule.id} ${at}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the FAR electronic cut-off is 5 p.m. on the working day before the due day', () => {
    const calendar = workingCalendar('US');
    fc.assert(
      fc.property(instant, (end) => {
        const [cutoff] = computeDeadlines({
          tenderId: 't',
          tender: tender('US', 'America/Chicago', end),
          events: [],
          now: '2026-01-01T00:00:00Z',
        }).filter((x) => x.source.ref === 'us-far:electronic-submission-cutoff');
        const at = DateTime.fromISO(cutoff?.dueAt ?? '', { zone: 'America/Chicago' });
        const due = DateTime.fromISO(end, { zone: 'America/Chicago' }).startOf('day');
        expect(at.toFormat('HH:mm')).toBe('17:00');
        expect(calendar.isWorkingDay(at.toISODate() as string, 'America/Chicago')).toBe(true);
        expect(at < due).toBe(true);
        // no working day in between
        for (let d = at.startOf('day').plus({ days: 1 }); d < due; d = d.plus({ days: 1 }))
          expect(calendar.isWorkingDay(d.toISODate() as string, 'America/Chicago')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
