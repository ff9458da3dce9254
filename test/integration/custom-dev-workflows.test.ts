import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { type CustomDevRequest, newRequest } from '../../functions/domain/custom-dev/request.ts';
import { sfn } from '../../functions/lib/clients/sfn.ts';
import { TransientError } from '../../functions/lib/errors.ts';
import { newId } from '../../functions/lib/ids.ts';
import { functions } from '../../functions/registry.ts';
import { createRequest, getRequest, updateRequest } from '../../functions/store/custom-dev-requests.ts';
import { getPilot } from '../../functions/store/pilots.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';

const table = () => String(process.env.TABLE_NAME);

/** A request in `assessing` with both inputs, as the API leaves it before starting the workflow. */
async function assessing(org: string, over: Partial<CustomDevRequest> = {}): Promise<CustomDevRequest> {
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
    at: new Date().toISOString(),
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
      ...over,
    },
    { actor: 'test', at: new Date().toISOString(), action: 'record-inputs', before: {}, after: {} },
  );
}

/** The local engine with the registry's handlers, except where `fault` throws first (the fault injection). */
function engineWith(fault: (fn: string) => Error | undefined) {
  return new LocalWorkflowEngine({
    root: projectRoot,
    dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-cdr-engine-')),
    handlers: (fn) => async (payload) => {
      const injected = fault(fn);
      if (injected) throw injected;
      const mod = (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
        handler: (p: unknown) => Promise<unknown>;
      };
      return mod.handler(payload);
    },
  });
}

describe('the custom-dev-assessment workflow on the local engine', () => {
  it('retries a task that fails once with TransientError (fault injected in the task binding), then recommends', async () => {
    const org = 'cdr-wf-retry';
    const r = await assessing(org);
    let failures = 0;
    const engine = engineWith((fn) =>
      fn === 'persistCustomDevAssessment' && failures++ === 0
        ? new TransientError('injected: DynamoDB throttled')
        : undefined,
    );
    const run = engine.start(
      localArn.stateMachine('custom-dev-assessment'),
      'retry-1',
      JSON.stringify({ org, requestId: r.requestId, revision: 1 }),
    );
    await engine.idle();
    expect(engine.describe(run.executionArn)).toMatchObject({ status: 'SUCCEEDED', retries: 1 });
    const after = await getRequest(table(), org, r.requestId);
    expect(after).toMatchObject({ status: 'recommended', recommendation: { decision: 'approve' } });
    expect(after?.businessCase?.expectedEffortDays.value).toBe(20);
  });

  it('a permanent failure (fault injected in the task binding) leaves the request assessment-failed with the reason; the execution fails', async () => {
    const org = 'cdr-wf-fail';
    const r = await assessing(org);
    const engine = engineWith((fn) =>
      fn === 'computeCustomDevBusinessCase'
        ? new Error('injected: the business case cannot be computed')
        : undefined,
    );
    const run = engine.start(
      localArn.stateMachine('custom-dev-assessment'),
      'fail-1',
      JSON.stringify({ org, requestId: r.requestId, revision: 1 }),
    );
    await engine.idle();
    expect(engine.describe(run.executionArn)).toMatchObject({ status: 'FAILED', error: 'AssessmentFailed' });
    const after = await getRequest(table(), org, r.requestId);
    expect(after?.status).toBe('assessment-failed');
    expect(after?.assessmentError).toMatchObject({
      stage: 'assessment',
      cause: 'injected: the business case cannot be computed',
    });
  });

  it('an execution for a superseded inputs revision stops without writing', async () => {
    const org = 'cdr-wf-superseded';
    const r = await assessing(org, { inputsRevision: 2 });
    const engine = engineWith(() => undefined);
    const run = engine.start(
      localArn.stateMachine('custom-dev-assessment'),
      'old-1',
      JSON.stringify({ org, requestId: r.requestId, revision: 1 }),
    );
    await engine.idle();
    expect(engine.describe(run.executionArn).status).toBe('SUCCEEDED');
    const after = await getRequest(table(), org, r.requestId);
    expect(after).toMatchObject({ status: 'assessing', recommendation: null, version: r.version });
  });
});

