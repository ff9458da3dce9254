/**
 * Bid / no-bid: a 0–100 score built from five weighted factors, a recommendation and its reasons.
 * Pure: no AWS, no clock (`now` is a parameter). Each factor scores 0–1; its contribution is weight × score.
 *
 * Factors (weights are per organisation and sum to 100):
 * - coverage: readiness.coverage.ratio (approved mandatory requirements / mandatory requirements).
 * - time: working hours left vs estimated open work. Open work = live, mandatory, tenderer- or lot-obligation items
 *   not yet 'approved' × hoursPerOpenItem (alternative groups all count: an upper bound). Working hours left = calendar hours until the submission deadline ×
 *   workingHoursPerDay / 24 (a flat rate: no weekends or holidays — deliberately simple). slack/work ≥ 2 → 1,
 *   ≤ 1 → 0, linear between; no open work → 1. Deadline passed → 0 and a hard 'no-bid'. No deadline → 0.5, flagged.
 * - value: the tender value, else the sum of the lots' values when they share one currency. Unknown → 0.5,
 *   flagged. Currency different from the policy's → 0.5, flagged (no FX conversion is attempted). Within
 *   [min, max] → 1; below min → linear from 1 at min to 0 at min/2; above max → 0.5, flagged (capacity risk).
 * - securities: bid security % = guarantee / value × 100 (the tender's, and each lot's own; the highest counts);
 *   performance security % as given. Each: ≤ its policy max → 1, linear to 0 at 2 × max. The factor is the lower
 *   of the two. A security asked for (a guarantee amount, or a checklist item of category 'guarantee') whose % is
 *   unknown (no value, or another currency) scores 0.5, flagged; none asked → 1.
 * - risk: 1 − 0.25 per risk flag, floor 0. Risk flags: winner obligations (live 'winner' items), a deadline less
 *   than 5 calendar days away, a 'rejected' or 'non-compliant' blocker in readiness, more than 5 lots.
 *
 * score = round(Σ weight × score), 0–100. Recommendation: score ≥ bidAt → 'bid', ≥ reviewAt → 'review', else
 * 'no-bid'; a passed deadline is 'no-bid' whatever the score. Reasons: the deadline (when passed), the threshold
 * verdict, the (up to 3) factors that lost the most points, then every flag in plain English.
 */
import * as z from 'zod/mini';
import { InvalidInputError } from '../lib/errors.ts';
import { fieldErrors } from '../lib/validate.ts';
import type { Readiness } from './checklist/readiness.ts';
import type { NormalizedTender } from './tender.ts';
import { submissionDeadline } from './tender-dates.ts';

export const FACTORS = ['coverage', 'time', 'value', 'securities', 'risk'] as const;
export type FactorName = (typeof FACTORS)[number];

const num = (check: z.core.$ZodCheck<number>, ...more: z.core.$ZodCheck<number>[]) =>
  z.number().check(check, ...more);
const weight = num(z.gte(0));
const DEFAULT_WEIGHTS = { coverage: 35, time: 25, value: 15, securities: 15, risk: 10 };
const Weights = z
  .strictObject({ coverage: weight, time: weight, value: weight, securities: weight, risk: weight })
  .check(
    z.refine(
      (w) => Math.abs(FACTORS.reduce((sum, f) => sum + w[f], 0) - 100) < 1e-6,
      'the weights must sum to 100',
    ),
  );
const orNull = <T extends z.ZodMiniNumber | z.ZodMiniString>(schema: T) =>
  z._default(z.nullable(schema), null);

/**
 * A stored per-organisation policy. Every field is optional on input and defaulted on output (the parsed value is
 * a whole BidPolicy); `weights`, when given, names all five factors and sums to 100.
 */
