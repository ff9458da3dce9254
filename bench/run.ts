import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionNames, functions } from '../functions/registry.ts';
import { projectRoot, startLocalStack } from '../infra/local/stack.ts';
import { bundleEntry, bundleFloor } from './bundle.ts';
import { measureChecklistPage } from './checklist-reads.ts';
import { coldImportPairMs } from './cold-start.ts';
import { measureIntake } from './intake.ts';
import { measureMatrixUpload } from './matrix-upload.ts';
import { measurePackageIntake } from './package-intake.ts';
import { measureReads } from './reads.ts';
import { measureStartup } from './startup.ts';
import { measureSweep } from './sweep.ts';
import { measureWeb } from './web.ts';
import { measureWriteFloor } from './write-floor.ts';

/**
 * `npm run bench` — the budgets of DESIGN.md §8 that exist so far:
 * bundle size and cold import per handler against its SDK-only floor (budget 1.5×),
 * API reads against raw DynamoDB calls on the same endpoint (budget 1.5×), a 1,000-item checklist
 * page against the raw Query (budget 1.5×), Step Functions state transitions per tender intake, and
 * the intake of a tender with 2,000 requirements (time to ready, write calls, re-import a no-op; ready in
 * ≤ 3 s with DynamoDB Local in memory, and on disk next to DynamoDB Local's own write floor), the
 * 610-process package (≤ 60 s), and
 * the alert sweep with 1,000 and 100,000 reminders scheduled, 100 due (its time must stay flat).
 */
const BUDGET = 1.5;
const out = join(projectRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'tenderflow-bench-'));

const fakeEnv: Record<string, string> = {
  TABLE_NAME: 'bench',
  BUCKET_NAME: 'bench',
  TENDER_INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:tender-intake',
  PACKAGE_INTAKE_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:package-intake',
  CUSTOM_DEV_ASSESSMENT_STATE_MACHINE_ARN:
    'arn:aws:states:us-east-1:000000000000:stateMachine:custom-dev-assessment',
  CUSTOM_DEV_DECISION_STATE_MACHINE_ARN:
    'arn:aws:states:us-east-1:000000000000:stateMachine:custom-dev-decision',
  PILOT_EVALUATION_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:pilot-evaluation',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
  AWS_REGION: 'us-east-1',
};

// `npm run bench -- --cold-start [handler ...]`: the cold-start table alone (for the handlers named, or
// all), no local stack, nothing written to bench/results; the exit code says whether its budget is met.
const coldStartOnly = process.argv.includes('--cold-start');
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = named.filter((n) => !(functionNames as readonly string[]).includes(n));
if (unknown.length) throw new Error(`no handler named ${unknown.join(', ')} in functions/registry.ts`);
const measured = named.length ? functionNames.filter((fn) => named.includes(fn)) : functionNames;

