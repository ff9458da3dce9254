import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-startup-'));
let stack: ChildProcess | undefined;
afterAll(() => {
  if (stack && stack.exitCode === null) stack.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Bound on any one answer: a request that hangs (the bug) fails here rather than after ten minutes. */
const ANSWER_WITHIN_MS = 10_000;

describe('npm start while it is still starting', () => {
  it('answers every request at once (503 + Retry-After until ready, /health "starting"), then serves', async () => {
    const port = await freePort();
    let output = '';
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
    const deadline = Date.now() + 120_000;
    while (!(await portOpen(port))) {
      if (stack.exitCode !== null || Date.now() > deadline) throw new Error(`no API port:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }

    const during: { path: string; status: number; retryAfter: string | null; body: string }[] = [];
    while (!output.includes('running at')) {
      if (stack.exitCode !== null || Date.now() > deadline) throw new Error(`never ready:\n${output}`);
      const answers = await Promise.all(
        [
          ['GET', '/health'],
          ['GET', '/tenders'],
          ['POST', '/tenders/import'],
        ].map(async ([method, path]) => {
          const res = await fetch(`${base}${path}`, {
            method,
            ...(method === 'POST' ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
            signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
          });
          return {
            path: String(path),
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: await res.text(),
          };
        }),
      );
      during.push(...answers.filter((a) => a.status === 503));
    }

    // the window was really exercised, and each early request got a quick, explicit answer
    expect(during.length).toBeGreaterThan(0);
    for (const a of during) expect(Number(a.retryAfter)).toBeGreaterThan(0);
    expect(during.filter((a) => a.path === '/health').map((a) => JSON.parse(a.body))).toContainEqual({
      status: 'starting',
    });
    const problem = during.find((a) => a.path !== '/health');
    expect(problem && JSON.parse(problem.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });

    const ready = await fetch(`${base}/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    expect(ready.status).toBe(200);
    expect(await fetch(`${base}/tenders`).then((r) => r.status)).toBe(401);
    stack.kill('SIGTERM');
    await new Promise((resolve) => stack?.once('exit', resolve));
  });
});