export const BidPolicySchema = z
  .strictObject({
    /** score ≥ bidAt → 'bid' */
    bidAt: z._default(num(z.gte(0), z.lte(100)), 65),
    /** score ≥ reviewAt → 'review', else 'no-bid' */
    reviewAt: z._default(num(z.gte(0), z.lte(100)), 45),
    weights: z._default(Weights, () => ({ ...DEFAULT_WEIGHTS })),
    minContractValue: orNull(num(z.gte(0))),
    maxContractValue: orNull(num(z.gte(0))),
    /** ISO 4217; a value in another currency scores 0.5 (no FX conversion) */
    currency: orNull(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'))),
    maxBidSecurityPct: z._default(num(z.gte(0)), 5),
    maxPerformanceSecurityPct: z._default(num(z.gte(0)), 10),
    /** estimated working hours per open mandatory item */
    hoursPerOpenItem: z._default(num(z.gte(0)), 4),
    workingHoursPerDay: z._default(num(z.gt(0), z.lte(24)), 8),
  })
  .check(
    z.refine((p) => p.reviewAt <= p.bidAt, { message: 'must not exceed bidAt', path: ['reviewAt'] }),
    z.refine(
      (p) =>
        p.minContractValue === null ||
        p.maxContractValue === null ||
        p.minContractValue <= p.maxContractValue,
      {
        message: 'must not exceed maxContractValue',
        path: ['minContractValue'],
      },
    ),
  );
export type BidPolicyInput = z.input<typeof BidPolicySchema>;
export type BidPolicy = z.output<typeof BidPolicySchema>;

export const defaultBidPolicy: Readonly<BidPolicy> = Object.freeze(BidPolicySchema.parse({}));

/** Validate a stored (partial) policy and apply the defaults. Throws InvalidInputError naming each bad field. */
export function resolvePolicy(partial: unknown = {}): BidPolicy {
  const parsed = BidPolicySchema.safeParse(partial ?? {});
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error.issues).map((e) => ({ ...e, path: e.path || '(root)' }));
  throw new InvalidInputError(`invalid bid policy: ${errors.map((e) => e.path).join(', ')}`, errors);
}

type Money = { amount: number | null; currency: string | null } | null | undefined;

export interface BidDecisionInput {
  tender: Pick<NormalizedTender, 'value' | 'guarantee' | 'periods' | 'lots'> & {
    performanceSecurityPct?: number | null;
  };
  readiness: Readiness;
  items: { status: string; obligation: string; mandatory: boolean; archived: boolean; category: string }[];
  /** ISO-8601 */
  now: string;
  policy: BidPolicy;
}

export interface BidFactor {
  name: FactorName;
  weight: number;
  /** 0–1 */
  score: number;
  /** weight × score, 1 decimal */
  contribution: number;
  detail: string;
}

export interface BidDecision {
  /** 0–100 integer */
  score: number;
  recommendation: 'bid' | 'review' | 'no-bid';
  factors: BidFactor[];
  reasons: string[];
  /** machine-readable codes; each also has a sentence in `reasons` */
  flags: BidFlag[];
}

const MAX_LOTS = 5;

/** Every flag in plain English; the arguments are pre-formatted. */
const MESSAGES = {
  'deadline-passed': (at) => `The submission deadline ${at} has passed: a late bid is rejected.`,
  'no-deadline': () => 'The tender publishes no submission deadline; time could not be assessed.',
  'value-unknown': () => 'The contract value is not published.',
  'currency-mismatch': (cur, want) => `The contract value is in ${cur}, not ${want}; it was not converted.`,
  'value-above-max': (v, max) =>
    `The contract value ${v} exceeds the organisation's maximum ${max} (capacity risk).`,
  'bid-security-unknown': () => 'A bid security is asked for but its share of the contract value is unknown.',
  'bid-security-above-max': (pct, max) =>
    `The bid security is ${pct}% of the value, above the ${max}% limit.`,
  'performance-security-above-max': (pct, max) =>
    `The performance security is ${pct}%, above the ${max}% limit.`,
  'winner-obligations': (n) => `The winner must meet ${n} post-award obligation(s), each on a deadline.`,
  'short-deadline': (h) => `The submission deadline is less than 5 days away (${h} hours).`,
  'review-blockers': (n) => `${n} requirement(s) were rejected in review or answered non-compliantly.`,
  'many-lots': (n) => `The tender has ${n} lots (more than ${MAX_LOTS}).`,
} satisfies Record<string, (...args: string[]) => string>;
export type BidFlag = keyof typeof MESSAGES;

interface Flag {
  code: BidFlag;
  message: string;
}
interface Scored {
  score: number;
  detail: string;
  flags: Flag[];
}
const scored = (score: number, detail: string, ...flags: Flag[]): Scored => ({ score, detail, flags });
const flag = (code: BidFlag, ...args: (string | number)[]): Flag => ({
  code,
  message: (MESSAGES[code] as (...a: string[]) => string)(...args.map(String)),
});

const HOUR = 3_600_000;
const SHORT_DEADLINE_HOURS = 5 * 24;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number): string => String(round(x, 2));
type Known = { amount: number; currency: string | null };
const known = (m: Money): m is Known => !!m && typeof m.amount === 'number' && Number.isFinite(m.amount);

