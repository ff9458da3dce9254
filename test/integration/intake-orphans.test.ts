import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/lib/clients/dynamodb.ts';
import { tenderIdFor } from '../../functions/lib/ids.ts';
import { functions } from '../../functions/registry.ts';
import { putRawDocument } from '../../functions/store/documents.ts';
import { keys, sortKeyPrefix } from '../../functions/store/table-definition.ts';
import { beginIntake, getTender } from '../../functions/store/tenders.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import {
  LocalWorkflowEngine,
  type LocalWorkflowEngineOptions,
  localArn,
} from '../../infra/local/workflow-engine.ts';
import { timeouts } from '../support/timeouts.ts';

/**
 * #20: a failed or timed-out intake leaves no orphan checklist items. The failure path (MarkIntakeFailed)
 * removes the items the failed intake added; a checklist write still running after its task timed out
 * stops at its next chunk and removes what it wrote. Tested with a real timeout (the engine enforces the
 * Task state's TimeoutSeconds, here set to 1 s for GenerateChecklist) while the write is under way.
 */

const env = () => ({ table: String(process.env.TABLE_NAME), bucket: String(process.env.BUCKET_NAME) });

/** An OCDS release with `criteria` × 2 groups × 5 boolean requirements. */
function releaseWith(ocid: string, criteria: number) {
  return {
    ocid,
    id: `${ocid}-tender-1`,
    date: '2026-11-01T09:00:00Z',
    tag: ['tender'],
    initiationType: 'tender',
    buyer: { id: 'b', name: 'Kommune' },
    parties: [{ id: 'b', name: 'Kommune', roles: ['buyer'], address: { countryName: 'Norway' } }],
    tender: {
      id: `${ocid}-t`,
      title: `Tender with ${criteria * 10} requirements`,
      status: 'active',
      tenderPeriod: { endDate: '2030-01-15T12:00:00+01:00' },
      criteria: Array.from({ length: criteria }, (_, c) => ({
        id: `C${c + 1}`,
        title: `Criterion ${c + 1}`,
        requirementGroups: Array.from({ length: 2 }, (_, g) => ({
          id: `G${g + 1}`,
          requirements: Array.from({ length: 5 }, (_, r) => ({
            id: `R${r + 1}`,
            title: `${c + 1}.${g + 1}.${r + 1} Confirm that the supplier meets this`,
            dataType: 'boolean',
            expectedValue: true,
          })),
        })),
      })),
    },
  };
}

async function prepare(org: string, ocid: string, criteria: number) {
  const raw = await putRawDocument(env().bucket, org, JSON.stringify(releaseWith(ocid, criteria)));
  const tenderId = tenderIdFor(ocid);
  await beginIntake(env().table, org, { tenderId, ocid, rawKey: raw.key, now: new Date().toISOString() });
  return { org, tenderId, ocid, rawKey: raw.key, options: {} };
}

async function itemCount(org: string, tenderId: string): Promise<number> {
  let n = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: env().table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
        ExpressionAttributeValues: {
          ':pk': keys.tenderPartition(org, tenderId),
          ':item': sortKeyPrefix.item,
        },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}

/** The item count once it is above 0 (polled; bounded by the workflow poll deadline). */
async function firstItems(org: string, tenderId: string): Promise<number> {
  const deadline = Date.now() + timeouts.poll.workflow;
  for (;;) {
    const n = await itemCount(org, tenderId);
    if (n > 0 || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, timeouts.poll.interval));
  }
}

const load = async (fn: string) =>
  (
    (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
      handler: (p: unknown) => Promise<unknown>;
    }
  ).handler;

/** The local engine with the registry's handlers; `wrap` may look at (or replace) a call. */
function engine(
  wrap: (fn: string, run: () => Promise<unknown>) => Promise<unknown> = (_fn, run) => run(),
  more: Partial<LocalWorkflowEngineOptions> = {},
) {
  return new LocalWorkflowEngine({
    root: projectRoot,
    dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-orphans-')),
    retryIntervalMs: 10,
    handlers: (fn) => (payload) => wrap(fn, async () => (await load(fn))(payload)),
    ...more,
  });
}

