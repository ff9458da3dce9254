import { z } from 'zod';
import { TenderView } from '../domain/tender.ts';
import type { FunctionName } from '../registry.ts';
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
  executionId: z.string(),
  kind: z.enum(['release', 'release-package', 'record', 'record-package']),
  imports: z.array(z.object({ ocid: z.string(), tenderId: z.string(), executionId: z.string() })),
  skipped: z.array(z.object({ path: z.string(), message: z.string() })),
});

const HealthCheck = z.object({ ok: z.boolean(), ms: z.number() });
const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ dynamodb: HealthCheck, s3: HealthCheck, workflows: HealthCheck }),
});

export const contracts: Partial<Record<FunctionName, Contract>> = {
  health: {
    summary: 'Reachability of DynamoDB, S3 and the workflow engine',
    responses: {
      200: { description: 'all reachable', schema: Health },
      503: { description: 'something is down', schema: Health },
    },
  },
  openapi: { summary: 'This OpenAPI 3.1 document', responses: { 200: { description: 'the document' } } },
  importTender: {
    summary: 'Import an OCDS release, release package, record or record package',
    query: z.object({
      ocid: z.string().optional().describe('import only this contracting process from a package'),
      timeZone: z.string().optional().describe("the buyer's IANA time zone, when the document does not tell"),
    }),
    requestBody: {
      contentType: 'application/json',
      schema: z.looseObject({}).describe('an OCDS 1.1 document, up to 1 MB'),
      description: 'the document exactly as published',
    },
    responses: {
      202: { description: 'stored; intake started (Location: the tender)', schema: ImportAccepted },
      400: { description: 'not JSON, or not an OCDS document', schema: Problem },
      413: { description: 'over 1 MB', schema: Problem },
      415: { description: 'not application/json', schema: Problem },
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
