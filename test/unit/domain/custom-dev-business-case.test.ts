import { describe, expect, it } from 'vitest';
import { businessCase, npvOf, paybackMonthOf } from '../../../functions/domain/custom-dev/business-case.ts';
import { defaultEconomics, type Economics } from '../../../functions/domain/custom-dev/economics.ts';
import { BusinessCaseSchema } from '../../../functions/domain/custom-dev/schemas.ts';
import type { Commercial, Technical } from '../../../functions/domain/custom-dev/types.ts';

const economics = (over: Partial<Economics>): Economics => ({ ...defaultEconomics, ...over });
const technical = (o: number, m: number, p: number): Technical => ({
  verdict: 'feasible',
  effortDays: { optimistic: o, likely: m, pessimistic: p },
  dependencies: [],
  risks: [],
  generic: true,
});

describe('the business case, against hand-computed cases', () => {
  // Economics: day rate 1,000 EUR, maintenance 20% of the build cost a year, no discounting, 2 years.
  const e = economics({ dayRate: 1000, maintenanceSharePerYear: 0.2, discountRate: 0, horizonYears: 2 });

  it('fixed price: PERT effort, cost with maintenance, NPV, margin, payback, and the pessimistic case', () => {
    const bc = businessCase(technical(10, 20, 36), { pricing: { model: 'fixed', price: 30_000 } }, e);
    // E = (10 + 4×20 + 36) / 6 = 126 / 6 = 21 days; σ = (36 − 10) / 6 = 4.333… days; σ/E = 0.2063
    expect(bc.expectedEffortDays.value).toBe(21);
    expect(bc.effortStdDevDays.value).toBe(4.33);
    expect(bc.relativeSpread.value).toBe(0.2063);
    // build = 21 × 1,000 = 21,000; maintenance = 21,000 × 0.2 = 4,200 a year; total = 21,000 + 2 × 4,200 = 29,400
    expect(bc.expected.buildCost.value).toBe(21_000);
    expect(bc.expected.maintenancePerYear.value).toBe(4_200);
    expect(bc.expected.totalCost.value).toBe(29_400);
    // revenue 30,000 once; r = 0 so NPV = 30,000 − 29,400 = 600; margin = 600 / 30,000 = 0.02
    expect(bc.expected.totalRevenue.value).toBe(30_000);
    expect(bc.expected.npv.value).toBe(600);
    expect(bc.expected.margin.value).toBe(0.02);
    // month 0: 30,000 − 21,000 = +9,000 ≥ 0: paid back at delivery
    expect(bc.expected.paybackMonth.value).toBe(0);
    // pessimistic: 36 days → build 36,000, maintenance 7,200 a year, cost 36,000 + 14,400 = 50,400;
    // NPV = 30,000 − 50,400 = −20,400; margin = −20,400 / 30,000 = −0.68; month 0 is −6,000, then −600 a month: never paid back
    expect(bc.pessimistic.totalCost.value).toBe(50_400);
    expect(bc.pessimistic.npv.value).toBe(-20_400);
    expect(bc.pessimistic.margin.value).toBe(-0.68);
    expect(bc.pessimistic.paybackMonth.value).toBeNull();
  });

  it('time and materials bills the effort at the client day rate, so the pessimistic effort raises revenue too', () => {
    const bc = businessCase(
      technical(10, 20, 36),
      { pricing: { model: 'time-and-materials', dayRate: 1_200 } },
      e,
    );
    // revenue = 21 × 1,200 = 25,200; NPV = 25,200 − 29,400 = −4,200
    expect(bc.expected.clientRevenue.value).toBe(25_200);
    expect(bc.expected.npv.value).toBe(-4_200);
    // pessimistic: 36 × 1,200 = 43,200 − 50,400 = −7,200
    expect(bc.pessimistic.clientRevenue.value).toBe(43_200);
    expect(bc.pessimistic.npv.value).toBe(-7_200);
  });

  describe('revenue share, discounted monthly, where reuse turns a negative NPV positive', () => {
    // Economics: 800 a day, maintenance 10% a year, discount 12% a year, 3 years (36 months).
    // rm = 1.12^(1/12) − 1 = 0.0094887929…; annuity factor a = (1 − 1.12^−3) / rm = (1 − 0.7117802) / 0.0094888 = 30.3747541
    const e3 = economics({ dayRate: 800, maintenanceSharePerYear: 0.1, discountRate: 0.12, horizonYears: 3 });
    const revenueShare: Commercial['pricing'] = {
      model: 'revenue-share',
      percent: 10,
      projectedClientRevenuePerYear: 120_000,
    };
    // 50 days firm: build = 40,000 (month 0); maintenance 4,000 a year = 333.33 a month;
    // share = 10% × 120,000 = 12,000 a year = 1,000 a month → net 666.67 a month for 36 months
    const withoutReuse = businessCase(technical(50, 50, 50), { pricing: revenueShare }, e3);
    // reuse: 5 clients × 0.6 × 20,000 = 60,000 over 36 months = 1,666.67 a month → net 2,333.33 a month
    const withReuse = businessCase(
      technical(50, 50, 50),
      {
        pricing: revenueShare,
        reuse: { candidateClients: 5, adoptionProbability: 0.6, pricePerClient: 20_000 },
      },
      e3,
    );

    it('without reuse: NPV = −40,000 + 666.67 × 30.3747541 = −19,750.16, margin (36,000 − 52,000) / 36,000', () => {
      expect(withoutReuse.monthlyDiscountRate.value).toBe(0.0095);
      expect(withoutReuse.expected.clientRevenue.value).toBe(36_000);
      expect(withoutReuse.expected.npv.value).toBe(-19_750.16);
      expect(withoutReuse.expected.margin.value).toBe(-0.4444);
      // 36 × 666.67 = 24,000 < 40,000: not paid back within the horizon
      expect(withoutReuse.expected.paybackMonth.value).toBeNull();
    });

    it('with reuse: NPV = −40,000 + 2,333.33 × 30.3747541 = 30,874.43; paid back in month 18 (40,000 / 2,333.33 = 17.1)', () => {
      expect(withReuse.expected.reuseRevenue.value).toBe(60_000);
      expect(withReuse.expected.npv.value).toBe(30_874.43);
      expect(withReuse.expected.npvWithoutReuse.value).toBe(-19_750.16);
      // (96,000 − 52,000) / 96,000 = 0.4583
      expect(withReuse.expected.margin.value).toBe(0.4583);
      expect(withReuse.expected.paybackMonth.value).toBe(18);
    });

    it('every figure says how it was computed, with its inputs', () => {
      const npv = withReuse.expected.npv;
      expect(npv.formula).toMatch(/Σ cash flow of month t/);
      expect(npv.inputs).toMatchObject({ monthZero: -40_000, months: 36 });
      expect(withReuse.expected.reuseRevenue.inputs).toEqual({
        candidateClients: 5,
        adoptionProbability: 0.6,
        pricePerClient: 20_000,
        months: 36,
      });
      expect(withReuse.expectedEffortDays.formula).toContain('PERT');
    });
  });

  it('the request’s horizon wins over the organisation’s', () => {
    const bc = businessCase(
      technical(10, 10, 10),
      { pricing: { model: 'fixed', price: 1 }, horizonYears: 5 },
      e,
    );
    expect(bc.horizonYears.value).toBe(5);
    // 10 days × 1,000 = 10,000; maintenance 2,000 a year × 5 years = 10,000
    expect(bc.expected.totalCost.value).toBe(20_000);
  });

  it('each scenario carries its monthly cash flows: the last discounted cumulative is the NPV, the first cumulative ≥ 0 the payback month', () => {
    // revenue share: 10% of 600,000 a year = 5,000 a month; maintenance 4,200 a year = 350 a month → +4,650 a month
    const bc = businessCase(
      technical(10, 20, 36),
      { pricing: { model: 'revenue-share', percent: 10, projectedClientRevenuePerYear: 600_000 } },
      e,
    );
    const flows = bc.expected.cashFlows ?? [];
    // month 0 … 24
    expect(flows.map((m) => m.month)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    // month 0 = −21,000 (build); cumulative −16,350, −11,700, −7,050, −2,400, +2,250 → paid back in month 5
    expect(flows[0]).toEqual({ month: 0, flow: -21_000, cumulative: -21_000, discountedCumulative: -21_000 });
    expect(flows.slice(1, 6).map((m) => m.cumulative)).toEqual([-16_350, -11_700, -7_050, -2_400, 2_250]);
    expect(bc.expected.paybackMonth.value).toBe(5);
    expect(flows.findIndex((m) => m.cumulative >= 0)).toBe(5);
    // no discounting: NPV = −21,000 + 24 × 4,650 = 90,600
    expect(flows.at(-1)?.discountedCumulative).toBe(90_600);
    expect(bc.expected.npv.value).toBe(90_600);
    // pessimistic: build 36,000, maintenance 600 a month → +4,400 a month; −36,000 + 9 × 4,400 = 3,600 ≥ 0 in month 9
    expect(bc.pessimistic.cashFlows?.findIndex((m) => m.cumulative >= 0)).toBe(9);
    expect(bc.pessimistic.paybackMonth.value).toBe(9);
  });

  it('the cash flows are discounted month by month: their last discounted cumulative equals the NPV', () => {
    const e12 = economics({
      dayRate: 800,
      maintenanceSharePerYear: 0.1,
      discountRate: 0.12,
      horizonYears: 3,
    });
    const bc = businessCase(
      technical(5, 10, 20),
      {
        pricing: { model: 'fixed', price: 9_000 },
        reuse: { candidateClients: 4, adoptionProbability: 0.5, pricePerClient: 3_000 },
      },
      e12,
    );
    const last = bc.expected.cashFlows?.at(-1);
    expect(last?.month).toBe(36);
    expect(last?.discountedCumulative).toBe(bc.expected.npv.value);
    // discounting shrinks later months: the discounted running total ends below the undiscounted one
    expect(last?.discountedCumulative ?? 0).toBeLessThan(last?.cumulative ?? 0);
  });

  it('a business case stored before the cash flows were kept still reads (cashFlows optional on read)', () => {
    const bc = businessCase(technical(10, 20, 36), { pricing: { model: 'fixed', price: 30_000 } }, e);
    const { cashFlows: _e, ...expected } = bc.expected;
    const { cashFlows: _p, ...pessimistic } = bc.pessimistic;
    const old = { ...bc, expected, pessimistic };
    expect(BusinessCaseSchema.safeParse(old).success).toBe(true);
    expect(BusinessCaseSchema.safeParse(bc).success).toBe(true);
    // and a malformed series is still refused
    const bad = { ...bc, expected: { ...bc.expected, cashFlows: [{ month: 0, flow: 'x' }] } };
    expect(BusinessCaseSchema.safeParse(bad).success).toBe(false);
  });

  it('npvOf discounts month t by (1 + r)^t; paybackMonthOf finds the first non-negative cumulative month', () => {
    // 100 + 110/1.1 + 121/1.21 = 300
    expect(npvOf([100, 110, 121], 0.1)).toBeCloseTo(300, 10);
    expect(paybackMonthOf([-100, 50, 49, 1, 5])).toBe(3);
    expect(paybackMonthOf([-100, 50])).toBeNull();
  });
});