describe('a failed or timed-out intake leaves no orphan checklist items', () => {
  it(
    'GenerateChecklist times out (TimeoutSeconds 1 s) while writing 3,000 items: the tender is intake-failed, the write stops and nothing is left',
    async () => {
      const org = 'orphans-timeout';
      const input = await prepare(org, 'ocds-orphans-timeout', 300);
      let writer: Promise<string> | undefined;
      let atFailure = -1;
      const e = engine(
        (fn, run) => {
          if (fn === 'generateChecklist') {
            const result = run();
            writer = result.then(
              () => 'finished',
              (error: Error) => error.name,
            );
            return result;
          }
          // the failure path runs once the timed-out write has landed something (on a loaded machine the
          // 1 s timeout can fire while it still reads the document): the interleaving the issue met
          if (fn === 'markIntakeFailed')
            return firstItems(org, input.tenderId).then((n) => {
              atFailure = n;
              return run();
            });
          return run();
        },
        { taskTimeoutSeconds: { GenerateChecklist: 1 } },
      );
      const record = e.start(localArn.stateMachine('tender-intake'), 'timeout-1', JSON.stringify(input));
      await e.idle();
      expect(e.describe(record.executionArn)).toMatchObject({ status: 'FAILED', error: 'IntakeFailed' });
      const tender = await getTender(env().table, org, input.tenderId);
      expect(tender?.status).toBe('intake-failed');
      expect(tender?.intakeError?.error).toBe('States.Timeout');
      // when the failure path ran, the timed-out write had left items: the orphans the issue saw
      expect(atFailure).toBeGreaterThan(0);
      // Still writing then (the usual case: it stops at its next chunk, seeing its intake failed, and removes
      // what it wrote), or done already (the failure path removed it all): either way nothing is left.
      const outcome = await writer;
      expect(atFailure < 3000 ? ['IntakeAbandonedError'] : ['finished', 'IntakeAbandonedError']).toContain(
        outcome,
      );
      expect(await itemCount(org, input.tenderId)).toBe(0);
    },
    timeouts.integration.slow,
  );

  it('a step after the checklist fails (error injected in the ScheduleDeadlines binding): the items that intake wrote are removed', async () => {
    const org = 'orphans-error';
    const input = await prepare(org, 'ocds-orphans-error', 3);
    const e = engine((fn, run) =>
      fn === 'scheduleDeadlines' ? Promise.reject(new Error('injected: deadline computation failed')) : run(),
    );
    const record = e.start(localArn.stateMachine('tender-intake'), 'error-1', JSON.stringify(input));
    await e.idle();
    expect(e.describe(record.executionArn).status).toBe('FAILED');
    expect((await getTender(env().table, org, input.tenderId))?.status).toBe('intake-failed');
    expect(await itemCount(org, input.tenderId)).toBe(0);
  });

  it('a failed re-import of a ready tender removes only the items it added; the ready checklist is kept', async () => {
    const org = 'orphans-reimport';
    const first = await prepare(org, 'ocds-orphans-reimport', 2);
    const ok = engine();
    ok.start(localArn.stateMachine('tender-intake'), 'first', JSON.stringify(first));
    await ok.idle();
    expect((await getTender(env().table, org, first.tenderId))?.status).toBe('ready');
    expect(await itemCount(org, first.tenderId)).toBe(20);

    const second = await prepare(org, 'ocds-orphans-reimport', 3); // 10 more requirements
    const e = engine((fn, run) =>
      fn === 'scheduleDeadlines' ? Promise.reject(new Error('injected: deadline computation failed')) : run(),
    );
    e.start(localArn.stateMachine('tender-intake'), 'second', JSON.stringify(second));
    await e.idle();
    const tender = await getTender(env().table, org, first.tenderId);
    expect(tender?.status).toBe('ready');
    expect(tender?.lastImport).toMatchObject({ status: 'failed' });
    expect(await itemCount(org, first.tenderId)).toBe(20);
  });
});