/** The tender's value, else the sum of its lots' values when every lot has one in the same currency. */
function contractValue(tender: BidDecisionInput['tender']): Known | null {
  if (known(tender.value)) return tender.value;
  const values = tender.lots.map((l) => l.value);
  if (!values.length || !values.every(known) || new Set(values.map((v) => v.currency)).size !== 1)
    return null;
  return { amount: values.reduce((sum, v) => sum + v.amount, 0), currency: values[0]?.currency ?? null };
}

/** Guarantee as % of value, when both are known and the value positive; null when their currencies differ. */
function pctOf(guarantee: Money, value: Money): number | null {
  if (!known(guarantee) || !known(value) || value.amount <= 0) return null;
  if (guarantee.currency && value.currency && guarantee.currency !== value.currency) return null;
  return (guarantee.amount / value.amount) * 100;
}

/** ≤ max → 1, linear to 0 at 2 × max. */
const securityScore = (pct: number, max: number): number =>
  pct <= max ? 1 : max <= 0 ? 0 : clamp01(2 - pct / max);

function timeFactor(hoursLeft: number | null, deadline: string | null, open: number, p: BidPolicy): Scored {
  if (hoursLeft === null || deadline === null)
    return scored(0.5, 'no submission deadline published', flag('no-deadline'));
  if (hoursLeft <= 0) return scored(0, `the submission deadline ${deadline} has passed`);
  const work = open * p.hoursPerOpenItem;
  const slack = (hoursLeft * p.workingHoursPerDay) / 24;
  const detail = `${fmt(slack)} working hours left for ~${fmt(work)} hours of work on ${open} open mandatory items`;
  return scored(work === 0 ? 1 : clamp01(slack / work - 1), detail);
}

function valueFactor(tender: BidDecisionInput['tender'], p: BidPolicy): Scored {
  const value = contractValue(tender);
  if (!value) return scored(0.5, 'contract value unknown', flag('value-unknown'));
  const shown = `${fmt(value.amount)}${value.currency ? ` ${value.currency}` : ''}`;
  if (p.currency && value.currency && value.currency !== p.currency)
    return scored(
      0.5,
      `contract value ${shown}, not in ${p.currency}`,
      flag('currency-mismatch', value.currency, p.currency),
    );
  const { minContractValue: min, maxContractValue: max } = p;
  if (min !== null && value.amount < min)
    return scored(
      // 0 at half the minimum, 1 at the minimum; written as a ratio so a tiny minimum (5e-324) cannot underflow to 0/0
      clamp01((2 * value.amount) / min - 1),
      `contract value ${shown} is below the minimum ${fmt(min)}`,
    );
  if (max !== null && value.amount > max)
    return scored(
      0.5,
      `contract value ${shown} is above the maximum ${fmt(max)}`,
      flag('value-above-max', shown, fmt(max)),
    );
  return scored(1, `contract value ${shown} is within the organisation's range`);
}

function securitiesFactor({ tender, items }: BidDecisionInput, p: BidPolicy): Scored {
  const pcts = [
    pctOf(tender.guarantee, contractValue(tender)),
    ...tender.lots.map((l) => pctOf(l.guarantee, l.value)),
  ];
  const bidPct = pcts.filter((x) => x !== null).reduce<number | null>((a, b) => Math.max(a ?? b, b), null);
  const asked =
    known(tender.guarantee) ||
    tender.lots.some((l) => known(l.guarantee)) ||
    items.some((i) => !i.archived && i.category === 'guarantee');
  const perfPct = Number.isFinite(tender.performanceSecurityPct)
    ? (tender.performanceSecurityPct as number)
    : null;
  const { maxBidSecurityPct: maxBid, maxPerformanceSecurityPct: maxPerf } = p;
  const flags: Flag[] = [];
  let [bid, bidText] = [1, 'no bid security asked'];
  if (bidPct !== null) {
    [bid, bidText] = [securityScore(bidPct, maxBid), `bid security ${fmt(bidPct)}% (max ${fmt(maxBid)}%)`];
    if (bidPct > maxBid) flags.push(flag('bid-security-above-max', fmt(bidPct), fmt(maxBid)));
  } else if (asked) {
    [bid, bidText] = [0.5, 'bid security asked, its % of the value unknown'];
    flags.push(flag('bid-security-unknown'));
  }
  if (perfPct !== null && perfPct > maxPerf)
    flags.push(flag('performance-security-above-max', fmt(perfPct), fmt(maxPerf)));
  const perf = perfPct === null ? 1 : securityScore(perfPct, maxPerf);
  const perfText =
    perfPct === null
      ? 'no performance security'
      : `performance security ${fmt(perfPct)}% (max ${fmt(maxPerf)}%)`;
  return scored(Math.min(bid, perf), `${bidText}; ${perfText}`, ...flags);
}

