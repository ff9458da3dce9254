import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessCase } from '../../../functions/domain/custom-dev/business-case.ts';
import { defaultEconomics } from '../../../functions/domain/custom-dev/economics.ts';
import type { Technical } from '../../../functions/domain/custom-dev/types.ts';

const estimate = fc
  .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }))
  .map(
    ([o, a, b]): Technical => ({
      verdict: 'feasible',
      effortDays: { optimistic: o, likely: o + a, pessimistic: o + a + b },
      dependencies: [],
      risks: [],
      generic: true,
    }),
  );
const economics = fc.record({
  dayRate: fc.integer({ min: 100, max: 3000 }),
  maintenanceSharePerYear: fc.double({ min: 0, max: 0.5, noNaN: true }),
  discountRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  horizonYears: fc.integer({ min: 1, max: 10 }),
});

describe('the business case, for any estimate and economics', () => {
  it('without discounting, NPV is total revenue − total cost (to the cent)', () => {
    fc.assert(
      fc.property(estimate, economics, fc.integer({ min: 0, max: 5_000_000 }), (t, e, price) => {
        const bc = businessCase(
          t,
          { pricing: { model: 'fixed', price } },
          { ...defaultEconomics, ...e, discountRate: 0 },
        );
        const s = bc.expected;
        expect(
          Math.abs((s.npv.value ?? 0) - ((s.totalRevenue.value ?? 0) - (s.totalCost.value ?? 0))),
        ).toBeLessThanOrEqual(0.02);
      }),
    );
  });

  it('at a fixed price, the pessimistic effort never looks better than the expected one; reuse never lowers NPV', () => {
    fc.assert(
      fc.property(
        estimate,
        economics,
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 50 }),
        (t, e, price, clients) => {
          const econ = { ...defaultEconomics, ...e };
          const bc = businessCase(
            t,
            {
              pricing: { model: 'fixed', price },
              reuse: { candidateClients: clients, adoptionProbability: 0.5, pricePerClient: 1000 },
            },
            econ,
          );
          expect(bc.pessimistic.npv.value ?? 0).toBeLessThanOrEqual((bc.expected.npv.value ?? 0) + 0.01);
          expect(bc.expected.npv.value ?? 0).toBeGreaterThanOrEqual(
            (bc.expected.npvWithoutReuse.value ?? 0) - 0.01,
          );
          expect(bc.expectedEffortDays.value ?? 0).toBeGreaterThanOrEqual(t.effortDays.optimistic - 0.005);
          expect(bc.expectedEffortDays.value ?? 0).toBeLessThanOrEqual(t.effortDays.pessimistic + 0.005);
        },
      ),
    );
  });

  it('the cash flows agree with the figures: last discounted cumulative = NPV, first cumulative ≥ 0 = payback month', () => {
    const pricing = fc.oneof(
      fc.integer({ min: 0, max: 5_000_000 }).map((price) => ({ model: 'fixed' as const, price })),
      fc
        .integer({ min: 0, max: 3_000 })
        .map((dayRate) => ({ model: 'time-and-materials' as const, dayRate })),
      fc
        .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 10_000_000 }))
        .map(([percent, projectedClientRevenuePerYear]) => ({
          model: 'revenue-share' as const,
          percent,
          projectedClientRevenuePerYear,
        })),
    );
    fc.assert(
      fc.property(estimate, economics, pricing, fc.integer({ min: 0, max: 20 }), (t, e, p, clients) => {
        const bc = businessCase(
          t,
          {
            pricing: p,
            reuse: { candidateClients: clients, adoptionProbability: 0.3, pricePerClient: 5_000 },
          },
          { ...defaultEconomics, ...e },
        );
        for (const s of [bc.expected, bc.pessimistic]) {
          expect(s.cashFlows).toHaveLength(e.horizonYears * 12 + 1);
          expect(s.cashFlows?.at(-1)?.discountedCumulative).toBe(s.npv.value);
          const first = (s.cashFlows ?? []).findIndex((m) => m.cumulative >= 0);
          expect(first === -1 ? null : first).toBe(s.paybackMonth.value);
        }
      }),
    );
  });
});
