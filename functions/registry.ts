import * as z from 'zod/mini';
import { envVar, workflowArn } from './lib/env.ts';

/**
 * Every deployable function, in one place: the handler file, its environment schema and the
 * access it needs. The CDK builds one Lambda per entry (environment exactly these keys, grants
 * exactly this access); the local stack imports the same handler files in-process.
 */
/** `describe`: metadata only (DescribeTable / HeadBucket), for health checks; no item or object access. */
export type TableAccess = 'describe' | 'read' | 'readWrite';
/** The bucket's key spaces: every object key is `orgs/<org>/<space>/…` (store/documents.ts, uploads.ts, evidence.ts). */
export const bucketSpaces = [
  'raw',
  'split',
  'normalized',
  'uploads',
  'evidence',
  'specs',
  'packages',
  'matrices',
] as const;
export type BucketSpace = (typeof bucketSpaces)[number];
/** `describe`: HeadBucket only; otherwise the key spaces the function reads and writes (it gets no other object). */
export type BucketAccess = 'describe' | { read?: readonly BucketSpace[]; write?: readonly BucketSpace[] };

export interface FunctionAccess {
  table?: TableAccess;
  bucket?: BucketAccess;
  /** state machines (workflow names) this function starts and describes */
  startsWorkflows?: readonly string[];
  /** state machines whose definition it may read (health) */
  describesWorkflows?: readonly string[];
  publishesAlerts?: boolean;
}

export interface FunctionSpec {
  /** the area (infra/areas.ts) whose stack deploys this function, its routes and the workflows it is a task of */
  area: string;
  entry: string;
  description: string;
  /** derived from `access` (see `defineFunction`): one declaration of what the function touches */
  env: z.ZodMiniObject;
  access: FunctionAccess;
  timeoutSeconds?: number;
  memoryMb?: number;
}

type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;
/** The variable holding a workflow's state machine ARN: `tender-intake` → `TENDER_INTAKE_STATE_MACHINE_ARN`. */
export type WorkflowArnEnv<W extends string> = `${Uppercase<Snake<W>>}_STATE_MACHINE_ARN`;
export const workflowArnEnv = <W extends string>(workflow: W): WorkflowArnEnv<W> =>
  `${workflow.toUpperCase().replaceAll('-', '_')}_STATE_MACHINE_ARN` as WorkflowArnEnv<W>;

type Str = (typeof envVar)['TABLE_NAME'];
type Arn = ReturnType<typeof workflowArn>;
type WorkflowsOf<A extends FunctionAccess> =
  | (A extends { startsWorkflows: readonly (infer W extends string)[] } ? W : never)
  | (A extends { describesWorkflows: readonly (infer W extends string)[] } ? W : never);

/** The environment a function's access implies: each resource it may touch, and nothing else. */
export type EnvShape<A extends FunctionAccess> = (A extends { table: TableAccess }
  ? { TABLE_NAME: Str }
  : unknown) &
  (A extends { bucket: BucketAccess } ? { BUCKET_NAME: Str } : unknown) &
  (A extends { publishesAlerts: true } ? { ALERT_TOPIC_ARN: Arn } : unknown) & {
    [W in WorkflowsOf<A> as WorkflowArnEnv<W>]: Arn;
  };

/**
 * A registry entry whose env schema is derived from its access: table → TABLE_NAME, bucket →
 * BUCKET_NAME, each workflow it starts or describes → that workflow's ARN variable, publishesAlerts →
 * ALERT_TOPIC_ARN. The CDK grants the access and sets exactly these variables (checked at synth).
 */
