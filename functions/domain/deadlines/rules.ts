/**
 * Deadline rule packs: the deadlines a jurisdiction's law adds to a tender, as data (rule-packs/*.json),
 * each rule citing its legal basis. A rule starts from a recorded procurement event or a tender field and
 * adds an offset; a default time fills in the time of day of a deadline published as a date only.
 * The packs are validated when this module loads, so a malformed pack fails fast at cold start.
 */
import * as z from 'zod/mini';
import { countryCode } from '../checklist/rule-packs.ts';
import { BUYER_KINDS, type NormalizedTender } from '../tender.ts';
import { rulePackFiles } from './rule-packs/index.ts';
import {
  DEADLINE_KINDS,
  DEADLINE_RISKS,
  PROCUREMENT_EVENT_TYPES,
  type ProcurementEventType,
} from './types.ts';

/** Tender fields a rule may start from, and the period end/start each names. */
export const TENDER_FIELDS = {
  'periods.tender.end': ['tender', 'end'],
  'periods.enquiry.end': ['enquiry', 'end'],
  'periods.award.start': ['award', 'start'],
  'periods.award.end': ['award', 'end'],
  'periods.contract.start': ['contract', 'start'],
  'periods.contract.end': ['contract', 'end'],
} as const;
export type TenderField = keyof typeof TENDER_FIELDS;
const TENDER_FIELD_NAMES = Object.keys(TENDER_FIELDS) as TenderField[];

/**
 * - workingDays: n working days of the buyer's country counted from the day after the trigger; due at the
 *   end of the n-th one in the buyer's zone (44-FZ counting);
 * - days: n calendar days counted from the day after the trigger; due at the end of the n-th day (the
 *   Remedies Directive's "with effect from the day following"); with `endOnWorkingDay` a last day that is
 *   not a working day moves to the next working day (Civil Code art. 193, Reg. 1182/71 art. 3(4), FAR 33.101);
 * - calendarDays: shift by n days (negative = before) keeping the local wall time in the buyer's zone,
 *   so a 12:00 deadline stays 12:00 across a daylight-saving change;
 * - daysBefore: "no later than n days before": due at the end of the local day n calendar days before the
 *   trigger's local day;
 * - workingDaysBefore: due at the end of the n-th working day before the trigger's local day;
 * - months: n calendar months after the trigger's local day, due at the end of the day with the same
 *   number (the last day of a shorter month) — Civil Code art. 192 part 3;
 * - at: on any of them, the local time of day it is due at instead of the end of the day (FAR: 5 p.m.).
 */
const At = z.optional(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)));
const Offset = z.union([
  z.strictObject({ workingDays: z.int().check(z.positive()), at: At }),
  z.strictObject({
    days: z.int().check(z.positive()),
    endOnWorkingDay: z.optional(z.boolean()),
    at: At,
  }),
  z.strictObject({ calendarDays: z.int(), at: At }),
  z.strictObject({ daysBefore: z.int().check(z.nonnegative()), at: At }),
  z.strictObject({ workingDaysBefore: z.int().check(z.positive()), at: At }),
  z.strictObject({ months: z.int().check(z.positive()), at: At }),
]);
export type Offset = z.infer<typeof Offset>;

const Trigger = z.union([
  z.strictObject({ event: z.enum(PROCUREMENT_EVENT_TYPES) }),
  z.strictObject({ tenderField: z.enum(TENDER_FIELD_NAMES) }),
]);

/** Act, article (part, item), the decisive sentence, and whether it was read in the current text. */
const Citation = z.strictObject({
  act: z.string().check(z.minLength(1)),
  article: z.string().check(z.minLength(1)),
  part: z.optional(z.string()),
  item: z.optional(z.string()),
  quote: z.string().check(z.minLength(1)),
  verified: z.boolean(),
  source: z.optional(z.string()),
});
export type Citation = z.infer<typeof Citation>;

const Events = z.union([
  z.enum(PROCUREMENT_EVENT_TYPES),
  z.array(z.enum(PROCUREMENT_EVENT_TYPES)).check(z.minLength(1)),
]);

