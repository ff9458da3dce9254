import * as z from 'zod/mini';

/** The normalised tender, as intake writes it and `GET /tenders/{id}` returns it (zod/mini: runtime schemas). */
export const Instant = z.iso.datetime();

export const Period = z.object({
  start: z.nullable(Instant),
  end: z.nullable(Instant),
  /** the end was published as a date without a time: end of that day in the buyer's zone */
  endAllDay: z.optional(z.boolean()),
  durationInDays: z.optional(z.nullable(z.number())),
});
export type Period = z.infer<typeof Period>;

export const Money = z.object({ amount: z.nullable(z.number()), currency: z.nullable(z.string()) });

export const PeriodSet = z.object({
  tender: z.optional(Period),
  enquiry: z.optional(Period),
  award: z.optional(Period),
  contract: z.optional(Period),
  bidValidity: z.optional(Period),
  /** the last moment the buyer answers questions (Prozorro `enquiryPeriod.clarificationsUntil`): start null, end that instant */
  clarificationsUntil: z.optional(Period),
});

export const Lot = z.object({
  id: z.string(),
  title: z.nullable(z.string()),
  description: z.nullable(z.string()),
  status: z.nullable(z.string()),
  value: z.nullable(Money),
  /** the bid security the lot asks for, when the source publishes one */
  guarantee: z.optional(z.nullable(Money)),
  periods: PeriodSet,
});

/**
 * A published milestone (OCDS `tender.milestones`, `tender.lots[].milestones`, `contracts[].milestones`,
 * `contracts[].implementation.milestones`; Prozorro `milestones`): a date the supplier works to (delivery,
 * payment, reporting). Its due date is read like a period end: an instant, or a date alone = the end of that
 * day in the buyer's zone (`dueAllDay`). A milestone without a date (a payment term relative to an event)
 * is kept so it can be shown, but is no deadline.
 */
export const Milestone = z.object({
  /** where it was published, stable across amendments (ids, not positions): `milestones[1]`, `contracts[c1].implementation.milestones[m1]` */
  ref: z.string(),
  id: z.string(),
  scope: z.enum(['tender', 'lot', 'contract', 'implementation']),
  lotId: z.nullable(z.string()),
  contractId: z.nullable(z.string()),
  /** the contract's status as published (`cancelled` and `terminated` end its milestones) */
  contractStatus: z.optional(z.nullable(z.string())),
  title: z.nullable(z.string()),
  description: z.nullable(z.string()),
  /** OCDS milestoneType: preProcurement, approval, engagement, assessment, delivery, reporting, financing */
  type: z.nullable(z.string()),
  code: z.nullable(z.string()),
  /** OCDS milestoneStatus: scheduled, met, notMet, partiallyMet */
  status: z.nullable(z.string()),
  dueAt: z.nullable(Instant),
  dueAllDay: z.optional(z.boolean()),
  dateMet: z.nullable(Instant),
  /** what a milestone without a date depends on, as published (a Prozorro payment term) */
  terms: z.optional(z.string()),
});
export type Milestone = z.infer<typeof Milestone>;

export const Warning = z.object({ path: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;

/**
 * What kind of government the buyer is, as far as the source tells (a law may bind federal agencies only):
 * federal (national, central), state (a federal subject, region, province), local (a municipality).
 */
export const BUYER_KINDS = ['federal', 'state', 'local'] as const;
export type BuyerKind = (typeof BUYER_KINDS)[number];

export const NormalizedTender = z.object({
  ocid: z.string(),
  releaseId: z.nullable(z.string()),
  releaseDate: z.nullable(Instant),
  title: z.nullable(z.string()),
  /** the title in every language the source has, e.g. { uk: '…', en: '…' } (`default` when the language is unknown) */
  titles: z.optional(z.record(z.string(), z.string())),
  description: z.nullable(z.string()),
  language: z.nullable(z.string()),
  status: z.nullable(z.string()),
  procurementMethod: z.nullable(z.string()),
  buyer: z.nullable(
    z.object({
      id: z.nullable(z.string()),
      name: z.nullable(z.string()),
      /** the country as published */
      country: z.nullable(z.string()),
      /** the ISO 3166-1 alpha-2 code recognised from it (any language or ISO code) */
      countryCode: z.optional(z.nullable(z.string())),
      /** the region and locality of the buyer's address, as published (they place the buyer's zone) */
      region: z.optional(z.nullable(z.string())),
      locality: z.optional(z.nullable(z.string())),
      /** federal / state / local from the buyer's classification or name; null or absent = unknown */
      kind: z.optional(z.nullable(z.enum(BUYER_KINDS))),
    }),
  ),
  value: z.nullable(Money),
  /** the bid security (tender guarantee) the buyer asks for, when the source publishes one */
  guarantee: z.optional(z.nullable(Money)),
  /** the buyer's IANA time zone */
  timeZone: z.string(),
  /**
   * how the zone was chosen: given on import; the buyer's country (one zone); its region or locality; the
   * offset of the published times; the capital's zone (a guess: warned); UTC for an unknown country (warned)
   */
  timeZoneSource: z.enum([
    'import-option',
    'buyer-country',
    'buyer-region',
    'published-offset',
    'capital-guess',
    'default',
  ]),
  periods: PeriodSet,
  lots: z.array(Lot),
  /** every published milestone, tender, lot and contract ones (absent on tenders imported before milestones were read) */
  milestones: z.optional(z.array(Milestone)),
  warnings: z.array(Warning),
  /** rule packs whose requirements were added to the checklist */
  rulePacks: z.optional(z.array(z.string())),
});
export type NormalizedTender = z.infer<typeof NormalizedTender>;

export const TenderStatus = z.enum(['importing', 'ready', 'intake-failed']);
export type TenderStatus = z.infer<typeof TenderStatus>;

/** What the API returns for a tender: the normalised fields once intake is done, plus its state. */
export const TenderView = z.extend(z.partial(NormalizedTender), {
  id: z.string(),
  ocid: z.string(),
  status: TenderStatus,
  procurementStatus: z.optional(z.nullable(z.string())),
  intakeError: z.optional(z.object({ error: z.string(), cause: z.string() })),
  /** the latest import of this tender: a failed re-import leaves the tender ready and says so here */
  lastImport: z.optional(
    z.object({
      status: z.enum(['importing', 'ready', 'failed']),
      at: Instant,
      error: z.optional(z.string()),
      cause: z.optional(z.string()),
    }),
  ),
  /** fields shortened to fit the table (the full tender is in `normalizedKey` in S3) */
  clipped: z.optional(z.array(z.string())),
  /** what the last intake did to the checklist */
  checklist: z.optional(z.looseObject({ items: z.number() })),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.int(),
});
export type TenderView = z.infer<typeof TenderView>;
