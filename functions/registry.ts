import * as z from 'zod/mini';
import { envVar } from './lib/env.ts';

/**
 * Every deployable function, in one place: the handler file, its environment schema and the
 * access it needs. The CDK builds one Lambda per entry (environment exactly these keys, grants
 * exactly this access); the local stack imports the same handler files in-process.
 */
/** `describe`: metadata only (DescribeTable / HeadBucket), for health checks; no item or object access. */
export type TableAccess = 'describe' | 'read' | 'readWrite';
/** The bucket's key spaces: every object key is `orgs/<org>/<space>/…` (store/documents.ts, uploads.ts, evidence.ts). */
export const bucketSpaces = ['raw', 'split', 'normalized', 'uploads', 'evidence'] as const;
export type BucketSpace = (typeof bucketSpaces)[number];
/** `describe`: HeadBucket only; otherwise the key spaces the function reads and writes (it gets no other object). */
export type BucketAccess = 'describe' | { read?: readonly BucketSpace[]; write?: readonly BucketSpace[] };

export interface FunctionSpec {
  entry: string;
  description: string;
  env: z.ZodMiniObject;
  access: {
    table?: TableAccess;
    bucket?: BucketAccess;
    /** state machines (workflow names) this function starts and describes */
    startsWorkflows?: readonly string[];
    /** state machines whose definition it may read (health) */
    describesWorkflows?: readonly string[];
    publishesAlerts?: boolean;
  };
  timeoutSeconds?: number;
  memoryMb?: number;
}

const {
  TABLE_NAME,
  BUCKET_NAME,
  TENDER_INTAKE_STATE_MACHINE_ARN,
  PACKAGE_INTAKE_STATE_MACHINE_ARN,
  ALERT_TOPIC_ARN,
} = envVar;