/** When a pack or a rule applies; absent = always. Unknown facts (no value, no buyer kind) apply with a warning. */
const AppliesTo = z.strictObject({
  countries: z.optional(z.array(z.string().check(z.regex(/^[A-Z]{2}$/)))),
  buyerKinds: z.optional(z.array(z.enum(BUYER_KINDS))),
  minValue: z.optional(
    z.strictObject({ amount: z.number(), currency: z.string().check(z.regex(/^[A-Z]{3}$/)) }),
  ),
  procedures: z.optional(z.array(z.string())),
});
export type AppliesTo = z.infer<typeof AppliesTo>;

/** A per-country variant inside one pack (EU standstill by member state): the first that names the buyer's country wins. */
const Variant = z.strictObject({
  countries: z.array(z.string().check(z.regex(/^[A-Z]{2}$/))).check(z.minLength(1)),
  title: z.optional(z.string()),
  offset: z.optional(Offset),
  legalBasis: z.optional(z.string()),
  citation: Citation,
});

const DeadlineRule = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    kind: z.enum(DEADLINE_KINDS),
    title: z.string(),
    risk: z.enum(DEADLINE_RISKS),
    trigger: Trigger,
    offset: Offset,
    /** the event(s) that meet the deadline (e.g. supplier-signed or contract-signed meet contract-signing) */
    metBy: z.optional(Events),
    /** the period stops when this event is recorded ... */
    suspendedBy: z.optional(z.enum(PROCUREMENT_EVENT_TYPES)),
    /** ... and runs on, for the days that were left, from the day after this one */
    resumedBy: z.optional(z.enum(PROCUREMENT_EVENT_TYPES)),
    /** the period starts again from this event (a revised draft after a protocol of disagreements) */
    restartedBy: z.optional(z.enum(PROCUREMENT_EVENT_TYPES)),
    appliesTo: z.optional(AppliesTo),
    variants: z.optional(z.array(Variant)),
    legalBasis: z.string().check(z.minLength(1)),
    citation: Citation,
  })
  .check(
    z.refine(
      (r) =>
        (r.suspendedBy === undefined && r.resumedBy === undefined) ||
        'workingDays' in r.offset ||
        'days' in r.offset,
      'suspendedBy/resumedBy: only a forward count (workingDays or days) can be suspended',
    ),
    z.refine(
      (r) => (r.suspendedBy === undefined) === (r.resumedBy === undefined),
      'suspendedBy and resumedBy: give both or neither',
    ),
  );
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** A deadline published as a date only is due at this local time instead of the end of the day. */
const DefaultTime = z.strictObject({
  id: z.string(),
  field: z.enum(['periods.tender.end', 'periods.enquiry.end', 'periods.award.end', 'periods.contract.end']),
  time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
  legalBasis: z.string().check(z.minLength(1)),
});
export type DefaultTime = z.infer<typeof DefaultTime>;

/** Security ranges (bid, performance) as a percentage of a price: information for the bid team. */
const SecurityRange = z.strictObject({
  kind: z.enum(['bid', 'performance']),
  minPercent: z.number(),
  maxPercent: z.number(),
  of: z.string(),
  legalBasis: z.string(),
  /** false until checked against the current text of the law */
  verified: z.boolean(),
});

const DeadlineRulePack = z.strictObject({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.strictObject({ countries: z.array(z.string().check(z.regex(/^[A-Z]{2}$/))) }),
  appliesTo: z.optional(AppliesTo),
  legalBasis: z.string(),
  citation: z.optional(Citation),
  defaultTimes: z.array(DefaultTime),
  rules: z.array(DeadlineRule),
  securities: z.array(SecurityRange),
  /** the law wants the bid deadline on a working day: a published one that is not gets a warning */
  submissionOnWorkingDay: z.optional(Citation),
  /** what the bid team should know that is no deadline of its own (a register listing is a FAS decision) */
  notes: z.optional(
    z.array(z.strictObject({ id: z.string(), title: z.string(), text: z.string(), citation: Citation })),
  ),
});
export type DeadlineRulePack = z.infer<typeof DeadlineRulePack>;

