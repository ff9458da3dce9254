import { createOwnTable } from '../support/own-table.ts';
// (own-table first: it names this file's table before any handler reads TABLE_NAME)

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/lib/clients/dynamodb.ts';
import { functions } from '../../functions/registry.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { type ExecutionRecord, LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';
import type { WorkflowName } from '../../workflows/registry.ts';
import { crashCases } from '../support/crash-cases.ts';
import { timeouts } from '../support/timeouts.ts';

/**
 * Kill every workflow at every step boundary (#20): each workflow runs once as the control; then, for
 * each task it ran (in the control's order), it runs again on fresh data with a fault injected right
 * after that task's work landed, in two ways the real system meets:
 * - `kill`: the whole process dies (kill -9, simulated by LocalWorkflowEngine.kill(): the execution stops
 *   where it is, its record stays RUNNING) and a new engine on the same data folder resumes it, as
 *   `npm start` does — from the execution's input, every task idempotent. (Step Functions' redrive
 *   restarts at the failed state instead: a subset of what a re-run from the input must survive.)
 * - `lost`: the task's Lambda dies before answering (the work is done, the answer lost: injected as
 *   Lambda.ServiceException by the task binding); Step Functions' Retry runs the task again.
 * Then: the execution ends as the control did, and the organisation's items — counted by kind, audit
 * entries by action, alerts by kind — are exactly the control's: nothing doubled, nothing lost.
 */

const table = () => String(process.env.TABLE_NAME);

type Tally = Record<string, number>;

/** Everything the organisation has in the table, counted by kind (ids differ between runs, kinds do not). */
async function tally(org: string): Promise<Tally> {
  const prefix = `ORG#${org}#`;
  const out: Tally = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: table(),
        FilterExpression: 'begins_with(PK, :p)',
        ExpressionAttributeValues: { ':p': prefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const row of page.Items ?? []) {
      const area = String(row.PK).slice(prefix.length).split('#')[0];
      const kind =
        area === 'AUDIT'
          ? `audit:${String(row.action)}`
          : area === 'ALERT'
            ? `alert:${String(row.kind)}`
            : `${area}:${String(row.SK).split('#')[0]}`;
      out[kind] = (out[kind] ?? 0) + 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

type Fault = 'kill' | 'lost';

const handlerOf = async (fn: string) =>
  (
    (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
      handler: (p: unknown) => Promise<unknown>;
    }
  ).handler;

/**
 * Run `workflow` on `input`; with `fault`, inject it right after the `at`-th task invocation (1-based) has
 * done its work. Returns the task functions in the order they were invoked (before any fault) and the
 * execution's final record.
 */
async function runWith(
  workflow: WorkflowName,
  input: unknown,
  fault?: { kind: Fault; at: number },
): Promise<{ calls: string[]; record: ExecutionRecord }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-crash-'));
  const calls: string[] = [];
  let fired = false;
  let engine: LocalWorkflowEngine | undefined;
  engine = new LocalWorkflowEngine({
    root: projectRoot,
    dataDir,
    retryIntervalMs: 10,
    handlers: (fn) => async (payload) => {
      const result = await (await handlerOf(fn))(payload);
      calls.push(fn);
      if (fault && !fired && calls.length === fault.at) {
        fired = true;
        if (fault.kind === 'kill') {
          engine?.kill();
          return new Promise(() => undefined); // the process is gone: this answer never arrives
        }
        throw Object.assign(new Error(`injected: ${fn} answered nothing (its Lambda died)`), {
          name: 'Lambda.ServiceException',
        });
      }
      return result;
    },
  });
  const started = engine.start(localArn.stateMachine(workflow), 'run', JSON.stringify(input));
  await engine.idle();
  if (fault?.kind === 'kill') {
    expect(engine.describe(started.executionArn).status).toBe('RUNNING');
    // `npm start` again: the interrupted execution is resumed from its input
    engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir,
      retryIntervalMs: 10,
      handlers: (fn) => async (payload) => (await handlerOf(fn))(payload),
    });
    expect(engine.resumeInterrupted()).toBe(1);
    await engine.idle();
  }
  return { calls, record: engine.describe(started.executionArn) };
}

const rows: string[] = [];

beforeAll(createOwnTable, timeouts.integration.hook);

afterAll(() => {
  // the table for the report (workflow × step → ok)
  console.log(
    [
      '| workflow | after step | kill -9 + resume | Lambda answer lost + Retry |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
});

describe('every workflow, killed at every step boundary, ends as its control: nothing doubled, nothing lost', () => {
  for (const c of crashCases) {
    it(
      `${c.workflow}${c.variant ? ` (${c.variant})` : ''}`,
      async () => {
        const control = await c.setup(`crash-${c.workflow}-control`);
        const { calls, record } = await runWith(c.workflow, control.input);
        expect(record.status).toBe(c.expectStatus ?? 'SUCCEEDED');
        const expected = await tally(control.org);
        // the control itself wrote what the case says it must (the alerts the crash runs must keep)
        for (const [kind, n] of Object.entries(c.expect)) expect(expected[kind], kind).toBe(n);
        expect(calls.length).toBeGreaterThan(0);

        for (let at = 1; at <= calls.length; at++) {
          const cells: string[] = [];
          for (const kind of ['kill', 'lost'] as const) {
            const run = await c.setup(`crash-${c.workflow}-${kind}-${at}`);
            const crashed = await runWith(c.workflow, run.input, { kind, at });
            const got = await tally(run.org);
            const same =
              crashed.record.status === record.status &&
              JSON.stringify(sorted(got)) === JSON.stringify(sorted(expected));
            cells.push(same ? 'ok' : `FAIL ${diff(expected, got)} ${crashed.record.status}`);
            expect.soft(crashed.record.status, `${kind} after ${at} ${calls[at - 1]}`).toBe(record.status);
            expect.soft(sorted(got), `${kind} after ${at} ${calls[at - 1]}`).toEqual(sorted(expected));
          }
          rows.push(
            `| ${c.workflow}${c.variant ? ` (${c.variant})` : ''} | ${at}. ${calls[at - 1]} | ${cells.join(' | ')} |`,
          );
        }
      },
      timeouts.integration.slow,
    );
  }
});

const sorted = (t: Tally) => Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));

const diff = (want: Tally, got: Tally) =>
  [...new Set([...Object.keys(want), ...Object.keys(got)])]
    .filter((k) => want[k] !== got[k])
    .map((k) => `${k}: ${want[k] ?? 0}→${got[k] ?? 0}`)
    .join(', ');
