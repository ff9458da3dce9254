import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mintToken } from '../infra/local/keys.ts';
import type { LocalStack } from '../infra/local/stack.ts';
import { generateRelease } from './intake.ts';

export interface MatrixUploadRun {
  rows: number;
  megabytes: number;
  /** the tender's intake (arranging, not measured against a budget) */
  intakeSeconds: number;
  /** POST /tenders/{id}/compliance-matrix until its 202 */
  answerSeconds: number;
  /** from the 202 until GET …/imports/{id} is no longer running */
  seconds: number;
  rowsPerSecond: number;
  status: string;
  applied: number;
  conflicts: number;
  invalid: number;
  stateTransitions: number;
}

/**
 * Issue #20 §2: a 20,000-row compliance matrix uploaded end to end on the local stack. A tender of
 * `rows` requirements (generated OCDS, presigned upload), its matrix downloaded as CSV, every row's
 * Owner changed, uploaded (presigned: it is over 1 MB), timed from the POST until the matrix-import
 * workflow has applied every row.
 */
/** The largest matrix: a tender at the 20,000-requirement limit, 20,000 rows below the header. */
export const MATRIX_BENCH_ROWS = 20_000;

export async function measureMatrixUpload(
  stack: LocalStack,
  org: string,
  rows = MATRIX_BENCH_ROWS,
): Promise<MatrixUploadRun> {
  const token = await mintToken(stack.dataDir, { org, user: 'bench', roles: ['bid-manager'] });
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(body),
    });
    const out = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300)
      throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(out).slice(0, 500)}`);
    return out;
  };
  const get = async (path: string) => {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers: auth });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const presigned = async (bytes: Buffer) => {
    const upload = await post('/tenders/import-uploads', { bytes: bytes.length });
    const put = await fetch(String(upload.uploadUrl), {
      method: 'PUT',
      headers: upload.headers as Record<string, string>,
      body: bytes,
    });
    if (put.status !== 200) throw new Error(`upload: ${put.status}`);
    return String(upload.s3Key);
  };
  const until = async <T>(what: string, check: () => Promise<T | undefined>, ms = 1_800_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not done after ${ms / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  // arrange: the tender (criteria × 2 groups × 5 requirements)
  const t0 = performance.now();
  const { body } = generateRelease(`ocds-bench-matrix-${rows}`, Math.ceil(rows / 10), 2, 5, {
    presigned: true,
  });
  const imported = await post('/tenders/import', { s3Key: await presigned(Buffer.from(body)) });
  const tenderId = String(imported.tenderId);
  await until('intake', async () => {
    const t = (await (await get(`/tenders/${tenderId}`)).json()) as { status: string; intakeError?: unknown };
    if (t.status === 'importing') return undefined;
    if (t.status !== 'ready') throw new Error(`intake ended ${t.status}: ${JSON.stringify(t.intakeError)}`);
    return true;
  });
  const intakeSeconds = (performance.now() - t0) / 1000;

  const exported = Buffer.from(
    await (await get(`/tenders/${tenderId}/compliance-matrix?format=csv`)).arrayBuffer(),
  );
  const [header, ...lines] = parse(exported.toString('utf8'), { bom: true }) as string[][];
  if (!header) throw new Error('empty matrix');
  const owner = header.indexOf('Owner');
  for (const line of lines) line[owner] = 'bench-owner';
  const edited = Buffer.from(stringify([header, ...lines]));

  const s3Key = await presigned(edited);
  const t1 = performance.now();
  const started = await post(`/tenders/${tenderId}/compliance-matrix`, {
    file: { fileName: 'matrix.csv', s3Key },
  });
  const t2 = performance.now();
  const location = `/tenders/${tenderId}/compliance-matrix/imports/${String(started.importId)}`;
  const final = await until('matrix upload', async () => {
    const u = (await (await get(`${location}?limit=1`)).json()) as Record<string, unknown>;
    return u.status === 'running' ? undefined : u;
  });
  const t3 = performance.now();
  await stack.engine.idle();
  const execution = stack.engine.list().find((e) => e.name === `matrix-${String(started.importId)}`);
  const seconds = (t3 - t2) / 1000;
  return {
    rows: lines.length,
    megabytes: +(edited.length / 1024 / 1024).toFixed(1),
    intakeSeconds: +intakeSeconds.toFixed(1),
    answerSeconds: +((t2 - t1) / 1000).toFixed(2),
    seconds: +seconds.toFixed(1),
    rowsPerSecond: Math.round(lines.length / seconds),
    status: String(final.status),
    applied: Number(final.applied),
    conflicts: Number(final.conflicts),
    invalid: Number(final.invalid),
    stateTransitions: execution?.stateTransitions ?? -1,
  };
}

// `node --import tsx bench/matrix-upload.ts [rows]`: this measurement alone, on its own local stack.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startLocalStack } = await import('../infra/local/stack.ts');
  const work = mkdtempSync(join(tmpdir(), 'tenderflow-bench-matrix-'));
  const stack = await startLocalStack({ dataDir: join(work, 'data'), port: 0, sweepEveryMs: 0, quiet: true });
  try {
    console.table([
      await measureMatrixUpload(stack, 'bench-matrix', Number(process.argv[2] ?? MATRIX_BENCH_ROWS)),
    ]);
  } finally {
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
