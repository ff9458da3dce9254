/**
 * The recommendation: transparent rules in a table, thresholds from the organisation's
 * `custom-dev-economics` setting (defaults in economics.ts). The first rule that applies decides;
 * every rule that applies adds its reasons, each a plain sentence.
 *
 * | rule            | when                                                                 | outcome           |
 * |-----------------|----------------------------------------------------------------------|-------------------|
 * | not-feasible    | the technical verdict is not-feasible                                | reject            |
 * | missing-inputs  | an assessment not recorded, an effort of 0 days, a price of 0        | needs-information |
 * | negative-npv    | NPV with reuse below the minimum NPV                                 | reject            |
 * | uncertain       | wide PERT spread, low strategic fit, conditions, pessimistic NPV < 0 | approve-as-pilot  |
 * | worth-it        | none of the above                                                    | approve           |
 */
import type { BusinessCase } from './business-case.ts';
import type { Economics } from './economics.ts';
import type { Commercial, RecommendationDecision, Technical } from './types.ts';

export interface Recommendation {
  decision: RecommendationDecision;
  reasons: string[];
  /** the rule that decided (see the table above) */
  rule: string;
}

export interface RecommendationInput {
  technical: Technical | null;
  commercial: Commercial | null;
  strategicFit: number;
  businessCase: BusinessCase | null;
  economics: Economics;
}

const money = (x: number | null, currency: string) =>
  `${(x ?? 0).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
const pct = (x: number) => `${(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

/** A pricing whose amount is 0 is a price not yet known, not a gift. */
function unpriced(c: Commercial): string | undefined {
  const p = c.pricing;
  if (p.model === 'fixed' && p.price === 0) return 'The fixed price is 0: record the price the client pays.';
  if (p.model === 'time-and-materials' && p.dayRate === 0)
    return 'The client’s day rate is 0: record the rate the client pays.';
  if (p.model === 'revenue-share' && p.projectedClientRevenuePerYear === 0)
    return 'The client’s projected revenue is 0: record it, or the revenue share is worth nothing.';
  return undefined;
}

type Rule = {
  rule: string;
  decision: RecommendationDecision;
  /** the reasons this rule applies, or none */
  reasons: (i: RecommendationInput) => string[];
};

export const RULES: readonly Rule[] = [
  {
    rule: 'not-feasible',
    decision: 'reject',
    reasons: (i) =>
      i.technical?.verdict === 'not-feasible'
        ? ['The technical assessment found the request not feasible.']
        : [],
  },
  {
    rule: 'missing-inputs',
    decision: 'needs-information',
    reasons: (i) => {
      const priceGap = i.commercial ? unpriced(i.commercial) : undefined;
      return [
        ...(i.technical ? [] : ['The technical assessment (feasibility and effort) is not recorded yet.']),
        ...(i.commercial ? [] : ['The commercial terms (pricing, reuse) are not recorded yet.']),
        ...(i.technical && i.technical.effortDays.pessimistic === 0
          ? ['The effort estimate is 0 days: record the optimistic, likely and pessimistic effort.']
          : []),
        ...(priceGap ? [priceGap] : []),
      ];
    },
  },
  {
    rule: 'negative-npv',
    decision: 'reject',
    reasons: ({ businessCase: bc, economics: e }) => {
      const npv = bc?.expected.npv.value ?? 0;
      if (!bc || npv >= e.thresholds.minNpv) return [];
      const reuse = bc.expected.reuseRevenue.value ?? 0;
      return [
        `The net present value is ${money(npv, bc.currency)}${reuse > 0 ? ' even with the reuse revenue' : ''}, below the minimum of ${money(e.thresholds.minNpv, bc.currency)}.`,
      ];
    },
  },
  {
    rule: 'uncertain',
    decision: 'approve-as-pilot',
    reasons: ({ businessCase: bc, economics: e, technical: t, strategicFit }) => {
      if (!bc || !t) return [];
      const out: string[] = [];
      const spread = bc.relativeSpread.value ?? 0;
      if (spread > e.thresholds.maxRelativeSpread)
        out.push(
          `The effort estimate is uncertain: its standard deviation is ${pct(spread)} of the expected ${bc.expectedEffortDays.value} days (above ${pct(e.thresholds.maxRelativeSpread)}).`,
        );
      if (strategicFit < e.thresholds.minStrategicFit)
        out.push(`The strategic fit is ${strategicFit} of 5, below ${e.thresholds.minStrategicFit}.`);
      if (t.verdict === 'feasible-with-conditions')
        out.push(`It is feasible only with conditions${t.conditions ? `: ${t.conditions}` : ''}.`);
      const pessimistic = bc.pessimistic.npv.value ?? 0;
      if (pessimistic < 0)
        out.push(
          `With the pessimistic effort (${bc.pessimistic.effortDays.value} days) the net present value is ${money(pessimistic, bc.currency)}.`,
        );
      return out;
    },
  },
];

/** Apply the rules in order; the first that applies decides. */
export function recommend(input: RecommendationInput): Recommendation {
  for (const r of RULES) {
    const reasons = r.reasons(input);
    if (reasons.length > 0) return { decision: r.decision, reasons, rule: r.rule };
  }
  const bc = input.businessCase;
  return {
    decision: 'approve',
    rule: 'worth-it',
    reasons: bc
      ? [
          `The net present value is ${money(bc.expected.npv.value, bc.currency)} (pessimistic: ${money(bc.pessimistic.npv.value, bc.currency)}), the margin ${pct(bc.expected.margin.value ?? 0)}${bc.expected.paybackMonth.value === null ? '' : `, paid back in month ${bc.expected.paybackMonth.value}`}.`,
          `The estimate is firm (spread ${pct(bc.relativeSpread.value ?? 0)}) and the strategic fit is ${input.strategicFit} of 5.`,
        ]
      : ['Every rule passed.'],
  };
}
