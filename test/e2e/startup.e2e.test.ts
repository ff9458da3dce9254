import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-startup-'));
let stack: ChildProcess | undefined;
afterAll(() => {
  if (stack && stack.exitCode === null) stack.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Liveness bounds, not speed budgets (those are measured by `npm run bench`, bench/startup.ts): generous
 * enough for a loaded CI machine, tight enough to fail when the port waits for the whole stack to load.
 */
const PORT_OPENS_WITHIN_MS = 5_000;
/** Bound on any one answer: a request that hangs (the bug) fails here rather than after ten minutes. */
const ANSWER_WITHIN_MS = 10_000;
const READY_WITHIN_MS = 120_000;

interface Answer {
  at: number;
  method: string;
  path: string;
  status: number;
  retryAfter: string | null;
  type: string | null;
  body: string;
}

const probes = [
  ['GET', '/health'],
  ['GET', '/tenders'],
  ['POST', '/tenders/import'],
] as const;

describe('npm start while it is still starting', () => {
  it('opens its port at once and answers every request from then on: 503 + Retry-After until ready, never refused, never a hang', async () => {
    const port = await freePort();
    let output = '';
    const spawned = Date.now();
    stack = spawn('npm', ['start'], {
      cwd: projectRoot,
      env: { ...process.env, TENDERFLOW_DATA: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stack.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    stack.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const base = `http://127.0.0.1:${port}`;

    // From the first millisecond: requests in a tight loop. Before the port is open a refused connection
    // is expected (and retried at once); after the first answer, any failure to answer fails the test.
    const answers: Answer[] = [];
    const failures: string[] = [];
    let firstAnswerAt: number | undefined;
    const ask = async (method: string, path: string): Promise<void> => {
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        const at = Date.now() - spawned;
        firstAnswerAt ??= at;
        answers.push({
          at,
          method,
          path,
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          type: res.headers.get('content-type'),
          body: await res.text(),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
        if (firstAnswerAt !== undefined || cause !== 'ECONNREFUSED')
          failures.push(`${method} ${path} at ${Date.now() - spawned} ms: ${cause}`);
      }
    };
    const ready = () => answers.some((a) => a.path === '/health' && a.status === 200);
    while (!ready() && failures.length === 0) {
      if (stack.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      if (Date.now() - spawned > READY_WITHIN_MS) throw new Error(`never ready:\n${output}`);
      if (firstAnswerAt === undefined && Date.now() - spawned > PORT_OPENS_WITHIN_MS)
        throw new Error(`the port did not answer within ${PORT_OPENS_WITHIN_MS} ms:\n${output}`);
      if (firstAnswerAt === undefined) {
        await ask('GET', '/health');
        if (firstAnswerAt === undefined) await new Promise((r) => setTimeout(r, 2));
      } else {
        await Promise.all(probes.map(([method, path]) => ask(method, path)));
        await new Promise((r) => setTimeout(r, 10)); // every answer closes its connection: spare the CPU
      }
    }

    expect(failures).toEqual([]);
    expect(firstAnswerAt).toBeLessThanOrEqual(PORT_OPENS_WITHIN_MS);
    // every answer until the stack serves is a 503 with Retry-After: /health its own "starting" shape,
    // the rest a problem; then the real answers (the loop ends at the first /health 200)
    const servedAt = Math.min(...answers.filter((a) => a.status !== 503).map((a) => a.at));
    const before = answers.filter((a) => a.at < servedAt);
    expect(before.length).toBeGreaterThan(0); // the window was really exercised
    expect(before.filter((a) => a.status !== 503)).toEqual([]);
    const starting = answers.filter((a) => a.status === 503);
    for (const a of starting) expect(Number(a.retryAfter), `${a.method} ${a.path}`).toBeGreaterThan(0);
    for (const a of starting.filter((x) => x.path === '/health'))
      expect(JSON.parse(a.body)).toEqual({ status: 'starting' });
    const problem = starting.find((a) => a.path !== '/health');
    if (problem) {
      expect(problem.type).toBe('application/problem+json');
      expect(JSON.parse(problem.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
    // nothing but 503 (while starting) and the real answers: never another 5xx
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);

    // then it serves: the real health, and the real gateway (no token: 401)
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(
      await fetch(`${base}/tenders`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) }).then((r) => r.status),
    ).toBe(401);

    // The commands it prints work pasted into a new shell, which knows nothing of this TENDERFLOW_DATA.
    const deadline = Date.now() + ANSWER_WITHIN_MS;
    while (!/^\s*import:/m.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const printed = (label: string) => new RegExp(`^\\s*${label}:\\s+(.+)$`, 'm').exec(output)?.[1] ?? '';
    const tokenCommand = printed('a token');
    expect(tokenCommand).toMatch(/^TENDERFLOW_DATA=\S+ npx tenderflow token /);
    const { TENDERFLOW_DATA: _, ...newShell } = process.env;
    const token = (await run('sh', ['-c', tokenCommand], { cwd: projectRoot, env: newShell })).stdout.trim();
    const tenders = await fetch(`${base}/tenders`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    expect(tenders.status).toBe(200);
    const imported = await run('sh', ['-c', printed('import')], { cwd: projectRoot, env: newShell });
    expect(imported.stdout).toMatch(/^2\d\d /);

    stack.kill('SIGTERM');
    await new Promise((resolve) => stack?.once('exit', resolve));
  });
});
