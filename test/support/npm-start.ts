import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';

const run = promisify(execFile);

/** `npm start` as a subprocess in a fresh data folder, for an e2e test: its base URL, tokens from the CLI, stop. */
export async function npmStart(): Promise<{
  baseUrl: string;
  token: (org: string, role: string, user?: string) => Promise<string>;
  stop: () => void;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-e2e-'));
  const env = { ...process.env, TENDERFLOW_DATA: dataDir };
  const port = await freePort();
  let output = '';
  const stack: ChildProcess = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  stack.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const deadline = Date.now() + 120_000;
  while (!/running at (http:\/\/\S+)/.test(output)) {
    if (stack.exitCode !== null || Date.now() > deadline)
      throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl: /running at (http:\/\/\S+)/.exec(output)?.[1] ?? '',
    token: async (org, role, user = 'alice') =>
      (
        await run('npx', ['tenderflow', 'token', '--org', org, '--user', user, '--role', role], {
          cwd: projectRoot,
          env,
        })
      ).stdout.trim(),
    stop: () => {
      if (stack.exitCode === null) stack.kill('SIGTERM');
      stack.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    },
  };
}
