import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { sfn } from '../../functions/lib/clients/sfn.ts';
import { tenderIdFor } from '../../functions/lib/ids.ts';
import { beginIntake } from '../../functions/store/tenders.ts';
import { call, eventually, tokenFor, waitForTender } from '../support/api.ts';

const release = (ocid: string, title: string) =>
  JSON.stringify({ ocid, id: `${ocid}-r1`, date: '2026-11-01T09:00:00Z', tender: { title } });

/** Import (or re-import) a tender through the workflow with a raw document that cannot be read: a real failed intake. */
async function failedReimport(org: string, tenderId: string, ocid: string) {
  const rawKey = `orgs/${org}/raw/missing.json`;
  await beginIntake(String(process.env.TABLE_NAME), org, {
    tenderId,
    ocid,
    rawKey,
    now: new Date().toISOString(),
  });
  const started = await sfn().send(
    new StartExecutionCommand({
      stateMachineArn: process.env.TENDER_INTAKE_STATE_MACHINE_ARN,
      name: `reimport-fails-${Date.now()}`,
      input: JSON.stringify({ org, tenderId, ocid, rawKey, options: {} }),
    }),
  );
  return eventually('the execution to stop', async () => {
    const d = await sfn().send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

describe('a failed re-import never downgrades a ready tender', () => {
  it('keeps the tender ready with its last good data, and shows the failure beside it', async () => {
    const org = 'never-down';
    const token = await tokenFor(org);
    const doc = release('ocds-never-down-1', 'Good version');
    const first = await call('POST', '/tenders/import', { token, body: doc });
    const tenderId = String(first.json.tenderId);
    expect((await waitForTender(token, tenderId)).status).toBe('ready');

    const done = await failedReimport(org, tenderId, 'ocds-never-down-1');
    expect(done.status).toBe('FAILED');

    const tender = (await call('GET', `/tenders/${tenderId}`, { token })).json;
    expect(tender).toMatchObject({
      status: 'ready',
      title: 'Good version',
      lastImport: { status: 'failed', error: 'NoSuchKey', cause: expect.any(String) },
    });
    expect(tender.intakeError).toBeUndefined();
    // the last good document is still the tender's: importing it again changes nothing
    const again = await call('POST', '/tenders/import', { token, body: doc });
    expect(again.status).toBe(200);
    expect(again.json.imports).toMatchObject([{ tenderId, unchanged: true }]);
  });

  it('a first import that fails is intake-failed, with the reason', async () => {
    const org = 'never-ready';
    const ocid = 'ocds-never-ready-1';
    const tenderId = tenderIdFor(ocid);
    expect((await failedReimport(org, tenderId, ocid)).status).toBe('FAILED');
    const failed = (await call('GET', `/tenders/${tenderId}`, { token: await tokenFor(org) })).json;
    expect(failed).toMatchObject({
      status: 'intake-failed',
      intakeError: { error: 'NoSuchKey' },
      lastImport: { status: 'failed', error: 'NoSuchKey' },
    });
  });
});
