import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { applyPlannedRows } from '../../functions/flows/matrix-import.ts';
import type { PlannedRow } from '../../functions/flows/matrix-plan.ts';
import { newId } from '../../functions/lib/ids.ts';
import { getMatrixObject, matrixKeys, putMatrixObject } from '../../functions/store/matrix-files.ts';
import { countsOf, createMatrixImport, getMatrixImport } from '../../functions/store/matrix-imports.ts';
import { call, eventually } from '../support/api.ts';
import {
  b64,
  byRequirement,
  checklist,
  downloadMatrix,
  type Item,
  importSheet,
  patchItem,
  tokenFor,
} from '../support/sheets.ts';
import { timeouts } from '../support/timeouts.ts';

/**
 * Issue #20 §2: a 3,000-row matrix answered 500 after 30 s, half applied, and a retry raced it. Now an
 * upload over 200 rows answers 202 at once and the matrix-import workflow applies it; GET …/imports/{id}
 * reports progress and exact counts; the same file again while it runs is the same upload.
 */
const ref = (n: number) => `M${String(n).padStart(5, '0')}`;
const text = (n: number) => `Requirement ${n} of the large tender`;

/** A tender of `rows` requirements from a CSV, its intake waited for (longer than the default: thousands of items). */
async function largeTender(org: string, rows: number) {
  const token = await tokenFor(org, ['bid-manager']);
  const csv = [
    'Ref,Requirement,Mandatory',
    ...Array.from({ length: rows }, (_, i) => `${ref(i + 1)},${text(i + 1)},Yes`),
  ];
  const res = await importSheet(token, '/tenders/requirements/import', 'large.csv', csv.join('\n'));
  expect(res.status).toBe(202);
  const tenderId = String(res.json.tenderId);
  await eventually(
    `tender ${tenderId} ready`,
    async () => {
      const t = await call('GET', `/tenders/${tenderId}`, { token });
      if (t.json.status === 'importing') return undefined;
      if (t.json.status !== 'ready')
        throw new Error(`the intake did not succeed: ${JSON.stringify(t.json)}`.slice(0, 2000));
      return true;
    },
    timeouts.poll.large,
  );
  return { token, tenderId };
}

