import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../functions/domain/pilots/types.ts';
import { createDraftPilot } from '../../functions/flows/pilots.ts';
import { sfn } from '../../functions/lib/clients/sfn.ts';
import { TransientError } from '../../functions/lib/errors.ts';
import { functions } from '../../functions/registry.ts';
import { getPilot, updatePilotAudited } from '../../functions/store/pilots.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';
import { call, eventually, tokenFor } from '../support/api.ts';
import { pilotInput } from '../support/pilots.ts';

const table = () => String(process.env.TABLE_NAME);

/** An active pilot with a running evaluation of these measurements, as POST /pilots/{id}/evaluation leaves it. */
async function pilotWithEvaluation(org: string, measurements: Evaluation['measurements']) {
  const pilot = await createDraftPilot(org, pilotInput(), 'alice', new Date());
  const evaluation: Evaluation = {
    id: `ev-${Date.now()}`,
    status: 'running',
    measurements,
    requestedAt: new Date().toISOString(),
    requestedBy: 'alice',
  };
  await updatePilotAudited(
    table(),
    org,
    pilot.id,
    pilot.version,
    { status: 'evaluating', evaluation },
    {
      entity: `pilot:${pilot.id}`,
      actor: 'test',
      at: new Date().toISOString(),
      action: 'evaluation-requested',
      before: {},
      after: {},
    },
  );
  return { org, pilotId: pilot.id, evaluationId: evaluation.id };
}

const at = '2027-04-20T09:00:00.000Z';

describe('the pilot-evaluation workflow on the local engine', () => {
  it('retries a step that fails once with TransientError (fault injected in the task binding), then evaluates, schedules and notifies', async () => {
    const ref = await pilotWithEvaluation('pilot-wf-retry', [
      { criterionId: 'latency', value: 30, measuredAt: at },
      { criterionId: 'accuracy', value: 99.5, measuredAt: at },
      { criterionId: 'effort', value: 1, measuredAt: at },
    ]);
    let failures = 0;
    const engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-engine-')),
      handlers: (fn) => async (payload) => {
        if (fn === 'evaluatePilot' && failures++ === 0)
          throw new TransientError('injected: DynamoDB throttled');
        const mod = (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
          handler: (p: unknown) => Promise<unknown>;
        };
        return mod.handler(payload);
      },
    });
    const record = engine.start(localArn.stateMachine('pilot-evaluation'), 'retry-1', JSON.stringify(ref));
    await engine.idle();
    expect(engine.describe(record.executionArn)).toMatchObject({ status: 'SUCCEEDED', retries: 1 });
    const pilot = await getPilot(table(), ref.org, ref.pilotId);
    // the must-pass delay is 30 h against ≤ 24 h: conversion is blocked though 60 % of the weight passes
    expect(pilot?.evaluation).toMatchObject({ status: 'evaluated', score: 60 });
    expect(pilot?.evaluation?.recommendation).not.toBe('convert');
    expect(pilot?.evaluation?.results?.find((r) => r.criterionId === 'latency')).toMatchObject({
      pass: false,
      margin: -6,
    });
    const alerts = await call('GET', '/alerts', { token: await tokenFor(ref.org, ['viewer']) });
    const alert = (alerts.json.items as { title: string; dueAt: string }[]).find((a) =>
      a.title.includes('Pilot evaluated'),
    );
    // the alert names the conversion decision (decisionBy 2027-05-31, UTC)
    expect(alert?.dueAt).toBe('2027-05-31T23:59:59.999Z');
  });

  it('a permanent failure (a measurement of no criterion) marks the evaluation evaluation-failed with the reason, and fails the execution', async () => {
    const ref = await pilotWithEvaluation('pilot-wf-fail', [
      { criterionId: 'nps', value: 40, measuredAt: at },
    ]);
    const started = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: process.env.PILOT_EVALUATION_STATE_MACHINE_ARN,
        name: `fail-${Date.now()}`,
        input: JSON.stringify(ref),
      }),
    );
    const done = await eventually('the execution to stop', async () => {
      const d = await sfn().send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('EvaluationFailed');
    const pilot = await getPilot(table(), ref.org, ref.pilotId);
    expect(pilot?.evaluation).toMatchObject({
      status: 'evaluation-failed',
      failure: { error: 'InvalidInputError', cause: expect.stringContaining('no criterion nps') },
    });
  });

  it('a step given an evaluation that is no longer current fails permanently and never overwrites the newer one', async () => {
    const ref = await pilotWithEvaluation('pilot-wf-stale', [
      { criterionId: 'latency', value: 20, measuredAt: at },
    ]);
    const { handler } = await import('../../functions/tasks/persist-pilot-evaluation.ts');
    await expect(
      handler({
        ...ref,
        evaluationId: 'ev-older',
        outcome: { results: [], score: 0, recommendation: 'stop', reasons: [] },
      }),
    ).rejects.toMatchObject({ name: 'InvalidInputError' });
    expect((await getPilot(table(), ref.org, ref.pilotId))?.evaluation?.status).toBe('running');
  });
});
