import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '../infra/local/keys.ts';
import { type LocalStack, projectRoot } from '../infra/local/stack.ts';

/** The real OCDS releases a generated package cycles through (test/fixtures/ocds/README.md). */
const FIXTURES = [
  'paraguay-274231-tender-release-1.1.json',
  'uk-contracts-finder-2c40364c-tender-release-1.1.json',
  'nigeria-borbda-mkksbm-contract-release-1.1.json',
  'sample-data-fictional-1.1-02-tender.json',
  'ContractNotice_cn-standard_2024-107345_release_0.json',
  'standard-1.1.5-docs-examples-tender.json',
];

type Release = Record<string, unknown> & { tender?: Record<string, unknown> };

/**
 * A release package of `processes` contracting processes generated from real releases: each process
 * takes a real release (cycling through FIXTURES), a new ocid, and `releasesPerProcess` releases of
 * it (tender notice and updates with later dates), as publishers' bulk packages hold them.
 */
export function generatePackage(processes: number, releasesPerProcess = 8) {
  const base = FIXTURES.map(
    (f) => JSON.parse(readFileSync(join(projectRoot, 'test', 'fixtures', 'ocds', f), 'utf8')) as Release,
  );
  const releases: Release[] = [];
  for (let p = 0; p < processes; p++) {
    const release = base[p % base.length] as Release;
    const ocid = `ocds-bench-pkg-${String(p).padStart(5, '0')}`;
    for (let r = 0; r < releasesPerProcess; r++)
      releases.push({
        ...release,
        ocid,
        id: `${ocid}-${r}`,
        date: new Date(Date.UTC(2026, 10, 1 + r, 9)).toISOString(),
        tender: {
          ...(release.tender ?? {}),
          id: `${ocid}-t`,
          title: `${String(release.tender?.title)} (${p})`,
        },
      });
  }
  const body = Buffer.from(
    JSON.stringify({
      uri: 'https://example.org/bench/package.json',
      version: '1.1',
      publishedDate: '2026-11-30T10:00:00Z',
      publisher: { name: 'Bench publisher' },
      releases,
    }),
  );
  return { body, processes };
}

export interface PackageRun {
  processes: number;
  megabytes: number;
  /** POST /tenders/import-uploads, the PUT, and POST /tenders/import until its 202 */
  uploadSeconds: number;
  importAnswerSeconds: number;
  /** from the import's 202 until GET /imports/{id} is no longer running */
  seconds: number;
  status: string;
  done: number;
  failed: number;
  stateTransitions: number;
  transitionsPerProcess: number;
  error?: string;
}

/**
 * Issue #7 §5: a package of hundreds of processes over the real API (presigned upload: it is over
 * the 1 MB body limit), timed until every process is ready (budget 60 s for 610 on this machine).
 */
export async function measurePackageIntake(
  stack: LocalStack,
  org: string,
  processes = 610,
): Promise<PackageRun> {
  const { body } = generatePackage(processes);
  const token = await mintToken(stack.dataDir, { org, user: 'bench', roles: ['bid-manager'] });
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (path: string, json: unknown) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(json),
    });
    const out = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
  const t0 = performance.now();
  const upload = await post('/tenders/import-uploads', { bytes: body.length });
  const put = await fetch(String(upload.uploadUrl), {
    method: 'PUT',
    headers: upload.headers as Record<string, string>,
    body,
  });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  const t1 = performance.now();
  const imported = await post('/tenders/import', { s3Key: upload.s3Key });
  const t2 = performance.now();
  const deadline = Date.now() + 600_000;
  let progress: { status: string; done: number; failed: number; error?: unknown };
  for (;;) {
    const res = await fetch(`${stack.apiUrl}/imports/${imported.importId}?limit=1`, { headers: auth });
    progress = (await res.json()) as typeof progress;
    if (progress.status !== 'running') break;
    if (Date.now() > deadline)
      throw new Error(`import not finished after 600 s: ${JSON.stringify(progress)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const t3 = performance.now();
  await stack.engine.idle();
  const execution = stack.engine.describe(String(imported.executionId));
  return {
    processes,
    megabytes: +(body.length / 1024 / 1024).toFixed(1),
    uploadSeconds: +((t1 - t0) / 1000).toFixed(2),
    importAnswerSeconds: +((t2 - t1) / 1000).toFixed(2),
    seconds: +((t3 - t2) / 1000).toFixed(1),
    status: progress.status,
    done: progress.done,
    failed: progress.failed,
    ...(progress.error ? { error: JSON.stringify(progress.error) } : {}),
    stateTransitions: execution.stateTransitions,
    transitionsPerProcess: +(execution.stateTransitions / processes).toFixed(2),
  };
}
