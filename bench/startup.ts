import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../infra/local/ports.ts';
import { projectRoot } from '../infra/local/stack.ts';
import { ensureWebBuild } from '../infra/local/web-build.ts';

/** Budgets of `npm start` on a quiet machine (issue #18): the port answers within 1 s, ready within 5 s. */
export const STARTUP_BUDGETS_MS = { port: 1_000, ready: 5_000 };

export interface StartupRow {
  measure: string;
  /** median of the runs, ms */
  ms: number;
  runsMs: string;
  budgetMs: number;
  ok: boolean;
  /** the 1-minute load average before the runs: the budgets are for a quiet machine */
  load1: number;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** One `npm start` as a user runs it: ms from the spawn to the open port, and to `/health` answering 200. */
async function startOnce(dataDir: string, timeoutMs: number): Promise<{ portMs: number; readyMs: number }> {
  const port = await freePort();
  let output = '';
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: { ...process.env, TENDERFLOW_DATA: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = started + timeoutMs;
  const check = () => {
    if (child.exitCode !== null || performance.now() > deadline)
      throw new Error(`npm start did not come up within ${timeoutMs} ms:\n${output}`);
  };
  try {
    while (!(await portOpen(port))) {
      check();
      await new Promise((r) => setTimeout(r, 5));
    }
    const portMs = performance.now() - started;
    for (;;) {
      check();
      const status = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(10_000) })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { portMs, readyMs: performance.now() - started };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

/**
 * `npm start` from spawn to an open port and to ready (GET /health 200), the median of `runs` starts in
 * one temporary TENDERFLOW_DATA (the first start creates its keys and table), after the web app is built.
 */
export async function measureStartup(
  opts: { runs?: number; timeoutMs?: number } = {},
): Promise<StartupRow[]> {
  await ensureWebBuild();
  const load1 = +(loadavg()[0] ?? 0).toFixed(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-bench-startup-'));
  const runs: { portMs: number; readyMs: number }[] = [];
  try {
    for (let i = 0; i < (opts.runs ?? 3); i++) runs.push(await startOnce(dataDir, opts.timeoutMs ?? 120_000));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const row = (measure: string, times: number[], budgetMs: number): StartupRow => ({
    measure,
    ms: Math.round(median(times)),
    runsMs: times.map((t) => Math.round(t)).join(', '),
    budgetMs,
    ok: median(times) <= budgetMs,
    load1,
  });
  return [
    row(
      'npm start → port answers',
      runs.map((r) => r.portMs),
      STARTUP_BUDGETS_MS.port,
    ),
    row(
      'npm start → ready (/health 200)',
      runs.map((r) => r.readyMs),
      STARTUP_BUDGETS_MS.ready,
    ),
  ];
}
