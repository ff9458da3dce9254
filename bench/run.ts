import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionNames, functions } from '../functions/registry.ts';
import { projectRoot, startLocalStack } from '../infra/local/stack.ts';
import { bundleEntry, bundleFloor } from './bundle.ts';
import { coldImportMs } from './cold-start.ts';
import { measureReads } from './reads.ts';

/**
 * `npm run bench` — the budgets of DESIGN.md §8 that exist so far:
 * bundle size and cold import per handler against its SDK-only floor (budget 1.5×),
 * API reads against raw DynamoDB calls on the same endpoint (budget 1.5×),
 * and Step Functions state transitions per tender intake.
 */
const BUDGET = 1.5;
const out = join(projectRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'tenderflow-bench-'));

const fakeEnv: Record<string, string> = {
  TABLE_NAME: 'bench',
  BUCKET_NAME: 'bench',
  TENDER_INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:tender-intake',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
  AWS_REGION: 'us-east-1',
};

console.log('bundling and cold-importing each handler (median of 15 fresh processes)…');
const cold = [];
for (const fn of functionNames) {
  const b = await bundleEntry(functions[fn].entry, join(work, 'bundles'), fn);
  const floor = await bundleFloor(b.sdkClients, join(work, 'bundles'), fn);
  const ms = coldImportMs(b.file, fakeEnv);
  const floorMs = coldImportMs(floor.file, fakeEnv);
  const ratio = ms / floorMs;
  cold.push({
    fn,
    kb: +(b.bytes / 1024).toFixed(1),
    sdk: b.sdkClients.join(' ') || '-',
    ms: +ms.toFixed(1),
    floorMs: +floorMs.toFixed(1),
    ratio: +ratio.toFixed(2),
    ok: ratio <= BUDGET,
  });
}
console.table(cold);

console.log('starting the local stack for read latency and intake transitions…');
const stack = await startLocalStack({ dataDir: join(work, 'data'), port: 0, sweepEveryMs: 0, quiet: true });
let reads: Awaited<ReturnType<typeof measureReads>>;
let transitions: number[] = [];
try {
  const { mintToken } = await import('../infra/local/keys.ts');
  const token = await mintToken(stack.dataDir, { org: 'bench', user: 'bench', roles: ['bid-manager'] });
  const examples = join(projectRoot, '..', 'shared', 'data', 'ocds', 'examples');
  const body = (() => {
    try {
      return readFileSync(join(examples, 'uk-contracts-finder-2c40364c-tender-release-1.1.json'), 'utf8');
    } catch {
      return JSON.stringify({ ocid: 'ocds-bench-1', tender: { title: 'bench' } });
    }
  })();
  const imported = (await (
    await fetch(`${stack.apiUrl}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    })
  ).json()) as { tenderId: string };
  for (let i = 0; i < 30; i++) {
    await fetch(`${stack.apiUrl}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ocid: `ocds-bench-${i}`, tender: { title: `bench ${i}` } }),
    });
  }
  await stack.engine.idle();
  transitions = [...new Set(stack.engine.list().map((e) => e.stateTransitions))];
  reads = await measureReads(stack, 'bench', imported.tenderId);
} finally {
  await stack.stop();
}

const row = (read: string, ms: number, raw: number, budgeted: boolean) => ({
  read,
  ms: +ms.toFixed(2),
  rawMs: +raw.toFixed(2),
  ratio: +(ms / raw).toFixed(2),
  ok: budgeted ? ms / raw <= BUDGET : 'n/a (informational)',
});
const readRows = [
  row('getTender handler vs GetItem', reads.handlerGet, reads.rawGet, true),
  row('listTenders handler (25) vs Query', reads.handlerList, reads.rawQuery, true),
  row('GET /tenders/{id} via local gateway', reads.apiGet, reads.rawGet2, false),
  row('GET /tenders via local gateway', reads.apiList, reads.rawQuery2, false),
];
console.table(readRows);
console.log(`state transitions per successful tender intake: ${transitions.join(', ')}`);

const result = {
  at: new Date().toISOString(),
  node: process.version,
  budget: BUDGET,
  cold,
  reads: readRows,
  intakeStateTransitions: transitions,
};
writeFileSync(join(out, 'latest.json'), JSON.stringify(result, null, 2));
console.log(`written: ${join(out, 'latest.json')}`);
rmSync(work, { recursive: true, force: true });
