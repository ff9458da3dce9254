/**
 * Pilots: a limited, paid or free trial of the product with a client, scoped with measurable success
 * criteria and a decision date, ending in convert / extend / stop. Pure types, enums and the body
 * schemas (the API declares them in api/schemas/pilots.ts; flows/pilots.ts takes the same input).
 */
import * as z from 'zod/mini';

export const PILOT_STATUSES = [
  'draft',
  'scoped',
  'active',
  'evaluating',
  'converted',
  'extended',
  'stopped',
] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

/** The dates a pilot's deadlines follow (domain/pilots/milestones.ts computes them). */
export const PILOT_MILESTONES = [
  'kickoff',
  'mid-term-review',
  'final-evaluation',
  'conversion-decision',
] as const;
export type PilotMilestone = (typeof PILOT_MILESTONES)[number];

/** gte: value ≥ target; lte: value ≤ target; between: target ≤ value ≤ targetMax (inclusive). */
export const COMPARATORS = ['gte', 'lte', 'between'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const COST_PAID_BY = ['client', 'us', 'shared'] as const;
export const RECOMMENDATIONS = ['convert', 'extend', 'stop'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** running: the pilot-evaluation workflow has it; evaluated: results below; evaluation-failed: `failure` says why. */
export const EVALUATION_STATUSES = ['running', 'evaluated', 'evaluation-failed'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const amount = () => z.number().check(z.minimum(0), z.maximum(1e15));
const currency = () => z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'));
/** a finite number (JSON has no NaN or Infinity, but a bound keeps arithmetic exact enough) */
const measure = () => z.number().check(z.minimum(-1e12), z.maximum(1e12));

export const CriterionInput = z.strictObject({
  id: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -'))),
  metric: text(200),
  /** required: a criterion without a unit is not measurable (400 names it) */
  unit: z.string().check(z.maxLength(40)),
  baseline: measure(),
  target: measure(),
  comparator: z.enum(COMPARATORS),
  targetMax: z.optional(measure()),
  measurementMethod: z.optional(text(1000)),
  weight: z.number().check(z.gt(0), z.maximum(1000)),
  mustPass: z.boolean(),
});
export type CriterionInput = z.output<typeof CriterionInput>;

export const CostInput = z.strictObject({
  amount: amount(),
  currency: currency(),
  paidBy: z.enum(COST_PAID_BY),
});

export const ConversionInput = z.strictObject({
  contractValue: amount(),
  currency: currency(),
  /** the date by which the convert / extend / stop decision is due (organisation's zone) */
  decisionBy: z.iso.date(),
});

const pilotFields = {
  client: text(200),
  title: text(300),
  objective: text(4000),
  scopeIn: z.array(text(500)).check(z.maxLength(100)),
  scopeOut: z.array(text(500)).check(z.maxLength(100)),
  criteria: z.array(CriterionInput).check(z.minLength(1), z.maxLength(50)),
  startDate: z.iso.date(),
  endDate: z.iso.date(),
  cost: z.optional(CostInput),
  conversion: z.optional(ConversionInput),
  owner: z.optional(text(200)),
};

/** The body of POST /pilots (and `createDraftPilot`'s input). */
export const PilotInput = z.strictObject({
  ...pilotFields,
  scopeOut: z._default(pilotFields.scopeOut, []),
  customDevRequestId: z.optional(text(100)),
  tenderId: z.optional(z.string().check(z.regex(/^t-[0-9a-f]{24}$/, 'expected a tender id'))),
});
export type PilotInput = z.input<typeof PilotInput>;

/** The body of PATCH /pilots/{id}: any of the scoping fields (null removes cost, conversion or owner). */
export const PilotPatch = z.strictObject({
  client: z.optional(pilotFields.client),
  title: z.optional(pilotFields.title),
  objective: z.optional(pilotFields.objective),
  scopeIn: z.optional(pilotFields.scopeIn),
  scopeOut: z.optional(pilotFields.scopeOut),
  criteria: z.optional(pilotFields.criteria),
  startDate: z.optional(pilotFields.startDate),
  endDate: z.optional(pilotFields.endDate),
  cost: z.optional(z.nullable(CostInput)),
  conversion: z.optional(z.nullable(ConversionInput)),
  owner: z.optional(z.nullable(pilotFields.owner)),
});
export type PilotPatch = z.output<typeof PilotPatch>;

export const TransitionInput = z.strictObject({
  to: z.enum(PILOT_STATUSES),
  reason: z.optional(text(2000)),
  /** the new end date: required to resume an extended pilot (extended → active) */
  endDate: z.optional(z.iso.date()),
});
export type TransitionInput = z.output<typeof TransitionInput>;

export const MeasurementInput = z.strictObject({
  criterionId: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  metric: z.optional(text(200)),
  value: measure(),
  measuredAt: z.optional(z.iso.datetime({ offset: true })),
  source: z.optional(text(500)),
});
export type MeasurementInput = z.output<typeof MeasurementInput>;

export const EvaluationInput = z.strictObject({
  measurements: z.array(MeasurementInput).check(z.minLength(1), z.maxLength(1000)),
});

/**
 * The organisation's pilot policy (`PUT /settings/pilot-policy`); every field has a default.
 * - maxLengthDays: a longer pilot is kept with a warning;
 * - timeZone: the zone pilot dates are read in (milestones are due at the end of their day there);
 * - decisionDays: the conversion decision is due this many days after the end when no `decisionBy` is set;
 * - convertScore: the weighted score (0–100) at or above which a pilot with every must-pass met converts.
 */
export const PilotPolicySchema = z.strictObject({
  maxLengthDays: z._default(z.int().check(z.minimum(1), z.maximum(3650)), 90),
  timeZone: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'UTC'),
  decisionDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 14),
  convertScore: z._default(z.number().check(z.minimum(0), z.maximum(100)), 70),
});
export type PilotPolicy = z.output<typeof PilotPolicySchema>;
export const defaultPilotPolicy: PilotPolicy = {
  maxLengthDays: 90,
  timeZone: 'UTC',
  decisionDays: 14,
  convertScore: 70,
};

export type Criterion = Omit<CriterionInput, 'id'> & { id: string };

export interface Measurement {
  criterionId: string;
  value: number;
  /** UTC instant */
  measuredAt: string;
  source?: string;
}

export interface CriterionResult {
  criterionId: string;
  metric: string;
  unit: string;
  comparator: Comparator;
  target: number;
  targetMax?: number;
  mustPass: boolean;
  weight: number;
  /** the latest measurement, null when none was given */
  value: number | null;
  pass: boolean;
  /** signed, in the criterion's unit: positive = better than the target, 0 = met exactly; null when unmeasured */
  margin: number | null;
  /** the share of the way from the baseline to the target the latest value has come (1 = reached) */
  progress: number | null;
  /** moving from the baseline towards the target, and not worse than the measurement before */
  onTrack: boolean;
  measurements: number;
}

export interface Evaluation {
  id: string;
  status: EvaluationStatus;
  measurements: Measurement[];
  requestedAt: string;
  requestedBy: string;
  results?: CriterionResult[];
  /** 0–100: the weighted share of criteria that pass */
  score?: number;
  recommendation?: Recommendation;
  reasons?: string[];
  evaluatedAt?: string;
  failure?: { error: string; cause: string };
}

export interface FollowOn {
  client: string;
  title: string;
  contractValue: number | null;
  currency: string | null;
  /** the decision deadline of the follow-on contract (organisation's zone) */
  decisionBy: string;
  recordedAt: string;
  recordedBy: string;
}

export interface Pilot {
  id: string;
  status: PilotStatus;
  client: string;
  title: string;
  objective: string;
  scopeIn: string[];
  scopeOut: string[];
  criteria: Criterion[];
  startDate: string;
  endDate: string;
  /** the end date first agreed (an extension moves `endDate`, never this) */
  plannedEndDate: string;
  cost: z.output<typeof CostInput> | null;
  conversion: z.output<typeof ConversionInput> | null;
  owner: string | null;
  customDevRequestId: string | null;
  tenderId: string | null;
  /** the zone its dates are read in (the organisation's, from the pilot policy, when it was created) */
  timeZone: string;
  warnings: string[];
  evaluation: Evaluation | null;
  followOn: FollowOn | null;
  statusReason: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** An evaluation's outcome as it travels between the workflow's steps (Evaluate → Persist). */
export const EvaluationOutcome = z.object({
  results: z.array(
    z.object({
      criterionId: z.string(),
      metric: z.string(),
      unit: z.string(),
      comparator: z.enum(COMPARATORS),
      target: z.number(),
      targetMax: z.optional(z.number()),
      mustPass: z.boolean(),
      weight: z.number(),
      value: z.nullable(z.number()),
      pass: z.boolean(),
      margin: z.nullable(z.number()),
      progress: z.nullable(z.number()),
      onTrack: z.boolean(),
      measurements: z.number(),
    }),
  ),
  score: z.number(),
  recommendation: z.enum(RECOMMENDATIONS),
  reasons: z.array(z.string()),
});
export type EvaluationOutcome = z.output<typeof EvaluationOutcome>;
