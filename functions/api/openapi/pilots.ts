import { z } from 'zod';
import { DEADLINE_RISKS, DEADLINE_STATUSES } from '../../domain/deadlines/types.ts';
import {
  COMPARATORS,
  COST_PAID_BY,
  EVALUATION_STATUSES,
  PILOT_MILESTONES,
  PILOT_STATUSES,
  RECOMMENDATIONS,
} from '../../domain/pilots/types.ts';
import type { FunctionName } from '../../registry.ts';
import { idempotencyRefusals, type Operation, page, problem } from './parts.ts';

const Criterion = z.object({
  id: z.string(),
  metric: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  comparator: z
    .enum(COMPARATORS)
    .describe('gte: value ≥ target; lte: value ≤ target; between: target ≤ value ≤ targetMax'),
  targetMax: z.number().optional(),
  measurementMethod: z.string().optional(),
  weight: z.number(),
  mustPass: z.boolean(),
});

const Result = z.object({
  criterionId: z.string(),
  metric: z.string(),
  unit: z.string(),
  comparator: z.enum(COMPARATORS),
  target: z.number(),
  targetMax: z.number().optional(),
  mustPass: z.boolean(),
  weight: z.number(),
  value: z.number().nullable().describe('the latest measurement; null when unmeasured (fails)'),
  pass: z.boolean(),
  margin: z.number().nullable().describe('in the unit; positive = better than the target, 0 = met exactly'),
  progress: z.number().nullable().describe('share of the way from the baseline to the target (1 = reached)'),
  onTrack: z.boolean(),
  measurements: z.number().int(),
});

const Evaluation = z.object({
  id: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  measurements: z.array(
    z.object({
      criterionId: z.string(),
      value: z.number(),
      measuredAt: z.string(),
      source: z.string().optional(),
    }),
  ),
  requestedAt: z.string(),
  requestedBy: z.string(),
  results: z.array(Result).optional(),
  score: z.number().optional().describe('0–100: the weighted share of criteria that pass'),
  recommendation: z
    .enum(RECOMMENDATIONS)
    .optional()
    .describe('a failed must-pass criterion blocks convert whatever the score (README: the rules)'),
  reasons: z.array(z.string()).optional(),
  evaluatedAt: z.string().optional(),
  failure: z
    .object({ error: z.string(), cause: z.string() })
    .optional()
    .describe('why it is evaluation-failed'),
});

