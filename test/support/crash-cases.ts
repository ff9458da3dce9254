import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CustomDevRequest, newRequest } from '../../functions/domain/custom-dev/request.ts';
import type { Evaluation } from '../../functions/domain/pilots/types.ts';
import { createDraftPilot } from '../../functions/flows/pilots.ts';
import { scheduleTender } from '../../functions/flows/schedule.ts';
import { newId, tenderIdFor } from '../../functions/lib/ids.ts';
import { functions } from '../../functions/registry.ts';
import { createRequest, updateRequest } from '../../functions/store/custom-dev-requests.ts';
import { putRawDocument } from '../../functions/store/documents.ts';
import { recordEvent } from '../../functions/store/events.ts';
import { createImport } from '../../functions/store/imports.ts';
import { updatePilotAudited } from '../../functions/store/pilots.ts';
import { putSetting } from '../../functions/store/settings.ts';
import { beginIntake } from '../../functions/store/tenders.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';
import type { WorkflowName } from '../../workflows/registry.ts';
import { readExample } from './fixtures.ts';
import { releasePackage } from './package.ts';
import { pilotInput } from './pilots.ts';

/**
 * One case per workflow for the kill-at-every-step test (test/integration/crash-safety.test.ts): fresh
 * data in a fresh organisation, as the API leaves it just before it starts the workflow, and the input.
 */
export interface CrashCase {
  workflow: WorkflowName;
  variant?: string;
  setup: (org: string) => Promise<{ org: string; input: unknown }>;
  /** what the control run must have written (kind → count), e.g. its alerts */
  expect: Record<string, number>;
  expectStatus?: 'SUCCEEDED' | 'FAILED';
}

const table = () => String(process.env.TABLE_NAME);
const bucket = () => String(process.env.BUCKET_NAME);
const now = () => new Date().toISOString();
const audit = (action: string) => ({ actor: 'test', at: now(), action, before: {}, after: {} });

/** A request in `assessing` with both inputs, as the API leaves it before starting the assessment. */
async function assessing(org: string): Promise<CustomDevRequest> {
  const r = newRequest({
    requestId: `cdr-${newId()}`,
    client: 'Bergen kommune',
    title: 'ERP export',
    problem: 'Invoices are re-typed by hand.',
    requestedFunctionality: 'Export approved invoices nightly.',
    neededBy: '2031-03-31',
    timeZone: 'Europe/Oslo',
    vertical: null,
    strategicFit: 4,
    tenderId: null,
    checklistItemId: null,
    evidenceIds: [],
    createdBy: 'pat',
    at: now(),
  });
  await createRequest(table(), org, r);
  return updateRequest(
    table(),
    org,
    r,
    {
      status: 'assessing',
      inputsRevision: 1,
      technical: {
        verdict: 'feasible',
        effortDays: { optimistic: 18, likely: 20, pessimistic: 22 },
        dependencies: [],
        risks: [],
        generic: true,
      },
      commercial: { pricing: { model: 'fixed', price: 40_000 } },
    },
    audit('record-inputs'),
  );
}

/** A Russian tender, ready, with the draft contract received on 29 December (signing counted across New Year). */
async function russianTenderWithDraft(org: string) {
  const ocid = `ocds-crash-${newId()}`;
  const raw = await putRawDocument(
    bucket(),
    org,
    JSON.stringify({
      ocid,
      buyer: { id: 'b', name: 'Заказчик' },
      parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
      tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-12-20T10:00:00+03:00' } },
    }),
  );
  const tenderId = tenderIdFor(ocid);
  await beginIntake(table(), org, { tenderId, ocid, rawKey: raw.key, now: now() });
  const engine = new LocalWorkflowEngine({
    root: projectRoot,
    dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-crash-setup-')),
    handlers: (fn) => async (payload) =>
      (
        (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
          handler: (p: unknown) => Promise<unknown>;
        }
      ).handler(payload),
  });
  engine.start(
    localArn.stateMachine('tender-intake'),
    'setup',
    JSON.stringify({ org, tenderId, ocid, rawKey: raw.key, options: { timeZone: 'Europe/Moscow' } }),
  );
  await engine.idle();
  await recordEvent(
    table(),
    org,
    tenderId,
    { type: 'draft-contract-received', at: '2026-12-29T12:00:00.000Z' },
    'test',
    now(),
  );
  await scheduleTender(table(), org, tenderId, now());
  return tenderId;
}

