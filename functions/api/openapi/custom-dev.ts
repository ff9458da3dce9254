import { z } from 'zod';
import { BusinessCaseSchema, Commercial, Technical } from '../../domain/custom-dev/schemas.ts';
import { CDR_STATUSES, DECISIONS, RECOMMENDATIONS } from '../../domain/custom-dev/types.ts';
import type { FunctionName } from '../../registry.ts';
import { idempotencyRefusals, type Operation, page, problem } from './parts.ts';

const CustomDevRequest = z
  .looseObject({
    requestId: z.string(),
    client: z.string(),
    title: z.string(),
    problem: z.string(),
    requestedFunctionality: z.string(),
    neededBy: z.string().nullable(),
    timeZone: z.string(),
    vertical: z.string().nullable(),
    strategicFit: z.number().int(),
    tenderId: z.string().nullable(),
    checklistItemId: z.string().nullable(),
    evidenceIds: z.array(z.string()),
    status: z.enum(CDR_STATUSES),
    technical: z.nullable(Technical),
    commercial: z.nullable(Commercial),
    inputsRevision: z.number().int(),
    businessCase: z.nullable(BusinessCaseSchema),
    recommendation: z
      .object({ decision: z.enum(RECOMMENDATIONS), reasons: z.array(z.string()), rule: z.string() })
      .nullable(),
    assessmentError: z
      .object({ error: z.string(), cause: z.string(), stage: z.enum(['assessment', 'decision']) })
      .nullable(),
    decision: z
      .object({
        decision: z.enum(DECISIONS),
        reason: z.string().nullable(),
        overridesRecommendation: z.boolean(),
        by: z.string(),
        at: z.string(),
      })
      .nullable(),
    specKey: z.string().nullable(),
    pilot: z.object({ note: z.string(), at: z.string(), pilotId: z.string().nullable() }).nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .meta({
    id: 'CustomDevRequest',
    description: 'A custom-development request, its assessment and decision (ETag: its version)',
  });

const noRequest = problem('no such request in this organisation');
const inputResponses = {
  200: {
    description: 'recorded; the other input is still missing (ETag: the new version)',
    schema: CustomDevRequest,
  },
  202: { description: 'recorded; the assessment started (status assessing)', schema: CustomDevRequest },
  404: noRequest,
  409: problem('the request is decided: its inputs can no longer change'),
};

/** The documentation of the custom-development request routes and GET /settings/{name}. */
export const customDevContracts: Partial<Record<FunctionName, Operation>> = {
  createCustomDevRequest: {
    summary: 'Submit a custom-development request (Idempotency-Key honoured)',
    requestBody: { description: 'client, title, problem, requested functionality, strategic fit, …' },
    responses: {
      201: { description: 'submitted (Location, ETag)', schema: CustomDevRequest },
      ...idempotencyRefusals,
    },
  },
  createCustomDevFromItem: {
    summary:
      'A request prefilled from a requirement the product cannot meet (If-Match: the item’s ETag); linked both ways',
    requestBody: { description: 'strategic fit, and optional overrides of what the tender prefills' },
    responses: {
      201: { description: 'submitted; the item shows it', schema: CustomDevRequest },
      404: problem('no such tender or item in this organisation'),
      409: problem('the item already has a request'),
    },
  },
  putCustomDevTechnical: {
    summary: 'Record the technical assessment (product manager; If-Match)',
    requestBody: {
      description:
        'verdict, effortDays {optimistic ≤ likely ≤ pessimistic}, dependencies, risks, generic, conditions?',
    },
    responses: inputResponses,
  },
  putCustomDevCommercial: {
    summary: 'Record the commercial terms (If-Match)',
    requestBody: {
      description: 'pricing (fixed | time-and-materials | revenue-share), reuse?, horizonYears?',
    },
    responses: inputResponses,
  },
  getCustomDevRequest: {
    summary: 'A request: status, inputs, business case, recommendation',
    responses: { 200: { description: 'the request (ETag)', schema: CustomDevRequest }, 404: noRequest },
  },
  listCustomDevRequests: {
    summary: "The organisation's requests, newest first (status and client filter a page)",
    responses: { 200: { description: 'one page', schema: page(CustomDevRequest) } },
  },
  decideCustomDevRequest: {
    summary:
      'Decide a recommended request (approver, admin; If-Match); overriding the recommendation needs a reason',
    requestBody: { description: '{decision: approve | approve-as-pilot | reject, reason?}' },
    responses: {
      200: { description: 'decided; the specification and the pilot follow', schema: CustomDevRequest },
      400: problem('a reason is required to override the recommendation'),
      404: noRequest,
      409: problem('the request is not recommended (still assessing, or already decided)'),
    },
  },
  getCustomDevSpec: {
    summary: 'The specification for developers (text/markdown), once approved',
    responses: {
      200: { description: 'text/markdown' },
      404: problem('no such request, not approved, or the specification is still being generated'),
    },
  },
  listCustomDevAudit: {
    summary: 'Every change to the request, newest first (actor, time, before, after)',
    responses: {
      200: {
        description: 'one page',
        schema: page(
          z.looseObject({ entity: z.string(), actor: z.string(), at: z.string(), action: z.string() }),
        ),
      },
      404: noRequest,
    },
  },
  getSetting: {
    summary: 'Read an organisation setting and its ETag (admin)',
    responses: {
      200: {
        description: 'the setting (ETag: its version, for PUT with If-Match)',
        schema: z.object({ name: z.string(), value: z.unknown() }),
      },
      404: problem('no such setting, or never set'),
    },
  },
};