const Pilot = z
  .object({
    id: z.string(),
    status: z.enum(PILOT_STATUSES),
    client: z.string(),
    title: z.string(),
    objective: z.string(),
    scopeIn: z.array(z.string()),
    scopeOut: z.array(z.string()),
    criteria: z.array(Criterion),
    startDate: z.string(),
    endDate: z.string(),
    plannedEndDate: z.string().describe('the end first agreed; an extension moves endDate only'),
    cost: z.object({ amount: z.number(), currency: z.string(), paidBy: z.enum(COST_PAID_BY) }).nullable(),
    conversion: z
      .object({ contractValue: z.number(), currency: z.string(), decisionBy: z.string() })
      .nullable(),
    owner: z.string().nullable(),
    customDevRequestId: z.string().nullable(),
    tenderId: z.string().nullable(),
    timeZone: z.string().describe("the zone its dates are read in (the organisation's pilot-policy)"),
    warnings: z
      .array(z.string())
      .describe('pilot-too-long, no-must-pass-criterion, no-conversion-terms, decision-before-end'),
    evaluation: Evaluation.nullable(),
    followOn: z
      .object({
        client: z.string(),
        title: z.string(),
        contractValue: z.number().nullable(),
        currency: z.string().nullable(),
        decisionBy: z.string(),
        recordedAt: z.string(),
        recordedBy: z.string(),
      })
      .nullable()
      .describe('the follow-on opportunity recorded on conversion, with its decision deadline'),
    statusReason: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Pilot', description: 'A pilot with measurable success criteria (ETag: its version)' });

const AuditEntry = z.looseObject({
  entity: z.string(),
  actor: z.string(),
  at: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});

const Milestone = z
  .looseObject({
    milestone: z.enum(PILOT_MILESTONES),
    id: z.string().describe('-.<deadlineId>: use it in /deadlines/{id}/met'),
    deadlineId: z.string(),
    title: z.string(),
    dueAt: z.string().describe("UTC instant: the end of the day in the pilot's zone"),
    allDay: z.boolean(),
    timeZone: z.string().describe("the pilot's zone"),
    risk: z.enum(DEADLINE_RISKS),
    status: z.enum(DEADLINE_STATUSES).describe('met and cancelled follow the pilot status'),
    owners: z.array(z.string()),
    sequence: z.number().int().describe('bumped each time it moves'),
  })
  .meta({ id: 'PilotMilestone', description: "One of a pilot's milestones, a deadline like any other" });

const PilotWithMilestones = Pilot.extend({
  milestones: z
    .array(Milestone)
    .describe(
      'kickoff, mid-term review, final evaluation, conversion decision: derived, not part of the ETag',
    ),
}).meta({
  id: 'PilotWithMilestones',
  description: 'A pilot and its milestone deadlines (ETag: its version)',
});

const notFound = problem('no such pilot in this organisation');

/** The documentation of the pilot routes. */
export const pilotContracts: Partial<Record<FunctionName, Operation>> = {
  createPilot: {
    summary:
      'Create a draft pilot: scope, measurable success criteria, dates, cost, conversion terms (Idempotency-Key)',
    requestBody: {
      description:
        "client, title, objective, scopeIn, scopeOut, criteria, startDate, endDate, cost?, conversion?, owner?, tenderId?; customDevRequestId is refused (400): only the request's approve-as-pilot decision links a pilot to a request",
    },
    responses: {
      201: {
        description: 'the draft pilot, with its warnings; its milestones are deadlines now',
        schema: Pilot,
      },
      400: problem(
        'a field named: a target that does not improve on the baseline, between without targetMax, no unit, end not after start, empty scopeIn',
      ),
      ...idempotencyRefusals,
    },
  },
  getPilot: {
    summary: 'One pilot, with its evaluation and its milestones (deadlines, with their status)',
    responses: { 200: { description: 'the pilot', schema: PilotWithMilestones }, 404: notFound },
  },
  listPilots: {
    summary: "The organisation's pilots, newest first (filter by status, client)",
    responses: { 200: { description: 'one page', schema: page(Pilot) } },
  },
  updatePilot: {
    summary: 'Change the scope of a draft or scoped pilot (If-Match); milestone deadlines follow the dates',
    requestBody: { description: 'any scoping field; null removes cost, conversion or owner' },
    responses: {
      200: { description: 'the pilot', schema: Pilot },
      400: problem('a scoping check failed, naming the field'),
      404: notFound,
      409: problem('the pilot is past scoping'),
    },
  },
  transitionPilot: {
    summary:
      'One lifecycle step: draft → scoped (approver or admin) → active → evaluating → converted | extended | stopped; extended → active with a new endDate',
    requestBody: { description: '{ to, reason?, endDate? (resuming an extended pilot) }' },
    responses: {
      200: { description: 'the pilot', schema: Pilot },
      400: problem('endDate missing or not after the current end'),
      403: problem('this step needs another role (draft → scoped: approver or admin)'),
      404: notFound,
      409: problem(
        'an illegal transition, or converting without an evaluation whose must-pass criteria all pass',
      ),
      412: problem(
        'the pilot is not at the version If-Match names (optional), or changed meanwhile: nothing written',
      ),
    },
  },
  startPilotEvaluation: {
    summary: 'Record measurements and start the pilot-evaluation workflow',
    requestBody: {
      description: '{ measurements: [{ criterionId? | metric?, value, measuredAt?, source? }] }',
    },
    responses: {
      202: {
        description: 'started: GET /pilots/{id} shows the evaluation when done',
        schema: z.object({
          pilotId: z.string(),
          evaluationId: z.string(),
          executionId: z.string().nullable(),
        }),
      },
      400: problem('a measurement of no criterion of this pilot, naming it'),
      404: notFound,
      409: problem('the pilot is not active or evaluating, or an evaluation is running'),
      412: problem('the pilot changed meanwhile: nothing written'),
    },
  },
  listPilotAudit: {
    summary: 'Every change to the pilot, newest first (actor, time, before, after)',
    responses: { 200: { description: 'one page', schema: page(AuditEntry) }, 404: notFound },
  },
  getPilotCharter: {
    summary: 'The pilot charter in Markdown, for the client to sign',
    responses: { 200: { description: 'text/markdown' }, 404: notFound },
  },
};
