import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { newId, tenderIdFor } from '../../functions/lib/ids.ts';
import { functions } from '../../functions/registry.ts';
import { putRawDocument } from '../../functions/store/documents.ts';
import { createImport } from '../../functions/store/imports.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { LocalWorkflowEngine, localArn } from '../../infra/local/workflow-engine.ts';
import { call, eventually, tokenFor, waitForTender } from '../support/api.ts';
import { releasePackage } from '../support/package.ts';
import { timeouts } from '../support/timeouts.ts';

type Progress = {
  status: string;
  total: number;
  done: number;
  failed: number;
  results: { n: number; ocid: string; tenderId: string; status: string; error?: { error: string } }[];
};

const finished = (token: string, importId: string) =>
  eventually(
    `import ${importId} to finish`,
    async () => {
      const res = await call('GET', `/imports/${importId}`, { token });
      return res.status === 200 && res.json.status !== 'running'
        ? (res.json as unknown as Progress)
        : undefined;
    },
    timeouts.poll.batch,
  );

describe('POST /tenders/import with a package entry that names no process', () => {
  it('imports the others, and GET /imports/{id} names the entry it did not import', async () => {
    const token = await tokenFor('pkg-skipped');
    const doc = releasePackage(2, 'ocds-pkg-skipped');
    (doc.releases as unknown[]).push({ id: 'no-ocid', tender: { title: 'lost?' } });
    const res = await call('POST', '/tenders/import', { token, body: JSON.stringify(doc) });
    expect(res.status).toBe(202);
    const skipped = { path: 'releases[2].ocid', message: 'missing or empty: a release needs an ocid' };
    expect(res.json.skipped).toEqual([skipped]);

    const progress = await finished(token, String(res.json.importId));
    expect(progress).toMatchObject({ status: 'succeeded', total: 2, done: 2 });
    expect((progress as unknown as { warnings: unknown[] }).warnings).toEqual([
      { path: skipped.path, message: `not imported: ${skipped.message}` },
    ]);
  });
});

describe('POST /tenders/import with a package of many processes', () => {
  it('answers 202 with an import id, fans out over the processes, and GET /imports/{id} shows every one ready', async () => {
    const token = await tokenFor('pkg-many');
    const doc = releasePackage(40, 'ocds-pkg-many');
    const res = await call('POST', '/tenders/import', { token, body: JSON.stringify(doc) });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ kind: 'release-package', importId: expect.any(String) });
    expect(res.headers.get('location')).toBe(`/imports/${res.json.importId}`);
    expect(String(res.json.executionId)).toMatch(/:execution:package-intake:/);
    expect(res.json.imports).toHaveLength(40);

    const progress = await finished(token, String(res.json.importId));
    expect(progress).toMatchObject({ status: 'succeeded', total: 40, done: 40, failed: 0 });
    expect(progress.results.map((r) => r.status)).toEqual(Array(40).fill('ready'));
    expect(progress.results.map((r) => r.n)).toEqual([...Array(40).keys()]);
    const last = progress.results[39];
    expect(last?.tenderId).toBe(tenderIdFor('ocds-pkg-many-00039'));
    const tender = (await call('GET', `/tenders/${last?.tenderId}`, { token })).json;
    expect(tender).toMatchObject({ status: 'ready', ocid: 'ocds-pkg-many-00039' });
    // the package is the one raw document; its processes were split out beside it, not among raw documents
    const listed = await s3().send(
      new ListObjectsV2Command({ Bucket: String(process.env.BUCKET_NAME), Prefix: 'orgs/pkg-many/' }),
    );
    const keys = (listed.Contents ?? []).map((o) => String(o.Key));
    expect(keys.filter((k) => k.startsWith('orgs/pkg-many/raw/'))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith('orgs/pkg-many/split/'))).toHaveLength(40);
    expect(String(tender.title)).toMatch(/\(39\)$/);

    // the same package again: every process unchanged, nothing re-run
    const again = await call('POST', '/tenders/import', { token, body: JSON.stringify(doc) });
    const second = await finished(token, String(again.json.importId));
    expect(second).toMatchObject({ status: 'succeeded', done: 40, failed: 0 });
    expect(new Set(second.results.map((r) => r.status))).toEqual(new Set(['unchanged']));
  });

  it('a single-process import has an import too, and another organisation cannot read it', async () => {
    const token = await tokenFor('pkg-one');
    const res = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify(releasePackage(1, 'ocds-pkg-one')),
    });
    expect(res.status).toBe(202);
    expect(String(res.json.executionId)).toMatch(/:execution:tender-intake:/);
    const progress = await finished(token, String(res.json.importId));
    expect(progress).toMatchObject({ status: 'succeeded', mode: 'direct', total: 1, done: 1, failed: 0 });
    expect(progress.results).toMatchObject([{ ocid: 'ocds-pkg-one-00000', status: 'ready' }]);
    const other = await call('GET', `/imports/${res.json.importId}`, { token: await tokenFor('pkg-other') });
    expect(other.status).toBe(404);
  });

  it('a process that fails (fault injected in the task binding) is reported; the others are ready and a ready tender stays ready', async () => {
    const org = 'pkg-partial';
    const token = await tokenFor(org);
    const v1 = releasePackage(5, 'ocds-pkg-partial');
    const first = await call('POST', '/tenders/import', { token, body: JSON.stringify(v1) });
    expect((await finished(token, String(first.json.importId))).status).toBe('succeeded');

    // a newer package: titles changed, and the intake of process 2 fails
    const v2 = releasePackage(5, 'ocds-pkg-partial', 'paraguay-274231-tender-release-1.1.json');
    for (const r of v2.releases) r.tender.title = `${String(r.tender.title)} v2`;
    const failing = 'ocds-pkg-partial-00002';
    const engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir: mkdtempSync(join(tmpdir(), 'tenderflow-engine-')),
      handlers: (fn) => async (payload) => {
        if (fn === 'normalizeTender' && JSON.stringify(payload).includes(failing))
          throw new Error('injected: normalisation failed');
        const mod = (await import(join(projectRoot, functions[fn as keyof typeof functions].entry))) as {
          handler: (p: unknown) => Promise<unknown>;
        };
        return mod.handler(payload);
      },
    });
    const bucket = String(process.env.BUCKET_NAME);
    const raw = await putRawDocument(bucket, org, JSON.stringify(v2));
    const importId = newId();
    await createImport(String(process.env.TABLE_NAME), org, {
      id: importId,
      kind: 'release-package',
      mode: 'package',
      total: 5,
      warnings: [],
      now: new Date().toISOString(),
    });
    const record = engine.start(
      localArn.stateMachine('package-intake'),
      `partial-${importId}`,
      JSON.stringify({ org, importId, rawKey: raw.key, options: {} }),
    );
    await engine.idle();
    expect(engine.describe(record.executionArn).status).toBe('SUCCEEDED');

    const progress = await finished(token, importId);
    expect(progress).toMatchObject({ status: 'partial', total: 5, done: 4, failed: 1 });
    expect(progress.results[2]).toMatchObject({ ocid: failing, status: 'failed', error: { error: 'Error' } });
    const kept = await waitForTender(token, tenderIdFor(failing));
    expect(kept).toMatchObject({ status: 'ready', lastImport: { status: 'failed' } });
    expect(String(kept.title)).not.toMatch(/v2$/);
    const updated = await waitForTender(token, tenderIdFor('ocds-pkg-partial-00003'));
    expect(String(updated.title)).toMatch(/v2$/);
  });
});
