import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { sfn } from '../../functions/lib/clients/sfn.ts';
import { TransientError } from '../../functions/lib/errors.ts';
import { tenderIdFor } from '../../functions/lib/ids.ts';
import { functions } from '../../functions/registry.ts';
import { putRawDocument } from '../../functions/store/documents.ts';
import { beginIntake, getTender } from '../../functions/store/tenders.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';
import { eventually } from '../support/api.ts';

const env = () => ({ table: String(process.env.TABLE_NAME), bucket: String(process.env.BUCKET_NAME) });

async function prepare(org: string, ocid: string, doc: unknown) {
  const raw = await putRawDocument(env().bucket, org, JSON.stringify(doc));
  const tenderId = tenderIdFor(ocid);
  await beginIntake(env().table, org, { tenderId, ocid, rawKey: raw.key, now: new Date().toISOString() });
  return { org, tenderId, ocid, rawKey: raw.key, options: {} };
}

describe('the tender-intake workflow on the local engine', () => {
  it('a failing task is caught: the tender is marked intake-failed with the reason, the execution fails', async () => {
    const input = {
      ...(await prepare('wf-fail', 'ocds-wf-1', { ocid: 'ocds-wf-1' })),
      rawKey: 'orgs/wf-fail/raw/missing.json',
    };
    const started = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: process.env.TENDER_INTAKE_STATE_MACHINE_ARN,
        name: `fail-${Date.now()}`,
        input: JSON.stringify(input),
      }),
    );
    const done = await eventually('the execution to stop', async () => {
      const d = await sfn().send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return d.status === 'RUNNING' ? undefined : d;
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('IntakeFailed');
    const tender = await getTender(env().table, 'wf-fail', input.tenderId);
    expect(tender?.status).toBe('intake-failed');
    expect(tender?.intakeError?.error).toBe('NoSuchKey');
  });

  it('a raw document key from another organisation is refused, never read', async () => {
    const other = await prepare('wf-owner', 'ocds-wf-2', { ocid: 'ocds-wf-2', tender: {} });
    const mine = await prepare('wf-thief', 'ocds-wf-2', { ocid: 'ocds-wf-2', tender: {} });
    const started = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: process.env.TENDER_INTAKE_STATE_MACHINE_ARN,
        name: `cross-org-${Date.now()}`,
        input: JSON.stringify({ ...mine, rawKey: other.rawKey }),
      }),
    );
    await eventually('the execution to fail', async () => {
      const d = await sfn().send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      return d.status === 'FAILED' ? d : undefined;
    });
    const tender = await getTender(env().table, 'wf-thief', mine.tenderId);
    expect(tender?.intakeError).toMatchObject({
      error: 'InvalidInputError',
      cause: expect.stringContaining('is not in organisation wf-thief'),
    });
  });

  it('retries a task that fails once with TransientError (fault injected in the task binding), then succeeds', async () => {
    const input = await prepare('wf-retry', 'ocds-wf-3', { ocid: 'ocds-wf-3', tender: { title: 'Retried' } });
    let failures = 0;
    const engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-engine-')),
      handlers: (fn) => async (payload) => {
        if (fn === 'normalizeTender' && failures++ === 0) throw new TransientError('injected: S3 throttled');
        const mod = (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
          handler: (p: unknown) => Promise<unknown>;
        };
        return mod.handler(payload);
      },
    });
    const record = engine.start(localArn.stateMachine('tender-intake'), 'retry-1', JSON.stringify(input));
    await engine.idle();
    expect(engine.describe(record.executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      retries: 1,
      stateTransitions: 5,
    });
    expect((await getTender(env().table, 'wf-retry', input.tenderId))?.title).toBe('Retried');
  });

  it('the normalize task turns S3 throttling into TransientError (SlowDown injected by a stub on the S3 client)', async () => {
    const input = await prepare('wf-slow', 'ocds-wf-4', { ocid: 'ocds-wf-4' });
    const { handler } = await import('../../functions/tasks/normalize-tender.ts');
    const spy = vi.spyOn(s3(), 'send').mockRejectedValueOnce(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
        message: 'Please reduce your request rate.',
      }),
    );
    try {
      await expect(handler(input)).rejects.toBeInstanceOf(TransientError);
    } finally {
      spy.mockRestore();
    }
    await expect(handler(input)).resolves.toMatchObject({
      normalizedKey: expect.stringMatching(/^orgs\/wf-slow\/normalized\//),
    });
  });

  it('a task given a malformed payload fails with a named, non-transient error', async () => {
    const { handler } = await import('../../functions/tasks/persist-tender.ts');
    await expect(handler({ org: 'x' })).rejects.toMatchObject({
      name: 'InvalidInputError',
      errors: expect.arrayContaining([expect.objectContaining({ path: 'tenderId' })]),
    });
  });
});
