import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirFrom, defaultDataDir, withDataDir } from '../../infra/local/data-dir.mjs';
import { ensureKeys } from '../../infra/local/keys.ts';
import { projectRoot } from '../../infra/local/stack.ts';

/** The `tenderflow` command as `npx tenderflow` runs it (its bin, cli/bin.mjs), with `env` on top of ours. */
function tenderflow(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(projectRoot, 'cli', 'bin.mjs'), ...args],
      { cwd: projectRoot, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'tenderflow-cli-'));
const withKeys = join(work, 'with-keys');
const missing = join(work, 'never-started');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A user's mistake is one sentence on stderr: no stack frame, no Node error dump. */
const oneSentence = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at |node:internal|Error:|ERR_/m);
};

describe('tenderflow --help', () => {
  it('lists every command', async () => {
    const { code, stdout } = await tenderflow(['--help']);
    expect(code).toBe(0);
    for (const command of ['token', 'import', 'sweep', 'executions']) expect(stdout).toContain(command);
    expect(stdout).toContain('TENDERFLOW_DATA');
  });

  it.each([
    ['token', ['--org', '--user', '--role', '--ttl', 'bid-manager']],
    ['import', ['FILE', '--org', '--user', '--ocid', '--time-zone']],
    ['sweep', ['--at']],
    ['executions', []],
  ])('`%s --help` describes the command and its options', async (command, options) => {
    const { code, stdout, stderr } = await tenderflow([command, '--help']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`tenderflow ${command}`);
    for (const option of options) expect(stdout).toContain(option);
  });

  it('answers through npx too', async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile(
        'npx',
        ['tenderflow', 'token', '--help'],
        { cwd: projectRoot, timeout: 120_000 },
        (e, stdout) => (e ? reject(e) : resolve({ stdout })),
      ),
    );
    expect(stdout).toContain('--role');
  });
});

describe('tenderflow, given a mistake', () => {
  it.each([
    [['token', '--org', 'acme', '--user', 'alice', '--role', 'viewer', '--bogus'], /unknown option --bogus/],
    [['import', 'x.json', '--org', 'acme', '--frobnicate', '1'], /unknown option --frobnicate/],
    [['sweep', '--when', 'now'], /unknown option --when/],
    [['executions', '--all'], /unknown option --all/],
    [['token', '--org'], /--org needs a value/],
    [['token', '--org', 'acme'], /needs --user, --role/],
    [
      ['token', '--org', 'acme', '--user', 'alice', '--role', 'boss'],
      /unknown role boss; the roles are admin/,
    ],
    [['token', '--org', 'acme', '--user', 'alice', '--role', 'viewer', '--ttl', 'soon'], /--ttl must be/],
    [['import', '--org', 'acme'], /import needs a FILE/],
    [['sweep', '--at', 'yesterday'], /--at must be an ISO-8601 instant/],
    [['deploy'], /no command "deploy"/],
  ])('%j: one sentence and exit 2', async (args, message) => {
    const { code, stdout, stderr } = await tenderflow(args, { TENDERFLOW_DATA: withKeys });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    oneSentence(stderr);
  });
});

describe('tenderflow and the data folder', () => {
  it('reads the same default folder as npm start, and prints pasteable commands for another one', () => {
    expect(dataDirFrom({})).toBe(join(projectRoot, '.tenderflow'));
    expect(defaultDataDir).toBe(join(projectRoot, '.tenderflow'));
    expect(dataDirFrom({ TENDERFLOW_DATA: withKeys })).toBe(withKeys);
    expect(withDataDir(defaultDataDir, 'npx tenderflow token')).toBe('npx tenderflow token');
    expect(withDataDir(withKeys, 'npx tenderflow token')).toBe(
      `TENDERFLOW_DATA=${withKeys} npx tenderflow token`,
    );
    expect(withDataDir('/tmp/my data', 'npx tenderflow token')).toBe(
      "TENDERFLOW_DATA='/tmp/my data' npx tenderflow token",
    );
  });

  it('mints a token with the keys in TENDERFLOW_DATA', async () => {
    await ensureKeys(withKeys);
    const { code, stdout } = await tenderflow(
      ['token', '--org', 'acme', '--user', 'alice', '--role', 'viewer'],
      {
        TENDERFLOW_DATA: withKeys,
      },
    );
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it.each([
    [['token', '--org', 'acme', '--user', 'alice', '--role', 'viewer'], 'no signing key in'],
    [
      ['import', join(projectRoot, 'examples', 'standard-1.1.5-docs-examples-tender.json'), '--org', 'acme'],
      'no signing key in',
    ],
    [['executions'], 'the local stack is not running for'],
    [['sweep'], 'the local stack is not running for'],
  ])(
    '%j with a data folder that was never started: says where it looked and how to point elsewhere',
    async (args, what) => {
      const { code, stderr } = await tenderflow(args, { TENDERFLOW_DATA: missing });
      expect(code).toBe(2);
      expect(stderr).toContain(what);
      expect(stderr).toContain(missing);
      expect(stderr).toContain('npm start');
      expect(stderr).toMatch(/TENDERFLOW_DATA=\S+ npx tenderflow/);
      oneSentence(stderr);
    },
  );
});
