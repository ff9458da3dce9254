import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { ensureWebBuild } from '../../infra/local/web-build.ts';

export interface ProvidedWebStack {
  url: string;
  dataDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    webStack: ProvidedWebStack;
  }
}

/** Build web/ once, then `npm start` as a user runs it, on a free port with its own data folder. */
export default async function setup(project: TestProject) {
  await ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-web-'));
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: { ...process.env, TENDERFLOW_DATA: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 180_000;
  while (!output.includes('running at')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('webStack', { url: `http://127.0.0.1:${port}`, dataDir });
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
