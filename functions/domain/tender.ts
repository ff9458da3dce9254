import { z } from 'zod';

/** The normalised tender, as intake writes it and `GET /tenders/{id}` returns it. */
export const Instant = z.iso.datetime({ offset: false }).describe('UTC instant, ISO-8601');

export const Period = z.object({
  start: Instant.nullable(),
  end: Instant.nullable(),
  /** the end was published as a date without a time: end of that day in the buyer's zone */
  endAllDay: z.boolean().optional(),
  durationInDays: z.number().nullable().optional(),
});
export type Period = z.infer<typeof Period>;

export const Money = z.object({ amount: z.number().nullable(), currency: z.string().nullable() });

export const PeriodSet = z.object({
  tender: Period.optional(),
  enquiry: Period.optional(),
  award: Period.optional(),
  contract: Period.optional(),
  bidValidity: Period.optional(),
});

export const Lot = z.object({
  id: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string().nullable(),
  value: Money.nullable(),
  periods: PeriodSet,
});

export const Warning = z.object({ path: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;

export const NormalizedTender = z.object({
  ocid: z.string(),
  releaseId: z.string().nullable(),
  releaseDate: Instant.nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  language: z.string().nullable(),
  status: z.string().nullable(),
  procurementMethod: z.string().nullable(),
  buyer: z
    .object({ id: z.string().nullable(), name: z.string().nullable(), country: z.string().nullable() })
    .nullable(),
  value: Money.nullable(),
  timeZone: z.string().describe("the buyer's IANA time zone"),
  timeZoneSource: z.enum(['import-option', 'buyer-country', 'default']),
  periods: PeriodSet,
  lots: z.array(Lot),
  warnings: z.array(Warning),
});
export type NormalizedTender = z.infer<typeof NormalizedTender>;

export const TenderStatus = z.enum(['importing', 'ready', 'intake-failed']);
export type TenderStatus = z.infer<typeof TenderStatus>;

/** What the API returns for a tender: the normalised fields once intake is done, plus its state. */
export const TenderView = NormalizedTender.partial().extend({
  id: z.string(),
  ocid: z.string(),
  status: TenderStatus,
  procurementStatus: z.string().nullable().optional(),
  intakeError: z.object({ error: z.string(), cause: z.string() }).optional(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type TenderView = z.infer<typeof TenderView>;
