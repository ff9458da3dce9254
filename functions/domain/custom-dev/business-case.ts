/**
 * The business case of a custom-development request: pure arithmetic, every figure with the formula in
 * words and the inputs it used, so a product manager can defend each number in front of the client.
 *
 * - Effort: PERT from the three-point estimate, E = (o + 4m + p) / 6, σ = (p − o) / 6.
 * - Cost: build = effort × day rate (month 0); maintenance = build × share per year, paid monthly over the horizon.
 * - Revenue: fixed price once (month 0); time and materials = effort × the client's day rate (month 0);
 *   revenue share = percent × the client's projected revenue per year, monthly over the horizon.
 * - Reuse: candidate clients × adoption probability × price per client, spread evenly over the horizon's months.
 * - NPV of the monthly cash flows at the yearly discount rate turned monthly, (1 + r)^(1/12) − 1; margin =
 *   (revenue − cost) / revenue, undiscounted; payback month = the first month whose cumulative
 *   undiscounted cash flow is ≥ 0 (0 = at delivery; null = not within the horizon).
 * - The same for the pessimistic effort.
 *
 * Every intermediate value is exact (floating point); a money figure's `value` is rounded to cents, a
 * ratio to 4 decimals, days to 2 decimals: only what is shown is rounded.
 */
import type { Economics } from './economics.ts';
import type { Commercial, Technical } from './types.ts';

export interface Figure {
  value: number | null;
  unit: 'days' | 'money' | 'ratio' | 'month' | 'years';
  /** how it was computed, in words */
  formula: string;
  /** the values the formula used */
  inputs: Record<string, number | string | null>;
}

export interface Scenario {
  effortDays: Figure;
  buildCost: Figure;
  maintenancePerYear: Figure;
  totalCost: Figure;
  clientRevenue: Figure;
  reuseRevenue: Figure;
  totalRevenue: Figure;
  npv: Figure;
  npvWithoutReuse: Figure;
  margin: Figure;
  paybackMonth: Figure;
  /**
   * the monthly cash flows behind npv and paybackMonth (with reuse), month 0…N, money rounded to cents;
   * always computed, absent only from business cases stored before it was kept
   */
  cashFlows?: CashFlowMonth[] | undefined;
}

/** One month of a scenario's cash flows (with reuse): what the chart draws. */
export interface CashFlowMonth {
  month: number;
  flow: number;
  /** undiscounted running total: the first month ≥ 0 is the payback month */
  cumulative: number;
  /** running total of flow ÷ (1 + monthly rate)^month: the last one is the NPV */
  discountedCumulative: number;
}

export interface BusinessCase {
  currency: string;
  horizonYears: Figure;
  monthlyDiscountRate: Figure;
  expectedEffortDays: Figure;
  effortStdDevDays: Figure;
  /** σ / E: how uncertain the estimate is */
  relativeSpread: Figure;
  expected: Scenario;
  pessimistic: Scenario;
}

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
};
const cents = (x: number) => round(x, 2);
const fig = (
  unit: Figure['unit'],
  exact: number | null,
  formula: string,
  inputs: Figure['inputs'],
): Figure => ({
  value:
    exact === null
      ? null
      : unit === 'money'
        ? cents(exact)
        : unit === 'ratio'
          ? round(exact, 4)
          : unit === 'days'
            ? round(exact, 2)
            : exact,
  unit,
  formula,
  inputs,
});

/** NPV of cash flows cf[0..N] (month t discounted by (1 + rm)^t). */
export const npvOf = (flows: readonly number[], monthlyRate: number): number =>
  flows.reduce((sum, cf, t) => sum + cf / (1 + monthlyRate) ** t, 0);

/** Each month's flow with its running totals, exact sums rounded to cents only for display. */
export function cashFlowsOf(flows: readonly number[], monthlyRate: number): CashFlowMonth[] {
  let cumulative = 0;
  let discounted = 0;
  return flows.map((flow, month) => {
    cumulative += flow;
    discounted += flow / (1 + monthlyRate) ** month;
    return {
      month,
      flow: cents(flow),
      cumulative: cents(cumulative),
      discountedCumulative: cents(discounted),
    };
  });
}

/** The first month whose cumulative cash flow is ≥ 0, or null. */
export function paybackMonthOf(flows: readonly number[]): number | null {
  let cumulative = 0;
  for (let t = 0; t < flows.length; t++) {
    cumulative += flows[t] ?? 0;
    // a cent of float noise is no loss
    if (cumulative >= -0.005) return t;
  }
  return null;
}

interface Context {
  technical: Technical;
  commercial: Commercial;
  economics: Economics;
  years: number;
  months: number;
  monthlyRate: number;
}

