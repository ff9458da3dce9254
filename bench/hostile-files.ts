import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSheets } from '../functions/domain/sheets/files.ts';
import { bigCsv, manyRowsXlsx, zipBombXlsx } from '../test/support/hostile-files.ts';

/**
 * `node --import tsx bench/hostile-files.ts` — the four hostile files of issue #20 (a 305 KB ZIP bomb,
 * a 1.1 MB bomb unpacking to 1.17 GB, an XLSX of 1,000,000 rows, a 50 MB CSV; and a 20 MB CSV, under the
 * size limit of a spreadsheet, so refused at its rows), made in memory:
 * 1. the reader alone, each file in a fresh Node process: time to the refusal and the peak RSS
 *    (resourceUsage().maxRSS), next to the RSS with the file in memory before reading;
 * 2. over HTTP on the local stack (the same process that serves every organisation, as `npm start`):
 *    time to the answer, its status, and the latency of `/health` asked every 25 ms meanwhile.
 * Before the fix (issue #20): 422 after 14.9 s, 500 after 30.6 s, 400 after 44.6 s (/health stalled
 * 34 s), 400 after 16.8 s; the process grew from 0.8 to 2.6 GB.
 */
const CASES = {
  'bomb-305KB': () => zipBombXlsx(1, 300),
  'bomb-1.1MB-1.17GB': () => zipBombXlsx(20, 56),
  'rows-1000000': () => manyRowsXlsx(1_000_000),
  'csv-50MB': async () => bigCsv(50_000_000),
  'csv-20MB': async () => bigCsv(20_000_000),
} as const;
type Case = keyof typeof CASES;

const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(1);

/** In a fresh process: make the file, then read it; what it cost. */
async function readerAlone(name: Case) {
  const bytes = await CASES[name]();
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let answer = 'read';
  try {
    await readSheets(bytes);
  } catch (e) {
    answer = `${e instanceof Error ? e.name : 'error'}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const ms = performance.now() - started;
  return {
    fileMB: mb(bytes.byteLength),
    refusedMs: Math.round(ms),
    rssBeforeMB: mb(before),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    answer: answer.slice(0, 140),
  };
}

if (process.argv[2] === '--reader') {
  const result = await readerAlone(process.argv[3] as Case);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
console.log('1. the reader alone, each file in a fresh process…');
const only = process.argv.includes('--http-only');
const alone = (only ? [] : Object.keys(CASES)).map((name) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', self, '--reader', name], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return { file: name, ...JSON.parse(out.trim().split('\n').at(-1) ?? '{}') };
});
console.table(alone);

console.log('2. over HTTP on the local stack, /health asked every 25 ms meanwhile…');
const { startLocalStack } = await import('../infra/local/stack.ts');
const { mintToken } = await import('../infra/local/keys.ts');
const work = mkdtempSync(join(tmpdir(), 'tenderflow-hostile-'));
const stack = await startLocalStack({ dataDir: join(work, 'data'), port: 0, sweepEveryMs: 0, quiet: true });
const http = [];
try {
  const token = await mintToken(stack.dataDir, { org: 'hostile', user: 'bench', roles: ['bid-manager'] });
  const api = (path: string, body?: unknown) =>
    fetch(`${stack.apiUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // warm: the handler's first import (and its transpiling) is not the reader's cost; a file that is no spreadsheet writes nothing
  await api('/tenders/requirements/import', { file: { fileName: 'warm.csv', content: 'eA==' } });
  for (const name of Object.keys(CASES) as Case[]) {
    console.log(`  ${name}`);
    const bytes = await CASES[name]();
    const presign = (await (await api('/tenders/import-uploads', { bytes: bytes.byteLength })).json()) as {
      uploadUrl: string;
      headers: Record<string, string>;
      s3Key: string;
    };
    const put = await fetch(presign.uploadUrl, { method: 'PUT', headers: presign.headers, body: bytes });
    if (put.status !== 200) throw new Error(`the upload of ${name} answered ${put.status}`);
    const latencies: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t = performance.now();
        await fetch(`${stack.apiUrl}/health`).then((r) => r.arrayBuffer());
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const started = performance.now();
    const res = await api('/tenders/requirements/import', { file: { fileName: name, s3Key: presign.s3Key } });
    const answeredMs = performance.now() - started;
    const problem = (await res.json()) as { detail?: string };
    done = true;
    await poll;
    latencies.sort((a, b) => a - b);
    http.push({
      file: name,
      status: res.status,
      answeredMs: Math.round(answeredMs),
      healthAsked: latencies.length,
      healthP50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
      healthMaxMs: Math.round(latencies.at(-1) ?? 0),
      rssMB: mb(process.memoryUsage().rss),
      detail: String(problem.detail ?? '').slice(0, 90),
    });
  }
} finally {
  await stack.stop();
  rmSync(work, { recursive: true, force: true });
}
console.table(http);
console.log(
  `load average while measuring: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
const failed = http.filter((h) => h.status !== 422 && h.status !== 413);
if (failed.length > 0) {
  console.error(`not refused with 413/422: ${failed.map((f) => f.file).join(', ')}`);
  process.exitCode = 1;
}
