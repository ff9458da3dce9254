/**
 * Deadline rule packs: the deadlines a jurisdiction's law adds to a tender, as data (rule-packs/*.json),
 * each rule citing its legal basis. A rule starts from a recorded procurement event or a tender field and
 * adds an offset; a default time fills in the time of day of a deadline published as a date only.
 * The packs are validated when this module loads, so a malformed pack fails fast at cold start.
 */
import * as z from 'zod/mini';
import { countryCode } from '../checklist/rule-packs.ts';
import type { NormalizedTender } from '../tender.ts';
import euJson from './rule-packs/eu-2014-24.json' with { type: 'json' };
import ruJson from './rule-packs/ru-44fz.json' with { type: 'json' };
import usJson from './rule-packs/us-far.json' with { type: 'json' };
import { DEADLINE_KINDS, DEADLINE_RISKS, PROCUREMENT_EVENT_TYPES } from './types.ts';

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
 * - days: n calendar days counted from the day after the trigger; due at the end of the n-th day
 *   (the Remedies Directive's "with effect from the day following");
 * - calendarDays: shift by n days (negative = before) keeping the local wall time in the buyer's zone,
 *   so a 12:00 deadline stays 12:00 across a daylight-saving change.
 */
const Offset = z.union([
  z.strictObject({ workingDays: z.int().check(z.positive()) }),
  z.strictObject({ days: z.int().check(z.positive()) }),
  z.strictObject({ calendarDays: z.int() }),
]);
export type Offset = z.infer<typeof Offset>;

const Trigger = z.union([
  z.strictObject({ event: z.enum(PROCUREMENT_EVENT_TYPES) }),
  z.strictObject({ tenderField: z.enum(TENDER_FIELD_NAMES) }),
]);

const DeadlineRule = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  kind: z.enum(DEADLINE_KINDS),
  title: z.string(),
  risk: z.enum(DEADLINE_RISKS),
  trigger: Trigger,
  offset: Offset,
  /** the event that meets the deadline (e.g. contract-signed meets contract-signing) */
  metBy: z.optional(z.enum(PROCUREMENT_EVENT_TYPES)),
  legalBasis: z.string().check(z.minLength(1)),
});
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
  legalBasis: z.string(),
  defaultTimes: z.array(DefaultTime),
  rules: z.array(DeadlineRule),
  securities: z.array(SecurityRange),
});
export type DeadlineRulePack = z.infer<typeof DeadlineRulePack>;

export const deadlineRulePacks: readonly DeadlineRulePack[] = [ruJson, euJson, usJson].map((pack) =>
  z.parse(DeadlineRulePack, pack),
);

/** Spellings of the US that the checklist's countryCode does not know. */
const US_NAMES = new Set(['USA', 'UNITED STATES', 'UNITED STATES OF AMERICA', 'U.S.', 'U.S.A.']);

/** The longest working-day offset of any rule pack (44-FZ: 5 working days): the longest count that can cross a year. */
export const maxWorkingDayOffset = (): number =>
  Math.max(
    1,
    ...deadlineRulePacks.flatMap((p) =>
      p.rules.map((r) => ('workingDays' in r.offset ? r.offset.workingDays : 0)),
    ),
  );

/** The buyer's ISO 3166-1 alpha-2 country, as the packs and the working calendar need it. */
export function buyerCountry(tender: Pick<NormalizedTender, 'buyer'>): string | null {
  if (tender.buyer?.countryCode) return tender.buyer.countryCode;
  const raw = tender.buyer?.country ?? null;
  if (raw && US_NAMES.has(raw.trim().toUpperCase())) return 'US';
  return countryCode(raw);
}

/** The deadline pack for the buyer's country (RU → ru-44fz, EU member states → eu-2014-24, US → us-far), or null. */
export function chooseDeadlinePack(tender: Pick<NormalizedTender, 'buyer'>): DeadlineRulePack | null {
  const country = buyerCountry(tender);
  if (!country) return null;
  return deadlineRulePacks.find((p) => p.jurisdiction.countries.includes(country)) ?? null;
}
