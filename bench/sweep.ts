import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SweepResult } from '../functions/flows/sweep.ts';
import type { StoredDeadline } from '../functions/store/deadlines.ts';
import { reminderItem } from '../functions/store/reminders.ts';
import { type LocalStack, startLocalStack } from '../infra/local/stack.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;
/** Due reminders per measurement: 20 deadlines × 5 reminders each, all due in the swept hour. */
const DUE = 100;
const DUE_DEADLINES = 20;
const DUE_OFFSETS = ['PT4H50M', 'PT4H40M', 'PT4H30M', 'PT4H20M', 'PT4H10M'];
/** The not-yet-due reminders are spread over the hour buckets of the next 60 days. */
const HORIZON_DAYS = 60;
/** Each N gets its own hour range, this far after the previous one (past the 60 days of its non-due rows); the first starts this far from now. */
const WINDOW_SPACING_DAYS = 61;
/** The plan the non-due rows follow: the default plan for a critical deadline (6 reminders each). */
const BACKGROUND_OFFSETS: [string, number][] = [
  ['P14D', 14 * DAY],
  ['P7D', 7 * DAY],
  ['P3D', 3 * DAY],
  ['P1D', DAY],
  ['PT4H', 4 * HOUR],
  ['PT0S', 0],
];
const DEADLINES_PER_TENDER = 10;
/** Concurrent batchWrite calls while seeding (each keeps 4 BatchWriteItem calls in flight). */
const SEED_WRITERS = 4;
/** The flatness rule: the median sweep at the largest N within 1.5× the one at 1,000 (+ this much). */
export const FLAT_RATIO = 1.5;
export const FLAT_SLACK_MS = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const iso = (ms: number) => new Date(ms).toISOString();

const deadline = (tenderId: string, deadlineId: string, dueAt: string, at: string): StoredDeadline => ({
  deadlineId,
  tenderId,
  kind: 'submission',
  title: `Submission deadline ${deadlineId}`,
  dueAt,
  allDay: false,
  timeZone: 'Europe/Oslo',
  source: { type: 'tender', ref: 'periods.tender.end' },
  risk: 'critical',
  status: 'open',
  owners: ['bench-owner'],
  lotId: null,
  sequence: 0,
  updatedAt: at,
});

const recipients = { roles: ['bid-manager' as const], owners: ['bench-owner'] };

export interface SweepRun {
  scheduled: number;
  /** 0 is the warm-up run, not counted in the medians */
  rep: number;
  counted: boolean;
  due: number;
  ms: number;
  buckets: number;
  claimed: number;
  alerts: number;
  sent: number;
  failed: number;
  missed: number;
  /** DynamoDB calls the sweep made (all sequential) */
  dynamoCalls: number;
}

export interface SweepSeeding {
  requested: number;
  scheduled: number;
  /** rows written with batchWrite for the non-due reminders (N − 100) */
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  writeCalls: number;
  /** true when seeding N was projected over the budget and a smaller N was used instead */
  reduced: boolean;
}

export interface SweepMeasurement {
  runs: SweepRun[];
  /** per N: the median over the counted repetitions */
  medians: { scheduled: number; due: number; ms: number; buckets: number; alerts: number }[];
  seeding: SweepSeeding[];
  flat: boolean;
  flatRule: string;
  warnings: string[];
}

export interface SweepOptions {
  sizes?: number[];
  reps?: number;
  /** seeding budget per N; past it the largest N falls back to `fallback` (default 4 minutes → 50,000) */
  seedBudgetMs?: number;
  fallback?: number;
  log?: (line: string) => void;
}

/**
 * The alerts budget of DESIGN.md §8: "the sweep reads only due reminders; its time stays flat whether
 * 1,000 or 100,000 reminders are scheduled". For each N, in its own organisation and its own hour range
 * of one local stack: N − 100 pending reminders over the next 60 days' hour buckets (batchWrite, rows
 * shaped as `replaceReminders` writes them) plus 100 due within the swept hour across 20 open deadlines
 * (5 each, so the sweep folds them into 20 alerts). The sweep's checkpoint is global: it is set to the
 * hour before the swept one before every run, so each run reads the same 2 buckets. Each repetition
 * gets 100 fresh due reminders and 20 fresh deadlines (the previous run sent its own out of the index);
 * one warm-up repetition per N is not counted, and the repetitions alternate between the sizes.
 * Seeding is timed; when the largest N is projected over `seedBudgetMs` it stops at `fallback` and says so.
 *
 * One stack for every N, not a fresh one each: the handlers' SDK clients (functions/lib/clients) are
 * created once per process with the first stack's endpoints, so a second stack in the same process
 * would not be reached. Separate organisations and hour ranges keep the measurements apart.
 */
