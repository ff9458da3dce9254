import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { timeouts } from './timeouts.ts';

const run = promisify(execFile);

export interface StartedNpm {
  child: ChildProcess;
  /** the URL `npm start` printed */
  baseUrl: string;
  /** everything it has printed so far (stdout and stderr) */
  output: () => string;
}

/** `npm start` exactly as a user runs it, on `port` with its data in `dataDir`: resolves once it prints its URL. */
export async function startNpm(opts: {
  dataDir: string;
  port: number;
  timeoutMs?: number;
}): Promise<StartedNpm> {
  let output = '';
  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    env: { ...process.env, TENDERFLOW_DATA: opts.dataDir, PORT: String(opts.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (d: Buffer) => {
    output += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + (opts.timeoutMs ?? timeouts.e2e.start);
  const printed = () => /running at (http:\/\/\S+)/.exec(output)?.[1];
  while (!printed()) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, baseUrl: printed() ?? '', output: () => output };
}

/** A token as a user of the local stack gets one: `npx tenderflow token` against that stack's data folder. */
export const cliToken = async (dataDir: string, org: string, role: string, user = 'alice') =>
  (
    await run('npx', ['tenderflow', 'token', '--org', org, '--user', user, '--role', role], {
      cwd: projectRoot,
      env: { ...process.env, TENDERFLOW_DATA: dataDir },
    })
  ).stdout.trim();

/** `npm start` as a subprocess in a fresh data folder, for an e2e test: its base URL, tokens from the CLI, stop. */
export async function npmStart(): Promise<{
  baseUrl: string;
  token: (org: string, role: string, user?: string) => Promise<string>;
  stop: () => void;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-e2e-'));
  const { child, baseUrl } = await startNpm({ dataDir, port: await freePort() });
  return {
    baseUrl,
    token: (org, role, user) => cliToken(dataDir, org, role, user),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    },
  };
}
