import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BidDecision,
  type BidDecisionInput,
  type BidPolicy,
  BidPolicySchema,
  decideBid,
  defaultBidPolicy,
  FACTORS,
  type FactorName,
  resolvePolicy,
} from '../../../functions/domain/bid-decision.ts';
import type { Blocker, Readiness } from '../../../functions/domain/checklist/readiness.ts';
import { InvalidInputError } from '../../../functions/lib/errors.ts';

const NOW = '2026-05-01T00:00:00.000Z';
const HOUR = 3_600_000;
const at = (hours: number): string => new Date(Date.parse(NOW) + hours * HOUR).toISOString();

type Item = BidDecisionInput['items'][number];
type Tender = BidDecisionInput['tender'];
type Lot = Tender['lots'][number];

const item = (over: Partial<Item> = {}): Item => ({
  status: 'approved',
  obligation: 'tenderer',
  mandatory: true,
  archived: false,
  category: 'exclusion',
  ...over,
});
const lot = (id: string, over: Partial<Lot> = {}): Lot => ({
  id,
  title: null,
  description: null,
  status: null,
  value: null,
  periods: {},
  ...over,
});
const readiness = (ratio = 1, blockers: Blocker['code'][] = []): Readiness => ({
  ready: blockers.length === 0,
  coverage: { approved: Math.round(ratio * 10), mandatory: 10, ratio },
  blockers: blockers.map((code) => ({
    code,
    criterionId: 'c',
    requirementKeys: [],
    lotId: null,
    reason: code,
  })),
  perLot: [],
});
/** A tender that scores 100 under the default policy: 30 days left, 1 M EUR, 2% bid security, no risk. */
const tender = (over: Partial<Tender> = {}): Tender => ({
  value: { amount: 1_000_000, currency: 'EUR' },
  guarantee: { amount: 20_000, currency: 'EUR' },
  periods: { tender: { start: null, end: at(30 * 24) } },
  lots: [],
  ...over,
});
const decide = (over: Partial<BidDecisionInput> = {}): BidDecision =>
  decideBid({
    tender: tender(),
    readiness: readiness(),
    items: [item()],
    now: NOW,
    policy: defaultBidPolicy,
    ...over,
  });
const factor = (d: BidDecision, name: FactorName) =>
  d.factors.find((f) => f.name === name) ?? expect.fail(name);
/** A policy that scores only the named factor. */
const only = (name: FactorName, over: Partial<BidPolicy> = {}): BidPolicy => ({
  ...defaultBidPolicy,
  weights: { coverage: 0, time: 0, value: 0, securities: 0, risk: 0, [name]: 100 },
  ...over,
});

