import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { readExampleText } from '../support/fixtures.ts';
import { cliToken, type StartedNpm, startNpm } from '../support/npm-start.ts';
import { releasePackage } from '../support/package.ts';
import { timeouts } from '../support/timeouts.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-e2e-'));
const env = { ...process.env, TENDERFLOW_DATA: dataDir };
let stack: StartedNpm['child'];
let baseUrl = '';
let output = () => '';

const portOpen = (url: string) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const token = (org: string, role: string) => cliToken(dataDir, org, role);

let port = 0;
let importedTenderId = '';

/** `npm start` as a subprocess (the same data folder and port every time); resolves with the base URL it prints. */
async function startStack(): Promise<string> {
  const started = await startNpm({ dataDir, port });
  stack = started.child;
  output = started.output;
  return started.baseUrl;
}

beforeAll(async () => {
  port = await freePort();
  baseUrl = await startStack();
});

afterAll(() => {
  if (stack.exitCode === null) stack.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, driven over HTTP as a client would', () => {
  it('token → import a real OCDS example → poll until ready → read it back → another org gets 404', async () => {
    expect(output()).toContain('npx tenderflow token');
    const bidManager = await token('acme', 'bid-manager');
    const imported = await fetch(`${baseUrl}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bidManager}`, 'content-type': 'application/json' },
      body: readExampleText('uk-contracts-finder-2c40364c-tender-release-1.1.json'),
    });
    expect(imported.status).toBe(202);
    const { tenderId } = (await imported.json()) as { tenderId: string };
    importedTenderId = tenderId;
    expect(imported.headers.get('location')).toBe(`/tenders/${tenderId}`);

    let tender: Record<string, unknown> = {};
    const deadline = Date.now() + timeouts.poll.workflow;
    while (tender.status !== 'ready') {
      if (Date.now() > deadline) throw new Error(`tender never became ready: ${JSON.stringify(tender)}`);
      const res = await fetch(`${baseUrl}/tenders/${tenderId}`, {
        headers: { authorization: `Bearer ${bidManager}` },
      });
      tender = (await res.json()) as Record<string, unknown>;
      if (tender.status === 'intake-failed')
        throw new Error(`intake failed: ${JSON.stringify(tender.intakeError)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(tender).toMatchObject({
      ocid: 'ocds-b5fd17-2c40364c-adc8-11e6-9901-0019b9f3037b',
      value: { amount: 5826279, currency: 'GBP' },
      timeZone: 'Europe/London',
      periods: { tender: { start: '2014-12-17T16:44:58.000Z', end: '2018-06-30T00:00:00.000Z' } },
    });

    const list = await fetch(`${baseUrl}/tenders`, {
      headers: { authorization: `Bearer ${await token('acme', 'viewer')}` },
    });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((t) => t.id)).toContain(tenderId);

    // The UK notice's deadlines (2014–2018) had passed long before it was imported: they are `passed`, and
    // the sweep, run on demand as of now, sends no "missed N years ago" alert for them.
    const deadlines = await fetch(`${baseUrl}/tenders/${tenderId}/deadlines`, {
      headers: { authorization: `Bearer ${bidManager}` },
    });
    const statuses = ((await deadlines.json()) as { items: { status: string }[] }).items.map((d) => d.status);
    expect(statuses).toContain('passed');
    expect(statuses).not.toContain('missed');
    const swept = JSON.parse(
      (
        await run('npx', ['tenderflow', 'sweep', '--at', new Date(Date.now() + 60_000).toISOString()], {
          cwd: projectRoot,
          env,
        })
      ).stdout
        .trim()
        .split('\n')
        .at(-1) ?? '{}',
    ) as { alerts: number; missed: number };
    expect(swept).toMatchObject({ alerts: 0, missed: 0 });
    const alerts = await fetch(`${baseUrl}/alerts?tender=${tenderId}`, {
      headers: { authorization: `Bearer ${bidManager}` },
    });
    expect(((await alerts.json()) as { items: unknown[] }).items).toEqual([]);

    const other = await fetch(`${baseUrl}/tenders/${tenderId}`, {
      headers: { authorization: `Bearer ${await token('globex', 'admin')}` },
    });
    expect(other.status).toBe(404);
    expect(await fetch(`${baseUrl}/tenders/${tenderId}`).then((r) => r.status)).toBe(401);
  });

  it('a package of 240 processes: presigned upload → import answers 202 → GET /imports/{id} until done → all ready', async () => {
    const auth = { authorization: `Bearer ${await token('pkg', 'bid-manager')}` };
    const body = Buffer.from(JSON.stringify(releasePackage(240, 'ocds-e2e-pkg')));
    expect(body.length).toBeGreaterThan(1024 * 1024); // over the body limit: the upload path
    const upload = (await (
      await fetch(`${baseUrl}/tenders/import-uploads`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ bytes: body.length }),
      })
    ).json()) as { s3Key: string; uploadUrl: string; headers: Record<string, string> };
    expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body })).status).toBe(
      200,
    );
    const imported = await fetch(`${baseUrl}/tenders/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ s3Key: upload.s3Key }),
    });
    expect(imported.status).toBe(202);
    const { importId } = (await imported.json()) as { importId: string };
    expect(imported.headers.get('location')).toBe(`/imports/${importId}`);

    type Progress = {
      status: string;
      total: number;
      done: number;
      failed: number;
      results: { status: string }[];
    };
    let progress: Progress = { status: 'running', total: 0, done: 0, failed: 0, results: [] };
    const deadline = Date.now() + 220_000;
    while (progress.status === 'running') {
      if (Date.now() > deadline)
        throw new Error(`import never finished: ${JSON.stringify({ ...progress, results: [] })}`);
      await new Promise((r) => setTimeout(r, 500));
      progress = (await (
        await fetch(`${baseUrl}/imports/${importId}`, { headers: auth })
      ).json()) as Progress;
    }
    expect(progress).toMatchObject({ status: 'succeeded', total: 240, done: 240, failed: 0 });
    expect(progress.results.filter((r) => r.status === 'ready')).toHaveLength(240);
    const tenders = (await (await fetch(`${baseUrl}/tenders?limit=100`, { headers: auth })).json()) as {
      items: { status: string }[];
    };
    expect(tenders.items.map((t) => t.status)).toEqual(Array(100).fill('ready'));
  });

  it('SIGTERM stops every child process: DynamoDB Local and s3rver stop listening', async () => {
    const runtime = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as {
      env: Record<string, string>;
    };
    const dynamo = String(runtime.env.AWS_ENDPOINT_URL_DYNAMODB);
    expect(await portOpen(dynamo)).toBe(true);
    const exited = new Promise<string>((resolve) =>
      stack.once('exit', (code, signal) => resolve(String(signal ?? code))),
    );
    stack.kill('SIGTERM');
    // npm forwards the signal to the stack and then ends by it; either way it must not hang
    expect(['0', 'SIGTERM']).toContain(await exited);
    const endpoints = [dynamo, String(runtime.env.AWS_ENDPOINT_URL_S3), baseUrl];
    const deadline = Date.now() + 15_000;
    let open = endpoints;
    while (open.length > 0 && Date.now() < deadline) {
      open = (await Promise.all(endpoints.map(async (e) => ((await portOpen(e)) ? e : '')))).filter(Boolean);
      if (open.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(open).toEqual([]);
    expect(output()).toContain('SIGTERM: stopping the local stack');
  });

  it('a restart on the same TENDERFLOW_DATA keeps the data; a second stack on a taken port exits with a clear message', async () => {
    baseUrl = await startStack();
    const res = await fetch(`${baseUrl}/tenders/${importedTenderId}`, {
      headers: { authorization: `Bearer ${await token('acme', 'viewer')}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('ready');

    const second = spawn('npm', ['start'], {
      cwd: projectRoot,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let secondOutput = '';
    second.stderr?.on('data', (d: Buffer) => {
      secondOutput += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(secondOutput).toContain(`port ${port} is already in use`);
    stack.kill('SIGTERM');
    await new Promise((resolve) => stack.once('exit', resolve));
  });
});