function scenario(ctx: Context, effort: number, effortFigure: Figure): Scenario {
  const { commercial, economics: e, years, months, monthlyRate } = ctx;
  const cur = e.currency;
  const build = effort * e.dayRate;
  const maintPerYear = build * e.maintenanceSharePerYear;
  const maintTotal = maintPerYear * years;
  const totalCost = build + maintTotal;

  const p = commercial.pricing;
  let oneOff = 0;
  let recurringPerYear = 0;
  let clientRevenue: Figure;
  if (p.model === 'fixed') {
    oneOff = p.price;
    clientRevenue = fig('money', p.price, 'fixed price, paid once at delivery', {
      price: p.price,
      currency: cur,
    });
  } else if (p.model === 'time-and-materials') {
    oneOff = effort * p.dayRate;
    clientRevenue = fig('money', oneOff, 'effort days × the client’s day rate, billed at delivery', {
      effortDays: effort,
      clientDayRate: p.dayRate,
    });
  } else {
    recurringPerYear = (p.percent / 100) * p.projectedClientRevenuePerYear;
    clientRevenue = fig(
      'money',
      recurringPerYear * years,
      'percent ÷ 100 × the client’s projected revenue per year × horizon years, received monthly',
      {
        percent: p.percent,
        projectedClientRevenuePerYear: p.projectedClientRevenuePerYear,
        horizonYears: years,
      },
    );
  }
  const r = commercial.reuse;
  const reuseTotal = r ? r.candidateClients * r.adoptionProbability * r.pricePerClient : 0;
  const reuseRevenue = r
    ? fig(
        'money',
        reuseTotal,
        'candidate clients × adoption probability × price per client, spread evenly over the horizon’s months',
        {
          candidateClients: r.candidateClients,
          adoptionProbability: r.adoptionProbability,
          pricePerClient: r.pricePerClient,
          months,
        },
      )
    : fig('money', 0, 'no reuse declared', {});
  const revenue = oneOff + recurringPerYear * years + reuseTotal;

  const flows = (withReuse: boolean) => {
    const monthly = -maintPerYear / 12 + recurringPerYear / 12 + (withReuse ? reuseTotal / months : 0);
    return [-build + oneOff, ...Array.from({ length: months }, () => monthly)];
  };
  const withReuse = flows(true);
  const npvInputs = {
    monthZero: withReuse[0] ?? 0,
    eachMonth1toN: withReuse[1] ?? 0,
    months,
    monthlyDiscountRate: monthlyRate,
  };
  const npvFormula =
    'Σ cash flow of month t ÷ (1 + monthly rate)^t, t = 0…N; month 0 = client one-off revenue − build cost; months 1…N = (recurring revenue − maintenance per year) ÷ 12 + reuse revenue ÷ N';
  return {
    effortDays: effortFigure,
    buildCost: fig('money', build, 'effort days × day rate', {
      effortDays: effort,
      dayRate: e.dayRate,
      currency: cur,
    }),
    maintenancePerYear: fig('money', maintPerYear, 'build cost × maintenance share per year', {
      buildCost: build,
      maintenanceSharePerYear: e.maintenanceSharePerYear,
    }),
    totalCost: fig('money', totalCost, 'build cost + maintenance per year × horizon years', {
      buildCost: build,
      maintenancePerYear: maintPerYear,
      horizonYears: years,
    }),
    clientRevenue,
    reuseRevenue,
    totalRevenue: fig('money', revenue, 'client revenue + reuse revenue', {
      clientRevenue: oneOff + recurringPerYear * years,
      reuseRevenue: reuseTotal,
    }),
    npv: fig('money', npvOf(withReuse, monthlyRate), npvFormula, npvInputs),
    npvWithoutReuse: fig(
      'money',
      npvOf(flows(false), monthlyRate),
      `${npvFormula}, without the reuse revenue`,
      {
        ...npvInputs,
        eachMonth1toN: flows(false)[1] ?? 0,
      },
    ),
    margin: fig(
      'ratio',
      revenue > 0 ? (revenue - totalCost) / revenue : null,
      '(total revenue − total cost) ÷ total revenue, undiscounted (none without revenue)',
      { totalRevenue: revenue, totalCost },
    ),
    paybackMonth: fig(
      'month',
      paybackMonthOf(withReuse),
      'first month whose cumulative undiscounted cash flow is ≥ 0 (0 = at delivery; null = not within the horizon)',
      { months },
    ),
    cashFlows: cashFlowsOf(withReuse, monthlyRate),
  };
}

/** The business case for the recorded inputs, under the organisation's economics. */
export function businessCase(
  technical: Technical,
  commercial: Commercial,
  economics: Economics,
): BusinessCase {
  const { optimistic: o, likely: m, pessimistic: p } = technical.effortDays;
  const years = commercial.horizonYears ?? economics.horizonYears;
  const months = years * 12;
  const monthlyRate = (1 + economics.discountRate) ** (1 / 12) - 1;
  const expected = (o + 4 * m + p) / 6;
  const sd = (p - o) / 6;
  const ctx: Context = { technical, commercial, economics, years, months, monthlyRate };
  const expectedFigure = fig('days', expected, 'PERT: (optimistic + 4 × likely + pessimistic) ÷ 6', {
    optimistic: o,
    likely: m,
    pessimistic: p,
  });
  return {
    currency: economics.currency,
    horizonYears: fig(
      'years',
      years,
      commercial.horizonYears ? 'the request’s horizon' : 'the organisation’s default horizon',
      {
        horizonYears: years,
      },
    ),
    monthlyDiscountRate: fig('ratio', monthlyRate, '(1 + yearly discount rate)^(1/12) − 1', {
      discountRate: economics.discountRate,
    }),
    expectedEffortDays: expectedFigure,
    effortStdDevDays: fig('days', sd, 'PERT: (pessimistic − optimistic) ÷ 6', {
      optimistic: o,
      pessimistic: p,
    }),
    relativeSpread: fig('ratio', expected > 0 ? sd / expected : 0, 'standard deviation ÷ expected effort', {
      stdDevDays: sd,
      expectedDays: expected,
    }),
    expected: scenario(ctx, expected, expectedFigure),
    pessimistic: scenario(ctx, p, fig('days', p, 'the pessimistic estimate', { pessimistic: p })),
  };
}