describe('decideBid', () => {
  it('scores a ready, well-sized tender 100 and recommends bidding', () => {
    const d = decide();
    expect(d.score).toBe(100);
    expect(d.recommendation).toBe('bid');
    expect(d.flags).toEqual([]);
    expect(d.factors.map((f) => [f.name, f.weight, f.score, f.contribution])).toEqual([
      ['coverage', 35, 1, 35],
      ['time', 25, 1, 25],
      ['value', 15, 1, 15],
      ['securities', 15, 1, 15],
      ['risk', 10, 1, 10],
    ]);
    expect(d.reasons).toEqual(['Score 100 reaches the bid threshold 65.']);
  });

  it('coverage is the readiness ratio', () => {
    for (const ratio of [0, 0.25, 1])
      expect(factor(decide({ readiness: readiness(ratio) }), 'coverage').score).toBe(ratio);
    const d = decide({ readiness: readiness(0.5) });
    expect(factor(d, 'coverage').contribution).toBe(17.5);
    expect(d.reasons).toContain(
      'Weak coverage: 5 of 10 mandatory requirements approved (−17.5 of 35 points).',
    );
  });

  describe('time', () => {
    // 1 open item × 4 h = 4 h of work; 8 working hours per 24 calendar hours → slack = hours left / 3
    const open = [item({ status: 'open' })];
    const time = (hoursLeft: number, items = open, policy = defaultBidPolicy) =>
      factor(
        decide({
          tender: tender({ periods: { tender: { start: null, end: at(hoursLeft) } } }),
          items,
          policy,
        }),
        'time',
      );

    it('is 1 at slack ≥ 2 × work, 0 at slack ≤ work, linear between', () => {
      expect(time(24).score).toBe(1);
      expect(time(100).score).toBe(1);
      expect(time(18).score).toBe(0.5);
      expect(time(12).score).toBe(0);
      expect(time(6).score).toBe(0);
      expect(time(24).detail).toBe('8 working hours left for ~4 hours of work on 1 open mandatory items');
    });

    it('counts live mandatory tenderer and lot items not yet approved', () => {
      const items = [
        item({ status: 'open' }),
        item({ status: 'answered', obligation: 'lot' }),
        item({ status: 'rejected' }),
        item({ status: 'open', obligation: 'winner' }),
        item({ status: 'open', mandatory: false }),
        item({ status: 'open', archived: true }),
        item(),
      ];
      expect(time(72, items).detail).toBe(
        '24 working hours left for ~12 hours of work on 3 open mandatory items',
      );
      expect(time(72, items).score).toBe(1);
      expect(time(54, items).score).toBe(0.5);
    });

    it('follows hoursPerOpenItem and workingHoursPerDay', () => {
      expect(time(24, open, { ...defaultBidPolicy, hoursPerOpenItem: 8 }).score).toBe(0);
      expect(time(12, open, { ...defaultBidPolicy, workingHoursPerDay: 16 }).score).toBe(1);
    });

    it('is 1 with no open work', () => expect(time(1, [item()]).score).toBe(1));

    it('is 0.5 and flagged without a deadline', () => {
      const d = decide({ tender: tender({ periods: {} }) });
      expect(factor(d, 'time').score).toBe(0.5);
      expect(d.flags).toContain('no-deadline');
      expect(d.reasons).toContain('The tender publishes no submission deadline; time could not be assessed.');
    });

    it('takes the earliest lot deadline when the tender has none', () => {
      const lots = [lot('1', { periods: { tender: { start: null, end: at(12) } } }), lot('2')];
      expect(factor(decide({ tender: tender({ periods: {}, lots }), items: open }), 'time').score).toBe(0);
    });
  });

  describe('deadline passed', () => {
    it('is a hard no-bid whatever the score and policy, with the reason first', () => {
      for (const hours of [0, -1]) {
        const d = decide({
          tender: tender({ periods: { tender: { start: null, end: at(hours) } } }),
          policy: { ...defaultBidPolicy, bidAt: 0, reviewAt: 0 },
        });
        expect(factor(d, 'time').score).toBe(0);
        expect(d.score).toBe(75);
        expect(d.recommendation).toBe('no-bid');
        expect(d.flags[0]).toBe('deadline-passed');
        expect(d.reasons[0]).toBe(`The submission deadline ${at(hours)} has passed: a late bid is rejected.`);
        expect(d.reasons[1]).toBe('Score 75 is moot: the deadline has passed.');
      }
    });

    it('is not a short deadline', () => {
      const d = decide({ tender: tender({ periods: { tender: { start: null, end: at(-1) } } }) });
      expect(d.flags).not.toContain('short-deadline');
    });
  });

  describe('value', () => {
    const value = (amount: number | null, policy: Partial<BidPolicy> = {}, currency: string | null = 'EUR') =>
      factor(
        decide({ tender: tender({ value: { amount, currency } }), policy: only('value', policy) }),
        'value',
      );

    it('is 1 inside [min, max] and with no limits', () => {
      expect(value(5).score).toBe(1);
      expect(value(1000, { minContractValue: 1000, maxContractValue: 2000 }).score).toBe(1);
      expect(value(2000, { minContractValue: 1000, maxContractValue: 2000 }).score).toBe(1);
    });

    it('falls linearly below min to 0 at min / 2', () => {
      const policy = { minContractValue: 1000 };
      expect(value(750, policy).score).toBe(0.5);
      expect(value(500, policy).score).toBe(0);
      expect(value(100, policy).score).toBe(0);
      expect(value(750, policy).detail).toBe('contract value 750 EUR is below the minimum 1000');
    });

    it('is 0.5 and flagged above max (capacity risk)', () => {
      const d = decide({ policy: only('value', { maxContractValue: 500_000 }) });
      expect(factor(d, 'value').score).toBe(0.5);
      expect(d.flags).toEqual(['value-above-max']);
      expect(d.reasons).toContain(
        "The contract value 1000000 EUR exceeds the organisation's maximum 500000 (capacity risk).",
      );
    });

    it('is 0.5 and flagged when unknown', () => {
      const d = decide({ tender: tender({ value: null, guarantee: null }) });
      expect(factor(d, 'value').score).toBe(0.5);
      expect(d.flags).toEqual(['value-unknown']);
      expect(value(null).score).toBe(0.5);
    });

    it('is 0.5 and flagged in another currency, without conversion', () => {
      const d = decide({ policy: only('value', { currency: 'UAH', minContractValue: 10 }) });
      expect(factor(d, 'value').score).toBe(0.5);
      expect(d.flags).toEqual(['currency-mismatch']);
      expect(value(1000, { currency: 'EUR', minContractValue: 1000 }).score).toBe(1);
    });

    it('sums the lots when the tender has no value and they share a currency', () => {
      const lots = [
        lot('1', { value: { amount: 300, currency: 'EUR' } }),
        lot('2', { value: { amount: 700, currency: 'EUR' } }),
      ];
      const policy = only('value', { minContractValue: 1000 });
      expect(factor(decide({ tender: tender({ value: null, lots }), policy }), 'value').score).toBe(1);
      const mixed = [lots[0] as Lot, lot('2', { value: { amount: 700, currency: 'USD' } })];
      expect(factor(decide({ tender: tender({ value: null, lots: mixed }), policy }), 'value').score).toBe(
        0.5,
      );
    });
  });

  describe('securities', () => {
    const securities = (
      guarantee: number | null,
      performanceSecurityPct: number | null = null,
      items = [item()],
    ) =>
      decide({
        tender: tender({
          guarantee: guarantee === null ? null : { amount: guarantee, currency: 'EUR' },
          performanceSecurityPct,
        }),
        items,
      });

    it('bid security: 1 up to the max %, linear to 0 at 2 × max', () => {
      expect(factor(securities(50_000), 'securities').score).toBe(1);
      expect(factor(securities(75_000), 'securities').score).toBe(0.5);
      expect(factor(securities(100_000), 'securities').score).toBe(0);
      expect(factor(securities(150_000), 'securities').score).toBe(0);
      const d = securities(75_000);
      expect(d.flags).toEqual(['bid-security-above-max']);
      expect(factor(d, 'securities').detail).toBe('bid security 7.5% (max 5%); no performance security');
    });

    it('performance security: same curve against its own max; the worse of the two counts', () => {
      expect(factor(securities(null, 10), 'securities').score).toBe(1);
      expect(factor(securities(null, 15), 'securities').score).toBe(0.5);
      expect(factor(securities(null, 20), 'securities').score).toBe(0);
      expect(factor(securities(75_000, 12), 'securities').score).toBe(0.5);
      expect(securities(null, 15).flags).toEqual(['performance-security-above-max']);
    });

    it('1 when none is asked; 0.5 and flagged when one is asked but its % is unknown', () => {
      expect(factor(securities(null), 'securities').score).toBe(1);
      const byItem = securities(null, null, [item({ category: 'guarantee' })]);
      expect(factor(byItem, 'securities').score).toBe(0.5);
      expect(byItem.flags).toEqual(['bid-security-unknown']);
      const noValue = decide({ tender: tender({ value: null }) });
      expect(factor(noValue, 'securities').score).toBe(0.5);
      expect(noValue.flags).toEqual(['value-unknown', 'bid-security-unknown']);
    });

    it("takes the highest lot's own bid security %", () => {
      const lots = [
        lot('1', { value: { amount: 100, currency: 'EUR' }, guarantee: { amount: 1, currency: 'EUR' } }),
        lot('2', { value: { amount: 100, currency: 'EUR' }, guarantee: { amount: 8, currency: 'EUR' } }),
      ];
      expect(factor(decide({ tender: tender({ guarantee: null, lots }) }), 'securities').score).toBeCloseTo(
        0.4,
      );
    });
  });

  describe('risk', () => {
    it('loses 0.25 per flag, floor 0', () => {
      const many = Array.from({ length: 6 }, (_, i) => lot(String(i)));
      const winner = item({ obligation: 'winner', status: 'open' });
      const soon = { periods: { tender: { start: null, end: at(4 * 24) } } };
      const risk = (over: Partial<BidDecisionInput>) => factor(decide(over), 'risk').score;
      expect(risk({})).toBe(1);
      expect(risk({ items: [item(), winner] })).toBe(0.75);
      expect(risk({ items: [item({ obligation: 'winner', archived: true })] })).toBe(1);
      expect(risk({ tender: tender(soon) })).toBe(0.75);
      expect(risk({ tender: tender({ periods: { tender: { start: null, end: at(5 * 24) } } }) })).toBe(1);
      expect(risk({ readiness: readiness(1, ['unanswered', 'evidence-missing']) })).toBe(1);
      expect(risk({ readiness: readiness(1, ['rejected', 'non-compliant']) })).toBe(0.75);
      expect(risk({ tender: tender({ lots: many.slice(0, 5) }) })).toBe(1);
      expect(risk({ tender: tender({ lots: many }) })).toBe(0.75);
      const all = decide({
        items: [winner],
        tender: tender({ ...soon, lots: many }),
        readiness: readiness(1, ['rejected']),
      });
      expect(factor(all, 'risk').score).toBe(0);
      expect(all.flags).toEqual(['winner-obligations', 'short-deadline', 'review-blockers', 'many-lots']);
      expect(factor(all, 'risk').detail).toBe(
        '4 risk flag(s): winner-obligations, short-deadline, review-blockers, many-lots',
      );
      expect(all.reasons).toContain('The tender has 6 lots (more than 5).');
    });
  });

  it('recommends from the score against bidAt and reviewAt', () => {
    const rec = (ratio: number) => decide({ readiness: readiness(ratio), policy: only('coverage') });
    expect(rec(0.65)).toMatchObject({ score: 65, recommendation: 'bid' });
    expect(rec(0.64)).toMatchObject({ score: 64, recommendation: 'review' });
    expect(rec(0.45)).toMatchObject({ score: 45, recommendation: 'review' });
    expect(rec(0.44)).toMatchObject({ score: 44, recommendation: 'no-bid' });
    expect(rec(0.64).reasons[0]).toBe(
      'Score 64 is below the bid threshold 65 but reaches the review threshold 45.',
    );
    expect(rec(0.44).reasons[0]).toBe('Score 44 is below the review threshold 45.');
    const strict = decide({
      readiness: readiness(0.65),
      policy: only('coverage', { bidAt: 80, reviewAt: 70 }),
    });
    expect(strict.recommendation).toBe('no-bid');
  });

  it('lists at most the three weakest factors, most points lost first', () => {
    const d = decide({
      readiness: readiness(0.2),
      tender: tender({ value: null, guarantee: null, periods: {} }),
      items: [item({ obligation: 'winner' })],
    });
    expect(d.reasons.filter((r) => r.startsWith('Weak')).map((r) => r.split(':')[0])).toEqual([
      'Weak coverage',
      'Weak time',
      'Weak value',
    ]);
    expect(d.flags).toEqual(['no-deadline', 'value-unknown', 'winner-obligations']);
  });

  it('custom weights change the outcome', () => {
    const input = { readiness: readiness(0.3) };
    expect(decide(input)).toMatchObject({ score: 76, recommendation: 'bid' });
    const coverageFirst = resolvePolicy({
      weights: { coverage: 70, time: 10, value: 10, securities: 5, risk: 5 },
    });
    expect(decide({ ...input, policy: coverageFirst })).toMatchObject({
      score: 51,
      recommendation: 'review',
    });
  });

  it('rejects an unreadable now', () => expect(() => decide({ now: 'soon' })).toThrow(RangeError));
});