export function defineFunction<const A extends FunctionAccess, const R extends string>(
  spec: Omit<FunctionSpec, 'env' | 'access' | 'area'> & { access: A; area: R },
): Omit<FunctionSpec, 'env' | 'area'> & { access: A; area: R; env: z.ZodMiniObject<EnvShape<A>> } {
  const { access } = spec;
  const shape: Record<string, z.ZodMiniType> = {};
  if (access.table) shape.TABLE_NAME = envVar.TABLE_NAME;
  if (access.bucket) shape.BUCKET_NAME = envVar.BUCKET_NAME;
  if (access.publishesAlerts) shape.ALERT_TOPIC_ARN = envVar.ALERT_TOPIC_ARN;
  for (const w of [...(access.startsWorkflows ?? []), ...(access.describesWorkflows ?? [])])
    shape[workflowArnEnv(w)] = workflowArn();
  // The shape built above is EnvShape<A>, key for key (test/unit/registry.test.ts checks every function).
  return { ...spec, env: z.object(shape) as unknown as z.ZodMiniObject<EnvShape<A>> };
}

export const functions = {
  health: defineFunction({
    area: 'platform',
    entry: 'functions/api/health.ts',
    description: 'GET /health: reachability of DynamoDB, S3 and the workflows',
    access: { table: 'describe', bucket: 'describe', describesWorkflows: ['tender-intake'] },
  }),
  openapi: defineFunction({
    area: 'platform',
    entry: 'functions/api/openapi.ts',
    description: 'GET /openapi.json: OpenAPI 3.1 generated from the zod schemas',
    access: {},
  }),
  importTender: defineFunction({
    area: 'tenders',
    entry: 'functions/api/import-tender.ts',
    description: 'POST /tenders/import: store the raw document, start tender-intake or package-intake',
    access: {
      table: 'readWrite',
      bucket: { read: ['uploads'], write: ['raw'] },
      startsWorkflows: ['tender-intake', 'package-intake'],
    },
    // an uploaded document may be 50 MB of JSON
    memoryMb: 1536,
    timeoutSeconds: 29,
  }),
  createImportUpload: defineFunction({
    area: 'tenders',
    entry: 'functions/api/create-import-upload.ts',
    description: 'POST /tenders/import-uploads: a presigned upload for a document over 1 MB',
    access: { bucket: { write: ['uploads'] } },
  }),
  getImport: defineFunction({
    area: 'tenders',
    entry: 'functions/api/get-import.ts',
    description: 'GET /imports/{id}: progress and per-process results of an import',
    access: { table: 'read' },
  }),
  splitPackage: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/split-package.ts',
    description: 'package-intake: one document per contracting process, their intake begun',
    access: { table: 'readWrite', bucket: { read: ['raw'], write: ['split'] } },
    timeoutSeconds: 300,
    memoryMb: 1536,
  }),
  recordImportResult: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/record-import-result.ts',
    description: "package-intake: one process's result on the import",
    access: { table: 'readWrite' },
  }),
  finishImport: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/finish-import.ts',
    description: 'package-intake: the import succeeded, partly or not at all',
    access: { table: 'readWrite' },
  }),
  getTender: defineFunction({
    area: 'tenders',
    entry: 'functions/api/get-tender.ts',
    description: 'GET /tenders/{id}',
    access: { table: 'read' },
  }),
  listTenders: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-tenders.ts',
    description: 'GET /tenders',
    access: { table: 'read' },
  }),
  normalizeTender: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/normalize-tender.ts',
    description: 'tender-intake: read the raw document, write the normalised tender',
    access: { bucket: { read: ['raw', 'split'], write: ['normalized'] } },
    timeoutSeconds: 60,
    memoryMb: 1024,
  }),
  generateChecklist: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/generate-checklist.ts',
    description: 'tender-intake: one checklist item per requirement (batch writes; amendments keep answers)',
    access: { table: 'readWrite', bucket: { read: ['normalized'] } },
    timeoutSeconds: 300,
    memoryMb: 1024,
  }),
  listChecklist: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-checklist.ts',
    description: 'GET /tenders/{id}/checklist',
    access: { table: 'read' },
  }),
  updateChecklistItem: defineFunction({
    area: 'tenders',
    entry: 'functions/api/update-checklist-item.ts',
    description: 'PATCH /tenders/{id}/checklist/{itemId}: answer, assign, review (If-Match)',
    access: { table: 'readWrite' },
  }),
  listAudit: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-audit.ts',
    description: 'GET /tenders/{id}/audit',
    access: { table: 'read' },
  }),
  listChanges: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-changes.ts',
    description: 'GET /tenders/{id}/changes: what each amendment changed',
    access: { table: 'read' },
  }),
  getReadiness: defineFunction({
    area: 'tenders',
    entry: 'functions/api/get-readiness.ts',
    description: 'GET /tenders/{id}/readiness: ready or not, and every blocker',
    access: { table: 'read' },
  }),
  createEvidence: defineFunction({
    area: 'tenders',
    entry: 'functions/api/create-evidence.ts',
    description: 'POST /evidence: register a company document, presigned upload',
    access: { table: 'readWrite', bucket: { write: ['evidence'] } },
  }),
  completeEvidence: defineFunction({
    area: 'tenders',
    entry: 'functions/api/complete-evidence.ts',
    description: 'POST /evidence/{id}/complete: hash the uploaded file (SHA-256), make it available',
    access: { table: 'readWrite', bucket: { read: ['evidence'] } },
    timeoutSeconds: 29,
    memoryMb: 512,
  }),
  getEvidence: defineFunction({
    area: 'tenders',
    entry: 'functions/api/get-evidence.ts',
    description: 'GET /evidence/{id}: the record and a download URL',
    access: { table: 'read', bucket: { read: ['evidence'] } },
  }),
  listEvidence: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-evidence.ts',
    description: "GET /evidence: the organisation's evidence library",
    access: { table: 'read' },
  }),
  updateEvidence: defineFunction({
    area: 'tenders',
    entry: 'functions/api/update-evidence.ts',
    description: 'PATCH /evidence/{id}: title, type, tags, validity (If-Match)',
    access: { table: 'readWrite' },
  }),
  listSuggestions: defineFunction({
    area: 'tenders',
    entry: 'functions/api/list-suggestions.ts',
    description: 'GET /tenders/{id}/checklist/{itemId}/suggestions: library evidence for an item',
    access: { table: 'read' },
  }),
  getBidDecision: defineFunction({
    area: 'tenders',
    entry: 'functions/api/get-bid-decision.ts',
    description: 'GET /tenders/{id}/bid-decision: score, factors, recommendation',
    access: { table: 'read' },
  }),
  putSetting: defineFunction({
    area: 'platform',
    entry: 'functions/api/put-setting.ts',
    description:
      'PUT /settings/{name}: bid policy, reminder plan, webhook, working calendars (If-Match); a calendar change starts its recompute',
    access: { table: 'readWrite', startsWorkflows: ['calendar-recompute'] },
  }),
  scheduleDeadlines: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/schedule-deadlines.ts',
    description:
      "tender-intake: the tender's deadlines and reminders; an amendment's moves put in the outbox",
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
    memoryMb: 512,
  }),
  recomputeCalendar: defineFunction({
    area: 'deadlines',
    entry: 'functions/tasks/recompute-calendar.ts',
    description:
      'calendar-recompute: a page of the tenders a calendar change affects, their deadlines counted again; moves put in the outbox',
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
    memoryMb: 512,
  }),
  recordEvent: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/record-event.ts',
    description: 'POST /tenders/{id}/events: a procurement event; dependent deadlines recomputed',
    access: { table: 'readWrite' },
    timeoutSeconds: 29,
  }),
  listTenderDeadlines: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/list-tender-deadlines.ts',
    description: 'GET /tenders/{id}/deadlines',
    access: { table: 'read' },
  }),
  listDeadlines: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/list-deadlines.ts',
    description: "GET /deadlines: the organisation's deadlines, soonest first",
    access: { table: 'read' },
  }),
  markDeadlineMet: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/mark-deadline-met.ts',
    description: 'POST /deadlines/{id}/met',
    access: { table: 'readWrite' },
  }),
  listAlerts: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/list-alerts.ts',
    description: 'GET /alerts: the outbox',
    access: { table: 'read' },
  }),
  calendar: defineFunction({
    area: 'deadlines',
    entry: 'functions/api/calendar.ts',
    description: 'GET /tenders/{id}/calendar.ics and GET /calendar.ics',
    access: { table: 'read' },
  }),
  persistTender: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/persist-tender.ts',
    description: 'tender-intake: write the normalised tender to the table, mark it ready',
    access: { table: 'readWrite', bucket: { read: ['normalized'] } },
    timeoutSeconds: 60,
    memoryMb: 512,
  }),
  markIntakeFailed: defineFunction({
    area: 'tenders',
    entry: 'functions/tasks/mark-intake-failed.ts',
    description: 'tender-intake: record why the intake failed, remove the checklist items it added',
    access: { table: 'readWrite' },
    // removing a large failed intake's items (batch deletes) takes longer than the 10 s default
    timeoutSeconds: 120,
  }),
  importRequirements: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/api/import-requirements.ts',
    description:
      'POST /tenders/{id}/requirements/import (and a new tender): requirements from XLSX or CSV, through tender-intake',
    access: {
      table: 'readWrite',
      bucket: { read: ['uploads', 'raw', 'split'], write: ['raw'] },
      startsWorkflows: ['tender-intake'],
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  getComplianceMatrix: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/api/get-compliance-matrix.ts',
    description: 'GET /tenders/{id}/compliance-matrix: XLSX or CSV export, formulas neutralised',
    access: { table: 'read' },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  importComplianceMatrix: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/api/import-compliance-matrix.ts',
    description:
      'POST /tenders/{id}/compliance-matrix: the edited matrix; up to 200 rows applied here, more by matrix-import (202)',
    access: {
      table: 'readWrite',
      bucket: { read: ['uploads'], write: ['matrices'] },
      startsWorkflows: ['matrix-import'],
    },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  getMatrixImport: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/api/get-matrix-import.ts',
    description:
      'GET /tenders/{id}/compliance-matrix/imports/{importId}: progress, counts and the rows of each outcome',
    access: { table: 'read' },
  }),
  planMatrixImport: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/tasks/plan-matrix-import.ts',
    description:
      'matrix-import: every row of the stored file planned against the items, stored a page at a time',
    access: { table: 'readWrite', bucket: { read: ['matrices'], write: ['matrices'] } },
    memoryMb: 1024,
    timeoutSeconds: 300,
  }),
  applyMatrixPage: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/tasks/apply-matrix-page.ts',
    description:
      'matrix-import: one page of planned rows applied as PATCH would (version-checked, audited); rows done skipped',
    access: { table: 'readWrite', bucket: { read: ['matrices'] } },
    memoryMb: 512,
    timeoutSeconds: 300,
  }),
  finishMatrixImport: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/tasks/finish-matrix-import.ts',
    description: 'matrix-import: deadlines counted again once, the upload succeeded or failed (with why)',
    access: { table: 'readWrite' },
    timeoutSeconds: 120,
    memoryMb: 512,
  }),
  buildPackage: defineFunction({
    area: 'spreadsheets',
    entry: 'functions/api/build-package.ts',
    description:
      'POST /tenders/{id}/package: ZIP of approved evidence, matrix and manifest streamed to S3; presigned download',
    access: { table: 'readWrite', bucket: { read: ['evidence', 'packages'], write: ['packages'] } },
    memoryMb: 1024,
    timeoutSeconds: 29,
  }),
  alertSweep: defineFunction({
    area: 'deadlines',
    entry: 'functions/jobs/alert-sweep.ts',
    description: 'every minute: send the reminders that are due',
    access: { table: 'readWrite', publishesAlerts: true },
    timeoutSeconds: 60,
  }),
  getSetting: defineFunction({
    area: 'platform',
    entry: 'functions/api/get-setting.ts',
    description: 'GET /settings/{name}: a setting and its ETag (admin)',
    access: { table: 'read' },
  }),
  createCustomDevRequest: defineFunction({
    area: 'customDev',
    entry: 'functions/api/create-custom-dev-request.ts',
    description: 'POST /custom-dev-requests: a client asks for functionality the product lacks',
    access: { table: 'readWrite' },
  }),
  createCustomDevFromItem: defineFunction({
    area: 'customDev',
    entry: 'functions/api/create-custom-dev-from-item.ts',
    description:
      'POST /tenders/{id}/checklist/{itemId}/custom-dev-request: a request prefilled from a requirement',
    access: { table: 'readWrite' },
  }),
  putCustomDevTechnical: defineFunction({
    area: 'customDev',
    entry: 'functions/api/put-custom-dev-technical.ts',
    description: 'PUT /custom-dev-requests/{id}/technical: feasibility and effort (If-Match)',
    access: { table: 'readWrite', startsWorkflows: ['custom-dev-assessment'] },
  }),
  putCustomDevCommercial: defineFunction({
    area: 'customDev',
    entry: 'functions/api/put-custom-dev-commercial.ts',
    description: 'PUT /custom-dev-requests/{id}/commercial: pricing and reuse (If-Match)',
    access: { table: 'readWrite', startsWorkflows: ['custom-dev-assessment'] },
  }),
  getCustomDevRequest: defineFunction({
    area: 'customDev',
    entry: 'functions/api/get-custom-dev-request.ts',
    description: 'GET /custom-dev-requests/{id}: inputs, business case, recommendation',
    access: { table: 'read' },
  }),
  listCustomDevRequests: defineFunction({
    area: 'customDev',
    entry: 'functions/api/list-custom-dev-requests.ts',
    description: "GET /custom-dev-requests: the organisation's requests",
    access: { table: 'read' },
  }),
  decideCustomDevRequest: defineFunction({
    area: 'customDev',
    entry: 'functions/api/decide-custom-dev-request.ts',
    description: 'POST /custom-dev-requests/{id}/decision: approve, approve as a pilot, reject (If-Match)',
    access: { table: 'readWrite', startsWorkflows: ['custom-dev-decision'] },
  }),
  getCustomDevSpec: defineFunction({
    area: 'customDev',
    entry: 'functions/api/get-custom-dev-spec.ts',
    description: 'GET /custom-dev-requests/{id}/spec: the specification (Markdown)',
    access: { table: 'read', bucket: { read: ['specs'] } },
  }),
  listCustomDevAudit: defineFunction({
    area: 'customDev',
    entry: 'functions/api/list-custom-dev-audit.ts',
    description: "GET /custom-dev-requests/{id}/audit: the request's audit trail",
    access: { table: 'read' },
  }),
  validateCustomDevAssessment: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/validate-custom-dev-assessment.ts',
    description: 'custom-dev-assessment: read the request and the economics; drop a superseded revision',
    access: { table: 'read' },
  }),
  computeCustomDevBusinessCase: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/compute-custom-dev-business-case.ts',
    description: 'custom-dev-assessment: the business case (PERT, cost, revenue, reuse, NPV, payback)',
    access: {},
  }),
  recommendCustomDev: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/recommend-custom-dev.ts',
    description: 'custom-dev-assessment: the recommendation and its reasons',
    access: {},
  }),
  persistCustomDevAssessment: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/persist-custom-dev-assessment.ts',
    description: 'custom-dev-assessment: store the business case and recommendation (recommended)',
    access: { table: 'readWrite' },
  }),
  registerCustomDevDeadline: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/register-custom-dev-deadline.ts',
    description: 'custom-dev workflows: the decision deadline (neededBy) and its reminders',
    access: { table: 'readWrite' },
  }),
  notifyCustomDev: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/notify-custom-dev.ts',
    description: 'custom-dev workflows: a notice in the outbox',
    access: { table: 'readWrite' },
  }),
  markCustomDevFailed: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/mark-custom-dev-failed.ts',
    description: 'custom-dev workflows: record why a step failed (assessment-failed)',
    access: { table: 'readWrite' },
  }),
  generateCustomDevSpec: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/generate-custom-dev-spec.ts',
    description: 'custom-dev-decision: the specification, Markdown in S3',
    access: { table: 'readWrite', bucket: { write: ['specs'] } },
  }),
  createCustomDevPilot: defineFunction({
    area: 'customDev',
    entry: 'functions/tasks/create-custom-dev-pilot.ts',
    description: 'custom-dev-decision: approved as a pilot (the pilots feature creates the draft pilot)',
    access: { table: 'readWrite' },
  }),
  createPilot: defineFunction({
    area: 'pilots',
    entry: 'functions/api/create-pilot.ts',
    description:
      'POST /pilots: a draft pilot, scoping checks, warnings, milestone deadlines (Idempotency-Key)',
    access: { table: 'readWrite' },
  }),
  getPilot: defineFunction({
    area: 'pilots',
    entry: 'functions/api/get-pilot.ts',
    description: 'GET /pilots/{id}: the pilot with its evaluation',
    access: { table: 'read' },
  }),
  listPilots: defineFunction({
    area: 'pilots',
    entry: 'functions/api/list-pilots.ts',
    description: "GET /pilots: the organisation's pilots, newest first (status, client)",
    access: { table: 'read' },
  }),
  updatePilot: defineFunction({
    area: 'pilots',
    entry: 'functions/api/update-pilot.ts',
    description: 'PATCH /pilots/{id}: scope a draft or scoped pilot (If-Match); deadlines follow',
    access: { table: 'readWrite' },
  }),
  transitionPilot: defineFunction({
    area: 'pilots',
    entry: 'functions/api/transition-pilot.ts',
    description: 'POST /pilots/{id}/transition: one lifecycle step, audited; deadlines follow',
    access: { table: 'readWrite' },
  }),
  startPilotEvaluation: defineFunction({
    area: 'pilots',
    entry: 'functions/api/start-pilot-evaluation.ts',
    description: 'POST /pilots/{id}/evaluation: record measurements, start pilot-evaluation',
    access: { table: 'readWrite', startsWorkflows: ['pilot-evaluation'] },
  }),
  listPilotAudit: defineFunction({
    area: 'pilots',
    entry: 'functions/api/list-pilot-audit.ts',
    description: "GET /pilots/{id}/audit: the pilot's audit trail",
    access: { table: 'read' },
  }),
  getPilotCharter: defineFunction({
    area: 'pilots',
    entry: 'functions/api/get-pilot-charter.ts',
    description: 'GET /pilots/{id}/charter: the Markdown pilot charter',
    access: { table: 'read' },
  }),
  validatePilotEvaluation: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/validate-pilot-evaluation.ts',
    description: 'pilot-evaluation: the evaluation is current, its measurements name criteria',
    access: { table: 'read' },
  }),
  evaluatePilot: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/evaluate-pilot.ts',
    description: 'pilot-evaluation: per-criterion results, weighted score, recommendation',
    access: { table: 'read' },
  }),
  persistPilotEvaluation: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/persist-pilot-evaluation.ts',
    description: 'pilot-evaluation: the outcome on the pilot, audited',
    access: { table: 'readWrite' },
  }),
  schedulePilotDecision: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/schedule-pilot-decision.ts',
    description: "pilot-evaluation: the pilot's deadlines follow, the conversion decision scheduled",
    access: { table: 'readWrite' },
  }),
  notifyPilotEvaluation: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/notify-pilot-evaluation.ts',
    description: 'pilot-evaluation: the recommendation to the outbox',
    access: { table: 'readWrite' },
  }),
  markPilotEvaluationFailed: defineFunction({
    area: 'pilots',
    entry: 'functions/tasks/mark-pilot-evaluation-failed.ts',
    description: 'pilot-evaluation: record why the evaluation failed',
    access: { table: 'readWrite' },
  }),
} satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;
export const functionNames = Object.keys(functions) as FunctionName[];
