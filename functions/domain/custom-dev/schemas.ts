import * as z from 'zod/mini';
import { RECOMMENDATIONS, TECHNICAL_VERDICTS } from './types.ts';

/**
 * The runtime schemas of a request's inputs (the API's bodies, api/schemas/custom-dev.ts) and of what
 * the assessment steps hand each other through the workflow (business case, recommendation).
 */
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const amount = () => z.number().check(z.minimum(0), z.maximum(1e12));
const days = () => z.number().check(z.minimum(0), z.maximum(100_000));

export const EffortDays = z.strictObject({ optimistic: days(), likely: days(), pessimistic: days() }).check(
  z.refine((e) => e.optimistic <= e.likely, {
    message: 'optimistic must not exceed likely',
    path: ['optimistic'],
  }),
  z.refine((e) => e.likely <= e.pessimistic, {
    message: 'likely must not exceed pessimistic',
    path: ['likely'],
  }),
);

export const Technical = z.strictObject({
  verdict: z.enum(TECHNICAL_VERDICTS),
  effortDays: EffortDays,
  dependencies: z.array(text(500)).check(z.maxLength(50)),
  risks: z.array(text(500)).check(z.maxLength(50)),
  generic: z.boolean(),
  conditions: z.optional(text(5_000)),
});

export const Pricing = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('fixed'), price: amount() }),
  z.strictObject({ model: z.literal('time-and-materials'), dayRate: amount() }),
  z.strictObject({
    model: z.literal('revenue-share'),
    percent: z.number().check(z.gt(0), z.maximum(100)),
    projectedClientRevenuePerYear: amount(),
  }),
]);

export const Commercial = z.strictObject({
  pricing: Pricing,
  reuse: z.optional(
    z.strictObject({
      candidateClients: z.int().check(z.minimum(0), z.maximum(100_000)),
      adoptionProbability: z.number().check(z.minimum(0), z.maximum(1)),
      pricePerClient: amount(),
    }),
  ),
  horizonYears: z.optional(z.int().check(z.minimum(1), z.maximum(15))),
});

const Figure = z
  .object({
    value: z
      .nullable(z.number())
      .check(z.describe('money rounded to cents, ratios to 4 decimals, days to 2')),
    unit: z.enum(['days', 'money', 'ratio', 'month', 'years']),
    formula: z.string().check(z.describe('how it was computed, in words')),
    inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  })
  .check(
    z.meta({ id: 'Figure', description: 'One figure of the business case, with its formula and inputs' }),
  );
const Scenario = z.object({
  effortDays: Figure,
  buildCost: Figure,
  maintenancePerYear: Figure,
  totalCost: Figure,
  clientRevenue: Figure,
  reuseRevenue: Figure,
  totalRevenue: Figure,
  npv: Figure,
  npvWithoutReuse: Figure,
  margin: Figure,
  paybackMonth: Figure,
  // optional on read: business cases stored before the cash flows were kept lack them
  cashFlows: z
    .optional(
      z.array(
        z.object({
          month: z.int().check(z.describe('0 = delivery, then 1…N')),
          flow: z.number().check(z.describe('that month’s cash flow, with reuse')),
          cumulative: z
            .number()
            .check(z.describe('undiscounted running total (payback: the first month ≥ 0)')),
          discountedCumulative: z
            .number()
            .check(z.describe('running total discounted at the monthly rate (the last one is the NPV)')),
        }),
      ),
    )
    .check(
      z.describe('month 0…N, money rounded to cents; absent from business cases stored before it was added'),
    ),
});
/** The business case as the assessment computes it and the API returns it (also its OpenAPI schema). */
export const BusinessCaseSchema = z.object({
  currency: z.string(),
  horizonYears: Figure,
  monthlyDiscountRate: Figure,
  expectedEffortDays: Figure,
  effortStdDevDays: Figure,
  relativeSpread: Figure,
  expected: Scenario,
  pessimistic: Scenario,
});
export const RecommendationSchema = z.object({
  decision: z.enum(RECOMMENDATIONS),
  reasons: z.array(z.string()),
  rule: z.string(),
});