describe('resolvePolicy', () => {
  it('applies the defaults to an empty or partial policy', () => {
    expect(resolvePolicy({})).toEqual(defaultBidPolicy);
    expect(resolvePolicy(undefined)).toEqual(defaultBidPolicy);
    expect(defaultBidPolicy).toMatchObject({
      bidAt: 65,
      reviewAt: 45,
      maxBidSecurityPct: 5,
      hoursPerOpenItem: 4,
    });
    expect(resolvePolicy({ bidAt: 80, currency: 'EUR', minContractValue: 10 })).toEqual({
      ...defaultBidPolicy,
      bidAt: 80,
      currency: 'EUR',
      minContractValue: 10,
    });
    expect(resolvePolicy({}).weights).not.toBe(resolvePolicy({}).weights);
  });

  const rejects = (policy: unknown, path: string) => {
    const error = (() => {
      try {
        resolvePolicy(policy);
      } catch (e) {
        return e;
      }
      return expect.fail('did not throw');
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors.map((e) => e.path)).toContain(path);
    expect((error as InvalidInputError).message).toContain(path);
  };

  it('rejects weights not summing to 100, naming the field', () => {
    rejects({ weights: { coverage: 35, time: 25, value: 15, securities: 15, risk: 9 } }, 'weights');
    rejects({ weights: { coverage: 100 } }, 'weights.time');
    rejects({ weights: { coverage: 110, time: -10, value: 0, securities: 0, risk: 0 } }, 'weights.time');
    expect(
      BidPolicySchema.safeParse({ weights: { coverage: 20, time: 20, value: 20, securities: 20, risk: 19 } })
        .success,
    ).toBe(false);
  });

  it('rejects unknown fields, naming each (a misspelt threshold is never dropped silently)', () => {
    rejects({ bidAT: 80 }, 'bidAT');
    rejects(
      { weights: { coverage: 35, time: 25, value: 15, securities: 15, risk: 10, luck: 0 } },
      'weights.luck',
    );
  });

  it('rejects bad thresholds and limits', () => {
    rejects({ bidAt: 40 }, 'reviewAt');
    rejects({ bidAt: 101 }, 'bidAt');
    rejects({ minContractValue: 10, maxContractValue: 5 }, 'minContractValue');
    rejects({ currency: 'euro' }, 'currency');
    rejects({ workingHoursPerDay: 0 }, 'workingHoursPerDay');
    rejects({ maxBidSecurityPct: -1 }, 'maxBidSecurityPct');
    rejects('strict', '(root)');
  });
});

describe('decideBid properties', () => {
  const weights = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 100];
    return Object.fromEntries(FACTORS.map((f, i) => [f, (edges[i + 1] as number) - (edges[i] as number)]));
  });
  const policy = fc
    .record({
      weights,
      thresholds: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
      minContractValue: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true })),
      maxBidSecurityPct: fc.double({ min: 0, max: 20, noNaN: true }),
      maxPerformanceSecurityPct: fc.double({ min: 0, max: 20, noNaN: true }),
      hoursPerOpenItem: fc.double({ min: 0, max: 40, noNaN: true }),
      workingHoursPerDay: fc.double({ min: 0.5, max: 24, noNaN: true }),
      currency: fc.constantFrom(null, 'EUR', 'UAH'),
    })
    .map(({ thresholds: [a, b], ...rest }) =>
      resolvePolicy({ ...rest, bidAt: Math.max(a, b), reviewAt: Math.min(a, b) }),
    );
  const money = fc.option(
    fc.record({
      amount: fc.option(fc.double({ min: 0, max: 1e8, noNaN: true })),
      currency: fc.constantFrom(null, 'EUR', 'USD'),
    }),
  );
  const input = fc.record({
    value: money,
    guarantee: money,
    deadline: fc.option(fc.integer({ min: -1000, max: 5000 })),
    lots: fc.array(fc.record({ value: money, guarantee: money }), { maxLength: 8 }),
    performanceSecurityPct: fc.option(fc.double({ min: 0, max: 50, noNaN: true })),
    items: fc.array(
      fc.record({
        status: fc.constantFrom('open', 'in_progress', 'answered', 'approved', 'rejected', 'not_applicable'),
        obligation: fc.constantFrom('tenderer', 'lot', 'winner'),
        mandatory: fc.boolean(),
        archived: fc.boolean(),
        category: fc.constantFrom('exclusion', 'guarantee', 'other'),
      }),
      { maxLength: 30 },
    ),
    ratio: fc.double({ min: 0, max: 1, noNaN: true }),
    blockers: fc.array(fc.constantFrom<Blocker['code']>('rejected', 'non-compliant', 'unanswered'), {
      maxLength: 3,
    }),
  });

  it('a tiny minimum contract value (5e-324) still gives an integer score (fast-check seed 598288510)', () => {
    const d = decideBid({
      tender: {
        value: { amount: 0, currency: null },
        guarantee: null,
        periods: {},
        lots: [],
        performanceSecurityPct: null,
      },
      readiness: readiness(0, []),
      items: [],
      now: NOW,
      policy: {
        bidAt: 0,
        reviewAt: 0,
        weights: { coverage: 0, time: 0, value: 0, securities: 0, risk: 100 },
        minContractValue: 5e-324,
        maxContractValue: null,
        currency: null,
        maxBidSecurityPct: 0,
        maxPerformanceSecurityPct: 0,
        hoursPerOpenItem: 0,
        workingHoursPerDay: 0.5,
      },
    });
    expect(Number.isInteger(d.score)).toBe(true);
    expect(d.factors.find((f) => f.name === 'value')?.score).toBe(0);
  });

  it('scores an integer in [0, 100] from weights summing to 100, the contributions adding up', () => {
    fc.assert(
      fc.property(policy, input, (policy, i) => {
        const d = decideBid({
          tender: {
            value: i.value,
            guarantee: i.guarantee,
            periods: i.deadline === null ? {} : { tender: { start: null, end: at(i.deadline) } },
            lots: i.lots.map((l, n) => lot(String(n), l)),
            performanceSecurityPct: i.performanceSecurityPct,
          },
          readiness: readiness(i.ratio, i.blockers),
          items: i.items,
          now: NOW,
          policy,
        });
        expect(Number.isInteger(d.score)).toBe(true);
        expect(d.score).toBeGreaterThanOrEqual(0);
        expect(d.score).toBeLessThanOrEqual(100);
        expect(d.factors.map((f) => f.name)).toEqual([...FACTORS]);
        expect(d.factors.reduce((sum, f) => sum + f.weight, 0)).toBeCloseTo(100, 6);
        expect(d.factors.every((f) => f.score >= 0 && f.score <= 1)).toBe(true);
        expect(Math.abs(d.factors.reduce((sum, f) => sum + f.contribution, 0) - d.score)).toBeLessThanOrEqual(
          1,
        );
        const passed = i.deadline !== null && i.deadline <= 0;
        const expected =
          passed || d.score < policy.reviewAt ? 'no-bid' : d.score >= policy.bidAt ? 'bid' : 'review';
        expect(d.recommendation).toBe(expected);
        expect(d.reasons.length).toBeGreaterThanOrEqual(1 + d.flags.length);
      }),
      { numRuns: 500 },
    );
  });
});