console.log('bundling and cold-importing each handler (median of 15 fresh processes)…');
const cold = [];
for (const fn of measured) {
  const b = await bundleEntry(functions[fn].entry, join(work, 'bundles'), fn);
  const floor = await bundleFloor(b.sdkClients, join(work, 'bundles'), fn);
  const { ms, floorMs } = coldImportPairMs(b.file, floor.file, fakeEnv);
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
if (coldStartOnly) {
  const over = cold.filter((c) => !c.ok);
  for (const c of over)
    console.log(`BUDGET MISSED — cold start: ${c.fn} ${c.ratio}× its floor (budget ${BUDGET}×)`);
  rmSync(work, { recursive: true, force: true });
  process.exit(over.length ? 1 : 0);
}

console.log('starting the local stack for read latency and intake transitions…');
const stack = await startLocalStack({ dataDir: join(work, 'data'), port: 0, sweepEveryMs: 0, quiet: true });
let reads: Awaited<ReturnType<typeof measureReads>>;
let intake: Awaited<ReturnType<typeof measureIntake>>;
let intakeFloor: Awaited<ReturnType<typeof measureWriteFloor>>;
let page: Awaited<ReturnType<typeof measureChecklistPage>>;
let packageRun: Awaited<ReturnType<typeof measurePackageIntake>>;
let matrixRun: Awaited<ReturnType<typeof measureMatrixUpload>>;
let sweepBench: Awaited<ReturnType<typeof measureSweep>>;
let transitions: number[] = [];
try {
  const { mintToken } = await import('../infra/local/keys.ts');
  const token = await mintToken(stack.dataDir, { org: 'bench', user: 'bench', roles: ['bid-manager'] });
  const body = readFileSync(
    join(projectRoot, 'examples', 'uk-contracts-finder-2c40364c-tender-release-1.1.json'),
    'utf8',
  );
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
  console.log('importing a generated tender with 2,000 requirements, then the same document again…');
  intake = await measureIntake(stack, 'bench-intake');
  intakeFloor = await measureWriteFloor(stack, 'bench-intake', intake.tenderId);
  console.log('importing a generated 22 MB release package of 610 processes (presigned upload)…');
  packageRun = await measurePackageIntake(stack, 'bench-package');
  console.log(
    'uploading a 20,000-row compliance matrix (every Owner changed) through the matrix-import workflow…',
  );
  matrixRun = await measureMatrixUpload(stack, 'bench-matrix');
  console.log('reading its checklist 1,000 items a page…');
  page = await measureChecklistPage(stack, 'bench-intake', intake.tenderId);
  console.log(
    'alert sweep: seeding 1,000 and 100,000 scheduled reminders (100 due each) with batchWrite, then sweeping…',
  );
  sweepBench = await measureSweep(stack);
} finally {
  await stack.stop();
}

// The intake budget (issue #7: a 2,000-requirement tender ready in under 3 s) is checked on DynamoDB Local
// kept in memory: on disk, DynamoDB Local's own SQLite writes of the 2,000 items take longer than the
// whole budget (the floor measured above), which says nothing about our code or about DynamoDB itself.
console.log('the same 2,000-requirement intake on a second local stack with DynamoDB Local in memory…');
// its own process, so the first stack's heap and timers do not weigh on this timing
const memOut = execFileSync(
  process.execPath,
  ['--import', 'tsx', join(projectRoot, 'bench', 'intake-in-memory.ts')],
  {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  },
);
const memResult = JSON.parse(memOut.trim().split('\n').at(-1) ?? '{}') as {
  runs: Awaited<ReturnType<typeof measureIntake>>['runs'];
  floor: Awaited<ReturnType<typeof measureWriteFloor>>;
};
const memIntake = { runs: memResult.runs };
const memFloor = memResult.floor;

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
  row(
    `listChecklist handler (limit 1000: ${page.handlerItems} items) vs Query (${page.rawItems})`,
    page.handlerMs,
    page.rawMs,
    true,
  ),
];
console.table(readRows);
if (page.handlerItems < 1000 || page.rawItems < 1000)
  console.log(
    `  the checklist page stopped at DynamoDB's 1 MB per Query: ${page.handlerItems} items from the handler ` +
      `(${(page.responseBytes / 1024).toFixed(0)} KB response, next cursor: ${page.handlerMore}), ` +
      `${page.rawItems} from the raw Query (LastEvaluatedKey: ${page.rawMore})`,
  );
console.log(`state transitions per successful tender intake: ${transitions.join(', ')}`);

