import { z } from 'zod';
import { TenderView } from '../../domain/tender.ts';
import type { FunctionName } from '../../registry.ts';
import { ImportQuery, ImportResultsQuery } from '../schemas/tenders.ts';
import { UploadRequest } from '../schemas/uploads.ts';
import { idempotencyRefusals, type Operation, problem } from './parts.ts';

// The runtime schemas are zod/mini (no .meta()): they are named and described for the document here,
// through the registry, so the handlers' bundles carry no documentation.
z.globalRegistry.add(TenderView, { id: 'Tender', description: 'A normalised tender and its intake state' });
z.globalRegistry.add(ImportResultsQuery.shape.limit, { description: 'results per page (default 1000)' });
z.globalRegistry.add(UploadRequest.shape.bytes, { description: 'the exact size of the document' });
z.globalRegistry.add(ImportQuery.shape.ocid, {
  description: 'import only this contracting process from a package',
});
z.globalRegistry.add(ImportQuery.shape.timeZone, {
  description: "the buyer's IANA time zone, when the document does not tell",
});
z.globalRegistry.add(ImportQuery.shape.rulePacks, {
  description:
    'comma-separated rule packs to add (eu-espd, ru-44fz, enterprise-onboarding); the jurisdiction pack is added by itself',
});
const Tender = TenderView;

export const ImportAccepted = z.object({
  importId: z.string().describe('GET /imports/{importId}: progress and per-process results'),
  tenderId: z.string().describe('the first (or only) tender of the document'),
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

const FailureReason = z.object({ error: z.string(), cause: z.string() });

const ImportProgress = z.object({
  id: z.string(),
  status: z
    .enum(['running', 'succeeded', 'partial', 'failed'])
    .describe('partial: some processes failed (their tenders keep their last good version)'),
  kind: z.string(),
  mode: z.enum(['package', 'direct']),
  total: z.number().int(),
  done: z.number().int().describe('processes ready or unchanged'),
  failed: z.number().int(),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  error: FailureReason.optional().describe('why the package could not be split or run'),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  results: z.array(
    z.object({
      n: z.number().int().describe('position in the document'),
      ocid: z.string(),
      tenderId: z.string(),
      status: z.enum(['pending', 'ready', 'unchanged', 'failed']),
      error: FailureReason.optional(),
      at: z.string().optional(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const HealthCheck = z.object({ ok: z.boolean(), ms: z.number() });
const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ dynamodb: HealthCheck, s3: HealthCheck, workflows: HealthCheck }),
});

/** The documentation of the health, document, import and tender routes. */
export const tenderContracts: Partial<Record<FunctionName, Operation>> = {
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
    requestBody: {
      schema: z
        .looseObject({})
        .describe(
          'an OCDS 1.1 document or a Prozorro tender, up to 1 MB; or {"s3Key": …} naming a presigned upload',
        ),
      description: 'the document exactly as published, or a reference to an upload',
    },
    responses: {
      202: {
        description:
          'stored; intake started (Location: the tender, or /imports/{id} for a package of several processes)',
        schema: ImportAccepted,
      },
      200: { description: 'the same document was imported before: nothing to do', schema: ImportAccepted },
      400: problem('not JSON, or not an OCDS document'),
      ...idempotencyRefusals,
      422: problem(
        'a tender of the document has more requirements than a tender holds (10,000), the document is nested deeper than 64 levels or holds more than 2,000,000 values (the detail names the limit and the number); or this Idempotency-Key was used with another request',
      ),
      413: problem('over 1 MB'),
      415: problem('not application/json'),
    },
  },
  createImportUpload: {
    summary: 'A presigned upload for a tender document over 1 MB (up to 50 MB)',
    requestBody: { description: 'the size of the document to upload' },
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
      400: problem('bytes missing, zero or over 50 MB'),
    },
  },
  getImport: {
    summary: 'An import: status, progress (total, done, failed) and per-process results',
    responses: {
      200: { description: 'the import and one page of results', schema: ImportProgress },
      404: problem('no such import in this organisation'),
    },
  },
  listTenders: {
    summary: "The organisation's tenders, newest first",
    responses: {
      200: {
        description: 'one page',
        schema: z.object({ items: z.array(Tender), nextCursor: z.string().nullable() }),
      },
    },
  },
  getTender: {
    summary: 'One normalised tender',
    responses: {
      200: { description: 'the tender (ETag: its version)', schema: Tender },
      404: problem('no such tender in this organisation'),
    },
  },
};