/** Every live item of the tender, a page of 1,000 at a time. */
async function everyItem(token: string, tenderId: string): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(
      'GET',
      `/tenders/${tenderId}/checklist?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(page.status).toBe(200);
    out.push(...(page.json.items as Item[]));
    cursor = page.json.nextCursor as string | null;
  } while (cursor);
  return out;
}

/** The exported CSV matrix with cells changed per reference (`Owner`, `Status`, …). */
function editCsv(exported: Buffer, edit: (reference: string) => { [column: string]: string }): string {
  const [header, ...rows] = parse(exported.toString('utf8'), { bom: true }) as string[][];
  if (!header) throw new Error('empty matrix');
  for (const row of rows) {
    const changes = edit(row[0] ?? '');
    for (const [column, value] of Object.entries(changes)) row[header.indexOf(column)] = value;
  }
  return stringify([header, ...rows]);
}

const upload = (token: string, tenderId: string, csv: string, headers: Record<string, string> = {}) =>
  call('POST', `/tenders/${tenderId}/compliance-matrix`, {
    token,
    headers,
    body: JSON.stringify({ file: { fileName: 'matrix.csv', content: b64(csv) } }),
  });

describe('compliance-matrix upload as a workflow', () => {
  it(
    'a 3,000-row upload: 202 at once, the same file again is the same upload, and the result has exact counts with the conflict and the invalid row named',
    async () => {
      const org = 'matrix-3000';
      const { token, tenderId } = await largeTender(org, 3000);
      const exported = await downloadMatrix(token, tenderId, 'csv');
      // a colleague assigns requirement 17 after the export: its row is stale
      const items = await everyItem(token, tenderId);
      expect(items).toHaveLength(3000);
      const r17 = byRequirement(items, ref(17));
      expect((await patchItem(token, tenderId, r17, { owner: 'carol' })).status).toBe(200);
      const csv = editCsv(exported, (r): { [column: string]: string } =>
        r === ref(17) ? { Owner: 'dave' } : r === ref(42) ? { Status: 'maybe' } : { Owner: 'ivan' },
      );

      // the upload and a retry of the same file sent at the same moment: one upload
      const [first, retry] = await Promise.all([upload(token, tenderId, csv), upload(token, tenderId, csv)]);
      expect([first.status, retry.status]).toEqual([202, 202]);
      const importId = String(first.json.importId);
      expect(retry.json.importId).toBe(importId);
      const location = `/tenders/${tenderId}/compliance-matrix/imports/${importId}`;
      expect(first.headers.get('location')).toBe(location);
      expect(first.json.status).toBe('running');
      // and with an Idempotency-Key: the repeat is the stored answer, not a second upload
      const keyed = await upload(token, tenderId, csv, { 'idempotency-key': 'matrix-3000-once' });
      const keyedAgain = await upload(token, tenderId, csv, { 'idempotency-key': 'matrix-3000-once' });
      expect(keyed.json.importId).toBe(importId);
      expect(keyedAgain.json.importId).toBe(importId);

      // while it runs it is running (never failed), its progress only grows
      const seen: { status: string; done: number }[] = [];
      const final = await eventually(
        'the upload to finish',
        async () => {
          const res = await call('GET', location, { token });
          expect(res.status).toBe(200);
          seen.push({ status: String(res.json.status), done: Number(res.json.done) });
          return res.json.status === 'running' ? undefined : res.json;
        },
        timeouts.poll.large,
      );
      expect(
        seen.every((s) => s.status === 'running' || s.status === 'succeeded'),
        JSON.stringify({ ...final, rows: undefined }),
      ).toBe(true);
      expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
      expect(final).toMatchObject({
        status: 'succeeded',
        total: 3000,
        done: 3000,
        applied: 2998,
        unchanged: 0,
        conflicts: 1,
        invalid: 1,
      });

      const conflicts = await call('GET', `${location}?outcome=conflict`, { token });
      expect(conflicts.json.rows).toEqual([
        expect.objectContaining({
          row: 18,
          reference: ref(17),
          requirement: text(17),
          outcome: 'conflict',
          exportedVersion: 1,
          currentVersion: 2,
          conflicts: [{ column: 'Owner', file: 'dave', current: 'carol' }],
        }),
      ]);
      const invalid = await call('GET', `${location}?outcome=invalid`, { token });
      expect(invalid.json.rows).toEqual([
        expect.objectContaining({
          row: 43,
          reference: ref(42),
          requirement: text(42),
          errors: [{ column: 'Status', message: expect.stringMatching(/not a status: "maybe"/) }],
        }),
      ]);
      const applied = await call('GET', `${location}?outcome=applied&limit=1000`, { token });
      expect(applied.json.rows).toHaveLength(1000);
      expect(applied.json.nextCursor).toEqual(expect.any(String));

      // every applied row applied once; the stale row kept the colleague's value
      const after = await everyItem(token, tenderId);
      const owners = new Map<string, number>();
      for (const i of after) owners.set(String(i.owner), (owners.get(String(i.owner)) ?? 0) + 1);
      expect(Object.fromEntries(owners)).toEqual({ ivan: 2998, carol: 1, null: 1 });
      expect(after.filter((i) => i.owner === 'ivan').every((i) => i.version === 2)).toBe(true);

      // finished: the same file again is a new upload, which now finds every row changed since (conflicts)
      const again = await upload(token, tenderId, csv);
      expect(again.status).toBe(202);
      expect(again.json.importId).not.toBe(importId);
    },
    timeouts.integration.large,
  );

  it(
    'a run resumed after a crash in the middle of a page skips the rows it had applied: none is a conflict with itself, none is applied twice',
    async () => {
      const org = 'matrix-resume';
      const { token, tenderId } = await largeTender(org, 300);
      const exported = await downloadMatrix(token, tenderId, 'csv');
      const csv = editCsv(exported, () => ({ Owner: 'ivan' }));
      const table = String(process.env.TABLE_NAME);
      const bucket = String(process.env.BUCKET_NAME);
      // an upload as the API stores it, driven here task by task (no execution of its own)
      const importId = newId();
      const fileKey = matrixKeys.file(org, importId);
      await putMatrixObject(bucket, fileKey, Buffer.from(csv));
      const now = new Date();
      await createMatrixImport(
        table,
        org,
        {
          importId,
          tenderId,
          fileName: 'matrix.csv',
          sha256: 'resume',
          mode: 'workflow',
          user: 'alice',
          roles: ['bid-manager'],
          fileKey,
          total: null,
          createdAt: now.toISOString(),
        },
        now,
      );
      const plan = (await import('../../functions/tasks/plan-matrix-import.ts')).handler;
      const apply = (await import('../../functions/tasks/apply-matrix-page.ts')).handler;
      const finish = (await import('../../functions/tasks/finish-matrix-import.ts')).handler;
      expect(await plan({ org, importId })).toEqual({ pages: 2 });
      const stored = await getMatrixObject(bucket, matrixKeys.planPage(org, importId, 0));

      // the crash: 120 rows of the first page (250) applied, each with its result, then the process died
      const rows = JSON.parse(Buffer.from(stored).toString('utf8')) as PlannedRow[];
      const caller = { org, user: 'alice', roles: ['bid-manager' as const] };
      await applyPlannedRows(table, caller, { importId, tenderId }, rows.slice(0, 120), now, 'throw');

      // the resumed run: Plan again (reads its plan, does not plan against its own changes), the page again
      expect(await plan({ org, importId })).toEqual({ pages: 2 });
      expect(Buffer.from(await getMatrixObject(bucket, matrixKeys.planPage(org, importId, 0)))).toEqual(
        Buffer.from(stored),
      );
      expect(await apply({ org, importId, page: 0 })).toEqual({ page: 1, more: true });
      expect(await apply({ org, importId, page: 0 })).toEqual({ page: 1, more: true });
      expect(await apply({ org, importId, page: 1 })).toEqual({ page: 2, more: false });
      expect(await finish({ org, importId })).toEqual({ status: 'succeeded' });

      const record = await getMatrixImport(table, org, importId);
      expect(record?.status).toBe('succeeded');
      expect(record && countsOf(record)).toEqual({
        applied: 300,
        unchanged: 0,
        conflicts: 0,
        invalid: 0,
        done: 300,
      });
      const items = await checklist(token, tenderId);
      expect(items.every((i) => i.owner === 'ivan' && i.version === 2)).toBe(true);
      // one audit entry per item changed, none doubled
      const changed: string[] = [];
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page = await call(
          'GET',
          `/tenders/${tenderId}/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          { token },
        );
        const entries = page.json.items as { entity: string; after: { owner?: string } }[];
        changed.push(...entries.filter((e) => e.after.owner === 'ivan').map((e) => e.entity));
        cursor = page.json.nextCursor as string | null;
      }
      expect(changed).toHaveLength(300);
      expect(new Set(changed).size).toBe(300);
    },
    timeouts.integration.slow,
  );
});