// Intake (DESIGN.md §8): "in seconds, with batch writes, not 2,000 sequential puts"; a re-import of
// the same document writes no item. `ok` checks the writes; the time budget is checked below.
const batchCalls = Math.ceil(intake.requirements / 25);
const intakeRows = intake.runs.map((r, i) => ({
  ...r,
  ok:
    i === 0
      ? r.added === intake.requirements && r.items === intake.requirements && r.writeCalls <= 2 * batchCalls
      : r.writeCalls === 0 && !r.added && !r.changed && !r.archived && r.items === intake.requirements,
}));
console.log(
  `intake of a generated OCDS release: ${intake.requirements} requirements, ` +
    `${(intake.documentBytes / 1024).toFixed(0)} KB (API limit 1 MB); first import: ` +
    `${batchCalls} BatchWriteItem calls of 25 would do (ok allows 2× for unprocessed-item retries)`,
);
console.table(intakeRows);
const INTAKE_BUDGET_SECONDS = 3;
const memFirst = memIntake.runs[0];
const intakeBudget = [
  {
    dynamodbLocal: 'on disk (as npm start)',
    importSeconds: intake.runs[0]?.seconds,
    writeFloorSeconds: intakeFloor.seconds,
    oursSeconds: +((intake.runs[0]?.seconds ?? 0) - intakeFloor.seconds).toFixed(2),
    items: intakeFloor.items,
    averageItemBytes: intakeFloor.averageItemBytes,
    ok: 'n/a (the write floor alone is the budget)',
  },
  {
    dynamodbLocal: 'in memory',
    importSeconds: memFirst?.seconds,
    writeFloorSeconds: memFloor.seconds,
    oursSeconds: +((memFirst?.seconds ?? 0) - memFloor.seconds).toFixed(2),
    items: memFloor.items,
    averageItemBytes: memFloor.averageItemBytes,
    ok:
      memFirst !== undefined &&
      memFirst.items === intake.requirements &&
      memFirst.seconds <= INTAKE_BUDGET_SECONDS,
  },
];
console.log(
  `intake budget: ${intake.requirements} requirements ready in ≤ ${INTAKE_BUDGET_SECONDS} s; the write floor is ` +
    `DynamoDB Local's time for the same items as raw BatchWriteItem calls (25 each, 4 in flight)`,
);
console.table(intakeBudget);

// Packages (issue #7 §5): 610 processes all ready within 60 s on this machine; the import answers within 1 s.
const PACKAGE_BUDGET_SECONDS = 60;
console.log('package intake (time from the 202 until GET /imports/{id} is no longer running):');
const packageOk =
  packageRun.status === 'succeeded' &&
  packageRun.seconds <= PACKAGE_BUDGET_SECONDS &&
  packageRun.importAnswerSeconds <= 1;
console.table([{ ...packageRun, ok: packageOk }]);

// Matrix uploads (issue #20 §2): 20,000 rows applied by the workflow within 180 s; the POST answers within 2 s.
const MATRIX_BUDGET_SECONDS = 180;
console.log(
  'compliance-matrix upload of 20,000 rows (from the 202 until GET …/imports/{id} is no longer running):',
);
const matrixOk =
  matrixRun.status === 'succeeded' &&
  matrixRun.applied === matrixRun.rows &&
  matrixRun.seconds <= MATRIX_BUDGET_SECONDS &&
  matrixRun.answerSeconds <= 2;
console.table([{ ...matrixRun, ok: matrixOk }]);

// Alerts (DESIGN.md §8): "the sweep reads only due reminders; its time stays flat whether 1,000 or
// 100,000 reminders are scheduled". Flat: median ms at the largest N ≤ 1.5 × median ms at 1,000 + 50 ms.
console.log('alert sweep: seeding of the not-yet-due reminders (timed; budget ~4 minutes per N)');
console.table(sweepBench.seeding);
console.log('alert sweep: every run (rep 0 is the warm-up, not counted; repetitions alternate between N)');
console.table(sweepBench.runs);
console.table(
  sweepBench.medians.map((m) => ({ ...m, ok: m === sweepBench.medians.at(-1) ? sweepBench.flat : '' })),
);
console.log(`alert sweep flat: ${sweepBench.flat} — ${sweepBench.flatRule}`);
const sweepReduced = sweepBench.seeding.find((s) => s.reduced);
for (const w of sweepBench.warnings) console.log(`!!!!! ALERT SWEEP: ${w.toUpperCase()} !!!!!`);