function riskFactor({ items, readiness, tender }: BidDecisionInput, hoursLeft: number | null): Scored {
  const flags: Flag[] = [];
  const winner = items.filter((i) => !i.archived && i.obligation === 'winner').length;
  if (winner > 0) flags.push(flag('winner-obligations', winner));
  if (hoursLeft !== null && hoursLeft > 0 && hoursLeft < SHORT_DEADLINE_HOURS)
    flags.push(flag('short-deadline', fmt(hoursLeft)));
  const review = readiness.blockers.filter((b) => b.code === 'rejected' || b.code === 'non-compliant').length;
  if (review > 0) flags.push(flag('review-blockers', review));
  if (tender.lots.length > MAX_LOTS) flags.push(flag('many-lots', tender.lots.length));
  const detail = flags.length
    ? `${flags.length} risk flag(s): ${flags.map((f) => f.code).join(', ')}`
    : 'no risk flags';
  return scored(clamp01(1 - 0.25 * flags.length), detail, ...flags);
}

export function decideBid(input: BidDecisionInput): BidDecision {
  const { policy, tender, readiness } = input;
  const now = Date.parse(input.now);
  if (Number.isNaN(now)) throw new RangeError(`now is not an ISO-8601 instant: ${JSON.stringify(input.now)}`);
  const deadline = submissionDeadline(tender);
  const deadlineAt = deadline === null ? Number.NaN : Date.parse(deadline);
  const hoursLeft = Number.isNaN(deadlineAt) ? null : (deadlineAt - now) / HOUR;
  const deadlinePassed = hoursLeft !== null && hoursLeft <= 0;
  const open = input.items.filter(
    (i) => !i.archived && i.mandatory && i.obligation !== 'winner' && i.status !== 'approved',
  ).length;

  const { approved, mandatory, ratio } = readiness.coverage;
  const results: Record<FactorName, Scored> = {
    coverage: scored(clamp01(ratio), `${approved} of ${mandatory} mandatory requirements approved`),
    time: timeFactor(hoursLeft, deadline, open, policy),
    value: valueFactor(tender, policy),
    securities: securitiesFactor(input, policy),
    risk: riskFactor(input, hoursLeft),
  };
  const factors: BidFactor[] = FACTORS.map((name) => {
    const { score, detail } = results[name];
    const weight = policy.weights[name];
    return { name, weight, score: round(score, 3), contribution: round(weight * score, 1), detail };
  });
  const raw = FACTORS.reduce((sum, name) => sum + policy.weights[name] * results[name].score, 0);
  const score = Math.min(100, Math.max(0, Math.round(raw)));
  const { bidAt, reviewAt } = policy;
  const recommendation = deadlinePassed || score < reviewAt ? 'no-bid' : score >= bidAt ? 'bid' : 'review';

  const lead = deadlinePassed ? [flag('deadline-passed', deadline ?? '')] : [];
  const flags = FACTORS.flatMap((name) => results[name].flags);
  const verdict = deadlinePassed
    ? `Score ${score} is moot: the deadline has passed.`
    : recommendation === 'bid'
      ? `Score ${score} reaches the bid threshold ${bidAt}.`
      : recommendation === 'review'
        ? `Score ${score} is below the bid threshold ${bidAt} but reaches the review threshold ${reviewAt}.`
        : `Score ${score} is below the review threshold ${reviewAt}.`;
  const weakest = FACTORS.map((name) => ({ name, lost: policy.weights[name] * (1 - results[name].score) }))
    .filter(({ lost }) => lost >= 0.05)
    .sort((a, b) => b.lost - a.lost || FACTORS.indexOf(a.name) - FACTORS.indexOf(b.name))
    .slice(0, 3)
    .map(
      ({ name, lost }) =>
        `Weak ${name}: ${results[name].detail} (−${fmt(round(lost, 1))} of ${fmt(policy.weights[name])} points).`,
    );
  const reasons = [...lead.map((f) => f.message), verdict, ...weakest, ...flags.map((f) => f.message)];
  return { score, recommendation, factors, reasons, flags: [...lead, ...flags].map((f) => f.code) };
}