/** Russia's 2027 calendar as published, plus Monday 11 January off: the signing deadline moves a day. */
const ru2027 = {
  country: 'RU',
  year: 2027,
  daysOff: [
    '2027-01-01',
    '2027-01-04',
    '2027-01-05',
    '2027-01-06',
    '2027-01-07',
    '2027-01-08',
    '2027-01-11',
    '2027-02-22',
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
    '2027-12-31',
  ],
  workingDays: [],
  source: 'Постановление Правительства РФ (test copy)',
};

export const crashCases: CrashCase[] = [
  {
    workflow: 'custom-dev-assessment',
    expect: { 'alert:notice': 1, 'audit:recommend': 1 },
    setup: async (org) => {
      const r = await assessing(org);
      return { org, input: { org, requestId: r.requestId, revision: 1 } };
    },
  },
  {
    workflow: 'custom-dev-decision',
    variant: 'approve-as-pilot',
    expect: { 'alert:notice': 1, 'audit:pilot': 1, 'audit:generate-spec': 1 },
    setup: async (org) => {
      const r = await assessing(org);
      const recommended = await updateRequest(table(), org, r, { status: 'recommended' }, audit('recommend'));
      const decided = await updateRequest(
        table(),
        org,
        recommended,
        {
          status: 'approved',
          decision: {
            decision: 'approve-as-pilot',
            reason: null,
            overridesRecommendation: false,
            by: 'carol',
            at: now(),
          },
        },
        audit('decide'),
      );
      return { org, input: { org, requestId: decided.requestId, decision: 'approve-as-pilot' } };
    },
  },
  {
    workflow: 'pilot-evaluation',
    expect: { 'alert:reminder': 1 },
    setup: async (org) => {
      const pilot = await createDraftPilot(org, pilotInput(), 'alice', new Date());
      const at = '2027-04-20T09:00:00.000Z';
      const evaluation: Evaluation = {
        id: `ev-${newId()}`,
        status: 'running',
        measurements: [
          { criterionId: 'latency', value: 20, measuredAt: at },
          { criterionId: 'accuracy', value: 99.5, measuredAt: at },
          { criterionId: 'effort', value: 1, measuredAt: at },
        ],
        requestedAt: now(),
        requestedBy: 'alice',
      };
      await updatePilotAudited(
        table(),
        org,
        pilot.id,
        pilot.version,
        { status: 'evaluating', evaluation },
        { entity: `pilot:${pilot.id}`, ...audit('evaluation-requested') },
      );
      return { org, input: { org, pilotId: pilot.id, evaluationId: evaluation.id } };
    },
  },
  {
    workflow: 'tender-intake',
    expect: { 'TENDER:TENDER': 1 },
    setup: async (org) => {
      const doc = readExample('paraguay-274231-tender-release-1.1.json') as { ocid: string };
      const raw = await putRawDocument(bucket(), org, JSON.stringify(doc));
      const tenderId = tenderIdFor(doc.ocid);
      await beginIntake(table(), org, { tenderId, ocid: doc.ocid, rawKey: raw.key, now: now() });
      return { org, input: { org, tenderId, ocid: doc.ocid, rawKey: raw.key, options: {} } };
    },
  },
  {
    workflow: 'package-intake',
    expect: { 'TENDER:TENDER': 2, 'IMPORT:IMPORT': 1 },
    setup: async (org) => {
      const raw = await putRawDocument(bucket(), org, JSON.stringify(releasePackage(2, `ocds-${org}`)));
      const importId = newId();
      await createImport(table(), org, {
        id: importId,
        kind: 'release-package',
        mode: 'package',
        total: 2,
        warnings: [],
        now: now(),
      });
      return { org, input: { org, importId, rawKey: raw.key, options: {} } };
    },
  },
  {
    workflow: 'calendar-recompute',
    expect: { 'alert:moved': 2 },
    setup: async (org) => {
      await russianTenderWithDraft(org);
      await putSetting(table(), org, 'working-calendar', { calendars: [ru2027] }, 0, 'admin', now());
      return { org, input: { org, version: 1, years: [{ country: 'RU', year: 2027 }] } };
    },
  },
];