console.log('web app: initial JavaScript, and the 500-item workspace in headless Chromium…');
const web = await measureWeb();
console.table([
  {
    measure: 'initial JS (KB gzipped)',
    value: web.initialJs.gzipKb,
    budget: web.initialJs.budgetKb,
    ok: web.initialJs.ok,
  },
  {
    measure: '500-item workspace interactive (ms, median)',
    value: web.workspace500.medianMs,
    budget: web.workspace500.budgetMs,
    ok: web.workspace500.ok,
  },
]);
console.log(
  `  workspace runs ${web.workspace500.runsMs.join(', ')} ms; scroll ${JSON.stringify(web.workspace500.scroll)}`,
);

console.log('npm start: spawn → port answers, spawn → ready (median of 3 starts)…');
const startup = await measureStartup();
console.table(startup);

const result = {
  at: new Date().toISOString(),
  node: process.version,
  budget: BUDGET,
  cold,
  reads: readRows,
  intakeStateTransitions: transitions,
  checklistPage: { ...page, handlerMs: +page.handlerMs.toFixed(2), rawMs: +page.rawMs.toFixed(2) },
  intake: {
    requirements: intake.requirements,
    documentBytes: intake.documentBytes,
    tenderId: intake.tenderId,
    runs: intakeRows,
    budgetSeconds: INTAKE_BUDGET_SECONDS,
    budget: intakeBudget,
    inMemoryRuns: memIntake.runs,
  },
  packageIntake: { ...packageRun, budgetSeconds: PACKAGE_BUDGET_SECONDS },
  matrixUpload: { ...matrixRun, budgetSeconds: MATRIX_BUDGET_SECONDS },
  sweep: {
    /** median of the counted repetitions per N */
    results: sweepBench.medians,
    flat: sweepBench.flat,
    flatRule: sweepBench.flatRule,
    reducedTo: sweepReduced ? sweepReduced.scheduled : null,
    warnings: sweepBench.warnings,
    seeding: sweepBench.seeding,
    runs: sweepBench.runs,
  },
  web,
  startup,
};
writeFileSync(join(out, 'latest.json'), JSON.stringify(result, null, 2));
console.log(`written: ${join(out, 'latest.json')}`);
rmSync(work, { recursive: true, force: true });

// The exit code: non-zero only when a budget above is missed (an `ok: false`), each one named.
const missed = [
  ...cold.filter((c) => !c.ok).map((c) => `cold start: ${c.fn} ${c.ratio}× its floor (budget ${BUDGET}×)`),
  ...readRows.filter((r) => r.ok === false).map((r) => `read: ${r.read} ${r.ratio}× (budget ${BUDGET}×)`),
  ...intakeRows.flatMap((r, i) => (r.ok ? [] : [`intake run ${i}: writes or items not as budgeted`])),
  ...intakeBudget.flatMap((r) =>
    r.ok === false
      ? [`intake (${r.dynamodbLocal}): ${r.importSeconds} s (budget ${INTAKE_BUDGET_SECONDS} s)`]
      : [],
  ),
  ...(packageOk ? [] : [`package intake: ${packageRun.status} in ${packageRun.seconds} s`]),
  ...(matrixOk
    ? []
    : [
        `matrix upload: ${matrixRun.status}, ${matrixRun.applied} of ${matrixRun.rows} applied in ${matrixRun.seconds} s`,
      ]),
  ...(sweepBench.flat ? [] : [`alert sweep not flat: ${sweepBench.flatRule}`]),
  ...(web.initialJs.ok ? [] : [`web: initial JS ${web.initialJs.gzipKb} KB gzipped`]),
  ...(web.workspace500.ok ? [] : [`web: 500-item workspace ${web.workspace500.medianMs} ms`]),
];
for (const m of missed) console.log(`BUDGET MISSED — ${m}`);
console.log(missed.length ? `${missed.length} budget(s) missed` : 'every budget met');
process.exitCode = missed.length ? 1 : 0;