export const functions = {
  health: {
    entry: 'functions/api/health.ts',
    description: 'GET /health: reachability of DynamoDB, S3 and the workflows',
    env: z.object({ TABLE_NAME, BUCKET_NAME, TENDER_INTAKE_STATE_MACHINE_ARN }),
    access: { table: 'describe', bucket: 'describe', describesWorkflows: ['tender-intake'] },
  },
  openapi: {
    entry: 'functions/api/openapi.ts',
    description: 'GET /openapi.json: OpenAPI 3.1 generated from the zod schemas',
    env: z.object({}),
    access: {},
  },
  importTender: {
    entry: 'functions/api/import-tender.ts',
    description: 'POST /tenders/import: store the raw document, start tender-intake or package-intake',
    env: z.object({
      TABLE_NAME,
      BUCKET_NAME,
      TENDER_INTAKE_STATE_MACHINE_ARN,
      PACKAGE_INTAKE_STATE_MACHINE_ARN,
    }),
    access: {
      table: 'readWrite',
      bucket: { read: ['uploads'], write: ['raw'] },
      startsWorkflows: ['tender-intake', 'package-intake'],
    },
    // an uploaded document may be 50 MB of JSON
    memoryMb: 1536,
    timeoutSeconds: 29,
  },
  createImportUpload: {
    entry: 'functions/api/create-import-upload.ts',
    description: 'POST /tenders/import-uploads: a presigned upload for a document over 1 MB',
    env: z.object({ BUCKET_NAME }),
    access: { bucket: { write: ['uploads'] } },
  },
  getImport: {
    entry: 'functions/api/get-import.ts',
    description: 'GET /imports/{id}: progress and per-process results of an import',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  splitPackage: {
    entry: 'functions/tasks/split-package.ts',
    description: 'package-intake: one document per contracting process, their intake begun',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'readWrite', bucket: { read: ['raw'], write: ['split'] } },
    timeoutSeconds: 300,
    memoryMb: 1536,
  },
  recordImportResult: {
    entry: 'functions/tasks/record-import-result.ts',
    description: "package-intake: one process's result on the import",
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  finishImport: {
    entry: 'functions/tasks/finish-import.ts',
    description: 'package-intake: the import succeeded, partly or not at all',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  getTender: {
    entry: 'functions/api/get-tender.ts',
    description: 'GET /tenders/{id}',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  listTenders: {
    entry: 'functions/api/list-tenders.ts',
    description: 'GET /tenders',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  normalizeTender: {
    entry: 'functions/tasks/normalize-tender.ts',
    description: 'tender-intake: read the raw document, write the normalised tender',
    env: z.object({ BUCKET_NAME }),
    access: { bucket: { read: ['raw', 'split'], write: ['normalized'] } },
    timeoutSeconds: 60,
    memoryMb: 1024,
  },
  generateChecklist: {
    entry: 'functions/tasks/generate-checklist.ts',
    description: 'tender-intake: one checklist item per requirement (batch writes; amendments keep answers)',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'readWrite', bucket: { read: ['normalized'] } },
    timeoutSeconds: 300,
    memoryMb: 1024,
  },
  listChecklist: {
    entry: 'functions/api/list-checklist.ts',
    description: 'GET /tenders/{id}/checklist',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  updateChecklistItem: {
    entry: 'functions/api/update-checklist-item.ts',
    description: 'PATCH /tenders/{id}/checklist/{itemId}: answer, assign, review (If-Match)',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  listAudit: {
    entry: 'functions/api/list-audit.ts',
    description: 'GET /tenders/{id}/audit',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  listChanges: {
    entry: 'functions/api/list-changes.ts',
    description: 'GET /tenders/{id}/changes: what each amendment changed',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  getReadiness: {
    entry: 'functions/api/get-readiness.ts',
    description: 'GET /tenders/{id}/readiness: ready or not, and every blocker',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  createEvidence: {
    entry: 'functions/api/create-evidence.ts',
    description: 'POST /evidence: register a company document, presigned upload',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'readWrite', bucket: { write: ['evidence'] } },
  },
  completeEvidence: {
    entry: 'functions/api/complete-evidence.ts',
    description: 'POST /evidence/{id}/complete: hash the uploaded file (SHA-256), make it available',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'readWrite', bucket: { read: ['evidence'] } },
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  getEvidence: {
    entry: 'functions/api/get-evidence.ts',
    description: 'GET /evidence/{id}: the record and a download URL',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'read', bucket: { read: ['evidence'] } },
  },
  listEvidence: {
    entry: 'functions/api/list-evidence.ts',
    description: "GET /evidence: the organisation's evidence library",
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  updateEvidence: {
    entry: 'functions/api/update-evidence.ts',
    description: 'PATCH /evidence/{id}: title, type, tags, validity (If-Match)',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  listSuggestions: {
    entry: 'functions/api/list-suggestions.ts',
    description: 'GET /tenders/{id}/checklist/{itemId}/suggestions: library evidence for an item',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  getBidDecision: {
    entry: 'functions/api/get-bid-decision.ts',
    description: 'GET /tenders/{id}/bid-decision: score, factors, recommendation',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  putSetting: {
    entry: 'functions/api/put-setting.ts',
    description: 'PUT /settings/{name}: bid policy, reminder plan, webhook (If-Match)',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  scheduleDeadlines: {
    entry: 'functions/tasks/schedule-deadlines.ts',
    description: "tender-intake: the tender's deadlines and reminders; moves put in the outbox",
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  recordEvent: {
    entry: 'functions/api/record-event.ts',
    description: 'POST /tenders/{id}/events: a procurement event; dependent deadlines recomputed',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
    timeoutSeconds: 29,
  },
  listTenderDeadlines: {
    entry: 'functions/api/list-tender-deadlines.ts',
    description: 'GET /tenders/{id}/deadlines',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  listDeadlines: {
    entry: 'functions/api/list-deadlines.ts',
    description: "GET /deadlines: the organisation's deadlines, soonest first",
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  markDeadlineMet: {
    entry: 'functions/api/mark-deadline-met.ts',
    description: 'POST /deadlines/{id}/met',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  listAlerts: {
    entry: 'functions/api/list-alerts.ts',
    description: 'GET /alerts: the outbox',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  calendar: {
    entry: 'functions/api/calendar.ts',
    description: 'GET /tenders/{id}/calendar.ics and GET /calendar.ics',
    env: z.object({ TABLE_NAME }),
    access: { table: 'read' },
  },
  persistTender: {
    entry: 'functions/tasks/persist-tender.ts',
    description: 'tender-intake: write the normalised tender to the table, mark it ready',
    env: z.object({ TABLE_NAME, BUCKET_NAME }),
    access: { table: 'readWrite', bucket: { read: ['normalized'] } },
    timeoutSeconds: 60,
    memoryMb: 512,
  },
  markIntakeFailed: {
    entry: 'functions/tasks/mark-intake-failed.ts',
    description: 'tender-intake: record why the intake failed',
    env: z.object({ TABLE_NAME }),
    access: { table: 'readWrite' },
  },
  alertSweep: {
    entry: 'functions/jobs/alert-sweep.ts',
    description: 'every minute: send the reminders that are due',
    env: z.object({ TABLE_NAME, ALERT_TOPIC_ARN }),
    access: { table: 'readWrite', publishesAlerts: true },
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;
export const functionNames = Object.keys(functions) as FunctionName[];