export async function measureSweep(stack: LocalStack, opts: SweepOptions = {}): Promise<SweepMeasurement> {
  const sizes = opts.sizes ?? [1_000, 100_000];
  const reps = opts.reps ?? 3;
  const seedBudgetMs = opts.seedBudgetMs ?? 4 * 60_000;
  const fallback = opts.fallback ?? 50_000;
  const say = opts.log ?? ((line: string) => console.log(line));
  Object.assign(process.env, stack.env);
  const { sweep } = await import('../functions/flows/sweep.ts');
  const { writeCheckpoint } = await import('../functions/store/reminders.ts');
  const { putDeadlines } = await import('../functions/store/deadlines.ts');
  const { batchWrite } = await import('../functions/store/batch.ts');
  const { dynamo } = await import('../functions/lib/clients/dynamodb.ts');
  // Count the DynamoDB calls the sweep itself makes (the counter is read around the sweep only).
  let dynamoCalls = 0;
  const COUNTER = 'benchSweepCallCounter';
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      dynamoCalls++;
      return next(args);
    },
    { step: 'initialize', name: COUNTER },
  );
  const table = stack.env.TABLE_NAME as string;
  const topicArn = stack.env.ALERT_TOPIC_ARN as string;
  const runId = Date.now().toString(36);

  const runs: SweepRun[] = [];
  const seeding: SweepSeeding[] = [];
  const warnings: string[] = [];
  const baseHour = Math.floor(Date.now() / HOUR) * HOUR;

  const windows: { org: string; hourStart: number; now: string; scheduled: number; seededAt: string }[] = [];
  for (const [index, requested] of sizes.entries()) {
    const org = `bench-sweep-${runId}-${index}`;
    // Not the present hour: an intake catches a tender's past reminders up to `now` (catchUp in
    // functions/flows/schedule.ts), so the other benches leave due reminders in the current bucket.
    const hourStart = baseHour + (index + 1) * WINDOW_SPACING_DAYS * DAY;
    const now = iso(hourStart + 55 * MINUTE);
    const seededAt = iso(Date.now());

    // The non-due reminders: critical deadlines (6 reminders each) due 14 days + 1 hour to 60 days
    // ahead, so every one of their reminders lands in an hour bucket after the swept one.
    const backgroundItem = (i: number) => {
      const d = Math.floor(i / BACKGROUND_OFFSETS.length);
      const [offset, before] = BACKGROUND_OFFSETS[i % BACKGROUND_OFFSETS.length] as [string, number];
      const spanMinutes = (HORIZON_DAYS - 14) * 24 * 60 - 60;
      const dueMs = hourStart + 14 * DAY + HOUR + ((d * 7919) % spanMinutes) * MINUTE;
      const tenderId = `t${Math.floor(d / DEADLINES_PER_TENDER)}`;
      const dl = deadline(tenderId, `bg-${d}`, iso(dueMs), seededAt);
      const sendAt = iso(dueMs - before);
      return reminderItem(
        org,
        tenderId,
        {
          reminderId: `${dl.deadlineId}#${dl.dueAt}#${offset}`,
          deadlineId: dl.deadlineId,
          sendAt,
          kind: before === 0 ? 'due' : 'before',
          offset,
          recipients,
        },
        dl,
      );
    };

    // Seed in slices so the time can be checked: past the budget's projection at the fallback size, stop there.
    let target = requested;
    let written = 0;
    let writeCalls = 0;
    let reduced = false;
    const started = performance.now();
    const SLICE = 10_000;
    while (written < target - DUE) {
      const checkpoint =
        written < fallback - DUE && target > fallback ? fallback - DUE : Number.POSITIVE_INFINITY;
      const upto = Math.min(target - DUE, written + SLICE, checkpoint);
      const requests: { PutRequest: { Item: ReturnType<typeof reminderItem> } }[] = [];
      for (let i = written; i < upto; i++) requests.push({ PutRequest: { Item: backgroundItem(i) } });
      // batchWrite keeps 4 calls in flight; DynamoDB Local (disk-bound) takes ~16 before it stops gaining.
      const part = Math.ceil(requests.length / SEED_WRITERS);
      const calls = await Promise.all(
        Array.from({ length: SEED_WRITERS }, (_, k) =>
          batchWrite(table, requests.slice(k * part, (k + 1) * part)),
        ),
      );
      writeCalls += calls.reduce((a, b) => a + b, 0);
      written = upto;
      const elapsed = performance.now() - started;
      if (target > fallback && written >= fallback - DUE) {
        const projected = (elapsed / written) * (target - DUE);
        if (projected > seedBudgetMs) {
          reduced = true;
          target = fallback;
          const warning =
            `seeding ${requested.toLocaleString('en')} reminders was projected at ${(projected / 1000).toFixed(0)} s ` +
            `(over the ${(seedBudgetMs / 1000).toFixed(0)} s budget): measuring ${fallback.toLocaleString('en')} instead`;
          warnings.push(warning);
          say(`\n!!!!! ${warning.toUpperCase()} !!!!!\n`);
          break;
        }
      }
      if (requested >= 10 * SLICE)
        say(`  seeded ${written.toLocaleString('en')} / ${(target - DUE).toLocaleString('en')} rows…`);
    }
    const seconds = (performance.now() - started) / 1000;
    seeding.push({
      requested,
      scheduled: target,
      rows: written,
      seconds: +seconds.toFixed(1),
      rowsPerSecond: Math.round(written / seconds),
      writeCalls,
      reduced,
    });
    say(
      `  N=${target.toLocaleString('en')}: seeded ${written.toLocaleString('en')} non-due reminders ` +
        `in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} rows/s, ${writeCalls} BatchWriteItem calls)`,
    );
    windows.push({ org, hourStart, now, scheduled: target, seededAt });
  }

  // Repetition 0 warms up (the sweep's code paths, connections, DynamoDB Local's JIT) and is not counted.
  // The repetitions alternate between the sizes, so every N sees the same machine: DynamoDB Local is
  // disk-bound, and whatever else runs on the machine moves a single sweep by seconds.
  const sweepOnce = async (w: (typeof windows)[number], rep: number) => {
    // 20 fresh open deadlines due ~5 h after the swept hour starts; 5 reminders each due in that hour.
    const dueAt = iso(w.hourStart + 5 * HOUR);
    const deadlines = Array.from({ length: DUE_DEADLINES }, (_, j) =>
      deadline(`due-t${Math.floor(j / 5)}`, `due-r${rep}-d${j}`, dueAt, w.seededAt),
    );
    await putDeadlines(table, w.org, deadlines);
    const dueRows = deadlines.flatMap((dl) =>
      DUE_OFFSETS.map((offset, k) =>
        reminderItem(
          w.org,
          dl.tenderId as string,
          {
            reminderId: `${dl.deadlineId}#${dl.dueAt}#${offset}`,
            deadlineId: dl.deadlineId,
            sendAt: iso(w.hourStart + (10 + 10 * k) * MINUTE),
            kind: 'before',
            offset,
            recipients,
          },
          dl,
        ),
      ),
    );
    await batchWrite(
      table,
      dueRows.map((Item) => ({ PutRequest: { Item } })),
    );
    await writeCheckpoint(table, iso(w.hourStart - HOUR));

    const callsBefore = dynamoCalls;
    const t0 = performance.now();
    const r: SweepResult = await sweep(table, w.now, { topicArn, now: () => w.now });
    const ms = performance.now() - t0;
    const calls = dynamoCalls - callsBefore;
    runs.push({
      scheduled: w.scheduled,
      rep,
      counted: rep > 0,
      due: r.due,
      ms: +ms.toFixed(1),
      buckets: r.buckets,
      claimed: r.claimed,
      alerts: r.alerts,
      sent: r.sent,
      failed: r.failed,
      missed: r.missed,
      dynamoCalls: calls,
    });
    if (r.due !== DUE || r.claimed !== DUE || r.alerts !== DUE_DEADLINES || r.sent !== DUE_DEADLINES)
      warnings.push(
        `N=${w.scheduled} rep ${rep}: expected ${DUE} due/claimed and ${DUE_DEADLINES} alerts sent, got ` +
          `due ${r.due}, claimed ${r.claimed}, alerts ${r.alerts}, sent ${r.sent}`,
      );
  };
  for (let rep = 0; rep <= reps; rep++) for (const w of windows) await sweepOnce(w, rep);

  dynamo().middlewareStack.remove(COUNTER);

  const medians = [...new Set(runs.map((r) => r.scheduled))].map((scheduled) => {
    const of = runs.filter((r) => r.scheduled === scheduled && r.counted);
    return {
      scheduled,
      due: median(of.map((r) => r.due)),
      ms: +median(of.map((r) => r.ms)).toFixed(1),
      buckets: median(of.map((r) => r.buckets)),
      alerts: median(of.map((r) => r.alerts)),
    };
  });
  const small = medians[0];
  const large = medians.at(-1);
  const flat = !!small && !!large && large.ms <= FLAT_RATIO * small.ms + FLAT_SLACK_MS;
  const flatRule =
    `median ms at ${large?.scheduled.toLocaleString('en')} ≤ ${FLAT_RATIO} × median ms at ` +
    `${small?.scheduled.toLocaleString('en')} + ${FLAT_SLACK_MS} ms absolute slack (for when both are ` +
    'small numbers, so a few ms of noise cannot decide); medians of the counted repetitions';
  return { runs, medians, seeding, flat, flatRule, warnings };
}

/** `node --import tsx bench/sweep.ts [N…]`: the sweep bench alone, in a stack of its own. */
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const work = mkdtempSync(join(tmpdir(), 'tenderflow-bench-sweep-'));
  const stack = await startLocalStack({ dataDir: join(work, 'data'), port: 0, sweepEveryMs: 0, quiet: true });
  try {
    const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);
    const m = await measureSweep(stack, sizes.length ? { sizes } : {});
    console.table(m.runs);
    console.table(m.medians);
    console.log(`flat: ${m.flat} (${m.flatRule})`);
    for (const w of m.warnings) console.log(`WARNING: ${w}`);
  } finally {
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
