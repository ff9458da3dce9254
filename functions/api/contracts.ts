import { z } from 'zod';
import { TenderView } from '../domain/tender.ts';
import type { FunctionName } from '../registry.ts';
import { ChecklistQuery, ItemPatch, PageQuery } from './checklist-schemas.ts';
import { ListTendersQuery } from './list-tenders-query.ts';

/** The request and response schemas of each API function; /openapi.json is generated from these. */
type Schema = z.core.$ZodType;

export interface Contract {
  summary: string;
  query?: { shape: Record<string, Schema> };
  requestBody?: { contentType: string; schema: Schema; description: string };
  responses: Record<number, { description: string; schema?: Schema }>;
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` names every failing field' });

// The runtime schemas are zod/mini (no .meta()); name them for the document through the registry.
z.globalRegistry.add(TenderView, { id: 'Tender', description: 'A normalised tender and its intake state' });
const Tender = TenderView;

export const ImportAccepted = z.object({
  tenderId: z.string(),
  executionId: z.string().nullable().describe('null when the same document was already imported'),
  kind: z.enum(['release', 'release-package', 'record', 'record-package', 'prozorro-tender']),
  imports: z.array(
    z.object({
      ocid: z.string(),
      tenderId: z.string(),
      executionId: z.string().nullable(),
      unchanged: z.boolean(),
    }),
  ),
  skipped: z.array(z.object({ path: z.string(), message: z.string() })),
});

const HealthCheck = z.object({ ok: z.boolean(), ms: z.number() });
const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ dynamodb: HealthCheck, s3: HealthCheck, workflows: HealthCheck }),
});

const ChecklistItem = z
  .looseObject({
    itemId: z.string(),
    key: z.string().describe('<criterionId>/<groupId>/<requirementId>'),
    criterionId: z.string(),
    groupId: z.string(),
    requirementId: z.string(),
    title: z.record(z.string(), z.string()).describe('per language'),
    dataType: z.string().nullable(),
    category: z.enum(['exclusion', 'selection-economic', 'selection-technical', 'guarantee', 'other']),
    obligation: z.enum(['tenderer', 'lot', 'winner']),
    lotIds: z.array(z.string()),
    status: z.enum(['open', 'in_progress', 'answered', 'approved', 'rejected', 'not_applicable']),
    owner: z.string().nullable(),
    dueAt: z.string().nullable(),
    answer: z
      .object({
        value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
        text: z.string().nullable(),
      })
      .nullable(),
    compliant: z.boolean().nullable(),
    nonComplianceReason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({
    id: 'ChecklistItem',
    description: 'One requirement of the tender and the work on it (ETag: its version)',
  });

const Blocker = z.object({
  code: z.string(),
  criterionId: z.string().nullable(),
  requirementKeys: z.array(z.string()),
  lotId: z.string().nullable(),
  reason: z.string(),
});

const page = (item: z.core.$ZodType) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const contracts: Partial<Record<FunctionName, Contract>> = {
  listChecklist: {
    summary: "The tender's checklist, one Query per page",
    query: ChecklistQuery,
    responses: {
      200: { description: 'one page', schema: page(ChecklistItem) },
      400: { description: 'bad query', schema: Problem },
      404: { description: 'no such tender in this organisation', schema: Problem },
    },
  },
  updateChecklistItem: {
    summary: 'Answer, assign or review an item (If-Match: its ETag)',
    requestBody: { contentType: 'application/json', schema: ItemPatch, description: 'the fields to change' },
    responses: {
      200: { description: 'the item (ETag: its new version)', schema: ChecklistItem },
      400: { description: 'bad body, or a value of the wrong type for the requirement', schema: Problem },
      403: { description: 'the role may not make this change', schema: Problem },
      404: { description: 'no such item', schema: Problem },
      409: { description: 'an illegal status transition', schema: Problem },
      412: { description: 'the ETag is stale: nothing was written', schema: Problem },
      428: { description: 'If-Match is missing', schema: Problem },
    },
  },
  listAudit: {
    summary: "Every change to the tender's checklist, newest first",
    query: PageQuery,
    responses: {
      200: {
        description: 'one page',
        schema: page(
          z.looseObject({ entity: z.string(), actor: z.string(), at: z.string(), action: z.string() }),
        ),
      },
      404: { description: 'no such tender in this organisation', schema: Problem },
    },
  },
  listChanges: {
    summary: 'What each amendment (a newer import of the same ocid) changed',
    query: PageQuery,
    responses: {
      200: {
        description: 'one page, newest first',
        schema: page(
          z.object({
            at: z.string(),
            releaseId: z.string().nullable(),
            tender: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
            requirements: z.object({
              added: z.array(z.string()),
              changed: z.array(z.string()),
              archived: z.array(z.string()),
            }),
          }),
        ),
      },
      404: { description: 'no such tender in this organisation', schema: Problem },
    },
  },
  getReadiness: {
    summary: 'Is the bid ready, and what blocks it',
    responses: {
      200: {
        description: 'readiness',
        schema: z.object({
          ready: z.boolean(),
          coverage: z.object({ approved: z.number(), mandatory: z.number(), ratio: z.number() }),
          blockers: z.array(Blocker),
          perLot: z.array(z.object({ lotId: z.string(), ready: z.boolean(), blockers: z.number() })),
        }),
      },
      404: { description: 'no such tender in this organisation', schema: Problem },
    },
  },
  health: {
    summary: 'Reachability of DynamoDB, S3 and the workflow engine',
    responses: {
      200: { description: 'all reachable', schema: Health },
      503: { description: 'something is down', schema: Health },
    },
  },
  openapi: { summary: 'This OpenAPI 3.1 document', responses: { 200: { description: 'the document' } } },
  importTender: {
    summary: 'Import an OCDS release, release package, record or record package, or a Prozorro tender',
    query: z.object({
      ocid: z.string().optional().describe('import only this contracting process from a package'),
      timeZone: z.string().optional().describe("the buyer's IANA time zone, when the document does not tell"),
      rulePacks: z
        .string()
        .optional()
        .describe(
          'comma-separated rule packs to add (eu-espd, ru-44fz, enterprise-onboarding); the jurisdiction pack is added by itself',
        ),
    }),
    requestBody: {
      contentType: 'application/json',
      schema: z
        .looseObject({})
        .describe(
          'an OCDS 1.1 document or a Prozorro tender, up to 1 MB; or {"s3Key": …} naming a presigned upload',
        ),
      description: 'the document exactly as published, or a reference to an upload',
    },
    responses: {
      202: { description: 'stored; intake started (Location: the tender)', schema: ImportAccepted },
      200: { description: 'the same document was imported before: nothing to do', schema: ImportAccepted },
      400: { description: 'not JSON, or not an OCDS document', schema: Problem },
      413: { description: 'over 1 MB', schema: Problem },
      415: { description: 'not application/json', schema: Problem },
    },
  },
  createImportUpload: {
    summary: 'A presigned upload for a tender document over 1 MB (up to 50 MB)',
    requestBody: {
      contentType: 'application/json',
      schema: z.object({
        bytes: z
          .number()
          .int()
          .min(1)
          .max(50 * 1024 * 1024)
          .describe('the exact size of the document'),
      }),
      description: 'the size of the document to upload',
    },
    responses: {
      201: {
        description:
          'PUT the document to uploadUrl with these headers within 15 minutes, then POST /tenders/import {"s3Key": …}',
        schema: z.object({
          s3Key: z.string(),
          uploadUrl: z.string(),
          method: z.literal('PUT'),
          headers: z.record(z.string(), z.string()),
          expiresAt: z.string(),
        }),
      },
      400: { description: 'bytes missing, zero or over 50 MB', schema: Problem },
    },
  },
  listTenders: {
    summary: "The organisation's tenders, newest first",
    query: ListTendersQuery,
    responses: {
      200: {
        description: 'one page',
        schema: z.object({ items: z.array(Tender), nextCursor: z.string().nullable() }),
      },
      400: { description: 'bad query', schema: Problem },
    },
  },
  getTender: {
    summary: 'One normalised tender',
    responses: {
      200: { description: 'the tender (ETag: its version)', schema: Tender },
      404: { description: 'no such tender in this organisation', schema: Problem },
    },
  },
};
