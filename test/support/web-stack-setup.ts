import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/ports.ts';
import { ensureWebBuild } from '../../infra/local/web-build.ts';
import { startNpm } from './npm-start.ts';
import { timeouts } from './timeouts.ts';

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
  const { child } = await startNpm({ dataDir, port, timeoutMs: timeouts.e2e.start });
  project.provide('webStack', { url: `http://127.0.0.1:${port}`, dataDir });
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