/** Parses one pack; throws an error naming the file and the field that is wrong. */
export function parseRulePack(name: string, json: unknown): DeadlineRulePack {
  const parsed = z.safeParse(DeadlineRulePack, json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`);
  throw new Error(`rule pack ${name} is malformed: ${issues.join('; ')}`);
}

export const deadlineRulePacks: readonly DeadlineRulePack[] = Object.entries(rulePackFiles).map(
  ([name, json]) => parseRulePack(name, json),
);

/** Spellings of the US that the checklist's countryCode does not know. */
const US_NAMES = new Set(['USA', 'UNITED STATES', 'UNITED STATES OF AMERICA', 'U.S.', 'U.S.A.']);

/** The longest working-day offset of any rule pack (44-FZ: 5 working days): the longest count that can cross a year. */
export const maxWorkingDayOffset = (): number =>
  Math.max(
    1,
    ...deadlineRulePacks.flatMap((p) =>
      p.rules.flatMap((r) =>
        [r.offset, ...(r.variants ?? []).map((v) => v.offset)].map((o) =>
          o && 'workingDays' in o ? o.workingDays : o && 'workingDaysBefore' in o ? o.workingDaysBefore : 0,
        ),
      ),
    ),
  );

/** The buyer's ISO 3166-1 alpha-2 country, as the packs and the working calendar need it. */
export function buyerCountry(tender: Pick<NormalizedTender, 'buyer'>): string | null {
  if (tender.buyer?.countryCode) return tender.buyer.countryCode;
  const raw = tender.buyer?.country ?? null;
  if (raw && US_NAMES.has(raw.trim().toUpperCase())) return 'US';
  return countryCode(raw);
}

type Applying = Pick<NormalizedTender, 'buyer'> &
  Partial<Pick<NormalizedTender, 'value' | 'procurementMethod'>>;

/**
 * The deadline pack for the buyer's country (RU → ru-44fz, EU member states → eu-2014-24, US → us-far)
 * whose `appliesTo` does not exclude the tender, or null.
 */
export function chooseDeadlinePack(
  tender: Applying,
  packs: readonly DeadlineRulePack[] = deadlineRulePacks,
): DeadlineRulePack | null {
  const country = buyerCountry(tender);
  if (!country) return null;
  return (
    packs.find((p) => p.jurisdiction.countries.includes(country) && applies(p.appliesTo, tender).applies) ??
    null
  );
}

/**
 * Whether a pack or rule applies to the tender: excluded only by a known fact (another country, a buyer
 * kind not listed, a value below the threshold in the same currency, another procedure); a fact we do not
 * know (no buyer kind, no value, a value in another currency) applies with a warning saying what to check.
 */
export function applies(
  to: AppliesTo | undefined,
  tender: Applying,
): { applies: boolean; warnings: string[] } {
  const warnings: string[] = [];
  if (!to) return { applies: true, warnings };
  const no = { applies: false, warnings };
  const country = buyerCountry(tender);
  if (to.countries && country && !to.countries.includes(country)) return no;
  if (to.buyerKinds) {
    const kind = tender.buyer?.kind ?? null;
    if (kind && !to.buyerKinds.includes(kind)) return no;
    if (!kind) warnings.push(`applies to ${to.buyerKinds.join(' or ')} buyers only; check`);
  }
  if (to.minValue) {
    const { amount, currency } = tender.value ?? { amount: null, currency: null };
    const threshold = `${to.minValue.amount.toLocaleString('en')} ${to.minValue.currency}`;
    if (typeof amount === 'number' && currency === to.minValue.currency) {
      if (amount < to.minValue.amount) return no;
    } else
      warnings.push(
        typeof amount === 'number'
          ? `applies from ${threshold}; the tender's value is in ${currency ?? 'an unknown currency'}: check`
          : `applies from ${threshold}; the tender publishes no value: check`,
      );
  }
  if (to.procedures) {
    const method = tender.procurementMethod ?? null;
    if (method && !to.procedures.includes(method)) return no;
    if (!method) warnings.push(`applies to ${to.procedures.join(', ')} procedures only; check`);
  }
  return { applies: true, warnings };
}

/** The rule as it holds for the buyer's country: its first variant naming the country, else the rule itself. */
export function ruleFor(
  rule: DeadlineRule,
  country: string | null,
): Pick<DeadlineRule, 'title' | 'offset' | 'legalBasis' | 'citation'> {
  const variant = country ? rule.variants?.find((v) => v.countries.includes(country)) : undefined;
  if (!variant) return rule;
  return {
    title: variant.title ?? rule.title,
    offset: variant.offset ?? rule.offset,
    legalBasis: variant.legalBasis ?? rule.legalBasis,
    citation: variant.citation,
  };
}

/** The events of a `metBy`, as a list. */
export const eventsOf = (metBy: DeadlineRule['metBy']): ProcurementEventType[] =>
  metBy === undefined ? [] : typeof metBy === 'string' ? [metBy] : [...metBy];