describe('the custom-dev-decision workflow on the local engine', () => {
  async function approved(org: string, decision: 'approve' | 'approve-as-pilot') {
    const r = await assessing(org);
    const recommended = await updateRequest(
      table(),
      org,
      r,
      { status: 'recommended' },
      {
        actor: 'test',
        at: new Date().toISOString(),
        action: 'recommend',
        before: {},
        after: {},
      },
    );
    return updateRequest(
      table(),
      org,
      recommended,
      {
        status: 'approved',
        decision: {
          decision,
          reason: null,
          overridesRecommendation: false,
          by: 'carol',
          at: new Date().toISOString(),
        },
      },
      { actor: 'carol', at: new Date().toISOString(), action: 'decide', before: {}, after: {} },
    );
  }

  it('approve-as-pilot: Record → GenerateSpec → CreatePilot → Notify, with a retried transient failure (fault injected in the task binding)', async () => {
    const org = 'cdr-wf-pilot';
    const r = await approved(org, 'approve-as-pilot');
    let failures = 0;
    const engine = engineWith((fn) =>
      fn === 'generateCustomDevSpec' && failures++ === 0
        ? new TransientError('injected: S3 SlowDown')
        : undefined,
    );
    const run = engine.start(
      localArn.stateMachine('custom-dev-decision'),
      'pilot-1',
      JSON.stringify({ org, requestId: r.requestId, decision: 'approve-as-pilot' }),
    );
    await engine.idle();
    expect(engine.describe(run.executionArn)).toMatchObject({ status: 'SUCCEEDED', retries: 1 });
    const after = await getRequest(table(), org, r.requestId);
    expect(after).toMatchObject({
      status: 'piloting',
      specKey: `orgs/${org}/specs/${r.requestId}.md`,
      pilot: { pilotId: expect.stringMatching(/^p-[0-9A-HJKMNP-TV-Z]{26}$/) },
    });
    const pilotId = after?.pilot?.pilotId ?? '';
    expect(await getPilot(table(), org, pilotId)).toMatchObject({
      status: 'draft',
      customDevRequestId: r.requestId,
      client: r.client,
    });
  });

  it('a permanent failure of a follow-up (fault injected in the task binding) keeps the decision and records the reason', async () => {
    const org = 'cdr-wf-decision-fail';
    const r = await approved(org, 'approve');
    const engine = engineWith((fn) =>
      fn === 'generateCustomDevSpec' ? new Error('injected: bucket gone') : undefined,
    );
    const run = engine.start(
      localArn.stateMachine('custom-dev-decision'),
      'fail-1',
      JSON.stringify({ org, requestId: r.requestId, decision: 'approve' }),
    );
    await engine.idle();
    expect(engine.describe(run.executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'DecisionFollowUpFailed',
    });
    const after = await getRequest(table(), org, r.requestId);
    expect(after).toMatchObject({
      status: 'approved',
      specKey: null,
      assessmentError: { stage: 'decision', cause: 'injected: bucket gone' },
    });
  });
});

/** An API Gateway event for a handler called in this process (so its SFN client can be stubbed). */
const apiEvent = (org: string, roles: string[], id: string, ifMatch: string, body: unknown) =>
  ({
    rawPath: `/custom-dev-requests/${id}`,
    routeKey: 'PUT /custom-dev-requests/{id}/commercial',
    headers: { 'content-type': 'application/json', 'if-match': ifMatch },
    pathParameters: { id },
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      authorizer: {
        jwt: {
          claims: { 'custom:org': org, 'cognito:username': 'pat', 'cognito:groups': roles },
          scopes: [],
        },
      },
    },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('a workflow that cannot be started', () => {
  it('leaves the request assessment-failed with the reason, never stuck in assessing (StartExecution failure injected by a stub on the SFN client)', async () => {
    const org = 'cdr-start-fail';
    const r = newRequest({
      requestId: `cdr-${newId()}`,
      client: 'Bergen kommune',
      title: 'ERP export',
      problem: 'Invoices are re-typed by hand.',
      requestedFunctionality: 'Export approved invoices nightly.',
      neededBy: null,
      timeZone: 'UTC',
      vertical: null,
      strategicFit: 4,
      tenderId: null,
      checklistItemId: null,
      evidenceIds: [],
      createdBy: 'pat',
      at: new Date().toISOString(),
    });
    await createRequest(table(), org, r);
    const withTech = await updateRequest(
      table(),
      org,
      r,
      {
        technical: {
          verdict: 'feasible',
          effortDays: { optimistic: 1, likely: 2, pessimistic: 3 },
          dependencies: [],
          risks: [],
          generic: true,
        },
      },
      { actor: 'pat', at: new Date().toISOString(), action: 'record-technical', before: {}, after: {} },
    );
    const { handler } = await import('../../functions/api/put-custom-dev-commercial.ts');
    const spy = vi
      .spyOn(sfn(), 'send')
      .mockRejectedValueOnce(
        Object.assign(new Error('injected: service unavailable'), { name: 'ServiceUnavailable' }),
      );
    try {
      const res = await handler(
        apiEvent(org, ['product-manager'], r.requestId, `"${withTech.version}"`, {
          pricing: { model: 'fixed', price: 10 },
        }),
        {} as Context,
      );
      expect(res.statusCode).toBe(202);
      expect(JSON.parse(String(res.body))).toMatchObject({
        status: 'assessment-failed',
        assessmentError: { error: 'StartFailed', stage: 'assessment' },
      });
    } finally {
      spy.mockRestore();
    }
    expect((await getRequest(table(), org, r.requestId))?.status).toBe('assessment-failed');
  });
});
