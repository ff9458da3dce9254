import * as z from 'zod/mini';
import type { Caller } from '../lib/auth.ts';
import { HttpError, notFound } from '../lib/errors.ts';
import { newId, sha256Hex } from '../lib/ids.ts';
import { allItems } from '../store/checklist.ts';
import { getMatrixObject, matrixKeys, putMatrixObject } from '../store/matrix-files.ts';
import {
  claimUpload,
  countsOf,
  createMatrixImport,
  finishMatrixImport,
  getMatrixImport,
  type MatrixImportRecord,
  type RowResult,
  recordPage,
  releaseUpload,
  setPlanned,
} from '../store/matrix-imports.ts';
import { getTender } from '../store/tenders.ts';
import { applyPlannedRows } from './matrix-import.ts';
import { dataRows, type PlannedRow, planMatrix } from './matrix-plan.ts';
import { sheetGrid } from './sheet-file.ts';
import { startExecution } from './start-execution.ts';

/**
 * Up to this many rows an upload is applied inside the request (about a second in AWS, two on the
 * local stack: a bid team re-importing the lots they edited); above it, the matrix-import workflow
 * applies it a page at a time and the request answers 202 at once (DESIGN §2 rule 4: work that grows
 * with the input does not run in a request). 3,000 rows inside a request took over 30 s (issue #20).
 */
export const INLINE_MAX_ROWS = 200;
/** Rows per ApplyPage task: 20,000 rows are 80 pages, ~165 state transitions; a page is seconds, far under its 300 s timeout. */
export const PAGE_ROWS = 250;

type Env = { TABLE_NAME: string; BUCKET_NAME: string };

export interface UploadStarted {
  record: MatrixImportRecord;
  /** a retry of a file already being applied: its import, nothing new started */
  repeated: boolean;
}

/**
 * POST /tenders/{id}/compliance-matrix: claim the file for this tender (the same bytes while an upload
 * of them runs: that upload, never a second one racing it), then apply it here when small, else store
 * it and start the matrix-import workflow.
 */
export async function startMatrixUpload(
  env: Env & { MATRIX_IMPORT_STATE_MACHINE_ARN: string },
  caller: Caller,
  tenderId: string,
  file: { fileName: string; bytes: Uint8Array },
  now: Date,
): Promise<UploadStarted> {
  const tender = await getTender(env.TABLE_NAME, caller.org, tenderId);
  if (!tender) throw notFound(`no tender ${tenderId}`);
  const { grid } = await sheetGrid(file.bytes);
  const rows = dataRows(grid); // 400 naming `file` when it is not a matrix: before anything is written
  const mode = rows <= INLINE_MAX_ROWS ? 'inline' : 'workflow';
  const sha256 = sha256Hex(file.bytes);
  const importId = newId();
  const running = await claimUpload(env.TABLE_NAME, caller.org, { tenderId, sha256, importId, mode, now });
  if (running) return { record: await runningRecord(env.TABLE_NAME, caller.org, running), repeated: true };
  const fileKey = mode === 'workflow' ? matrixKeys.file(caller.org, importId) : null;
  if (fileKey) await putMatrixObject(env.BUCKET_NAME, fileKey, file.bytes);
  const record = await createMatrixImport(
    env.TABLE_NAME,
    caller.org,
    {
      importId,
      tenderId,
      fileName: file.fileName,
      sha256,
      mode,
      user: caller.user,
      roles: caller.roles,
      fileKey,
      total: mode === 'inline' ? rows : null,
      createdAt: now.toISOString(),
    },
    now,
  );
  if (mode === 'workflow') {
    try {
      await startExecution(env.MATRIX_IMPORT_STATE_MACHINE_ARN, `matrix-${importId}`, {
        org: caller.org,
        importId,
      });
    } catch (e) {
      await finishUpload(env, caller.org, importId, now, {
        error: 'WorkflowStartFailed',
        cause: 'the upload could not be started; upload the file again',
      });
      throw e;
    }
    return { record, repeated: false };
  }
  try {
    const items = await allItems(env.TABLE_NAME, caller.org, tenderId);
    const plan = planMatrix(grid, items, tender.language ?? null);
    const page = await applyPlannedRows(env.TABLE_NAME, caller, record, plan, now, 'report');
    await recordPage(env.TABLE_NAME, caller.org, importId, 0, page.counts, page.reschedule);
  } catch (e) {
    // the upload says it stopped (and what it applied), and the same file may be sent again at once
    await finishUpload(env, caller.org, importId, now, {
      error: 'MatrixImportFailed',
      cause: 'the upload stopped before every row was done; upload the file again',
    });
    throw e;
  }
  await finishUpload(env, caller.org, importId, now);
  const done = await getMatrixImport(env.TABLE_NAME, caller.org, importId);
  if (!done) throw new Error(`matrix upload ${importId} vanished`);
  return { record: done, repeated: false };
}

/**
 * The upload that holds the claim on this file. Its claimant writes the record just after claiming: a
 * retry arriving in between waits for it (briefly) rather than start a second upload of the same file.
 */
async function runningRecord(table: string, org: string, importId: string): Promise<MatrixImportRecord> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const record = await getMatrixImport(table, org, importId);
    if (record) return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new HttpError(
    409,
    'Conflict',
    'this file is being uploaded by another request; try again in a moment',
  );
}

const callerOf = (org: string, r: MatrixImportRecord): Caller => ({ org, user: r.user, roles: r.roles });

async function loadRecord(table: string, org: string, importId: string): Promise<MatrixImportRecord> {
  const record = await getMatrixImport(table, org, importId);
  if (!record) throw new Error(`no matrix upload ${importId} in organisation ${org}`);
  return record;
}

/**
 * matrix-import / Plan: read the stored file, plan every row against the items as they are now and
 * store the plan a page at a time. Once stored it is never made again: a resumed run would otherwise
 * plan against items it has already changed and call its own changes conflicts.
 */
export async function planStoredUpload(env: Env, org: string, importId: string): Promise<{ pages: number }> {
  const record = await loadRecord(env.TABLE_NAME, org, importId);
  if (record.pages !== null) return { pages: record.pages };
  if (!record.fileKey) throw new Error(`matrix upload ${importId} has no stored file`);
  const { grid } = await sheetGrid(await getMatrixObject(env.BUCKET_NAME, record.fileKey));
  const tender = await getTender(env.TABLE_NAME, org, record.tenderId);
  if (!tender) throw notFound(`the tender of this upload no longer exists`);
  const items = await allItems(env.TABLE_NAME, org, record.tenderId);
  const plan = planMatrix(grid, items, tender.language ?? null);
  const pages = Math.max(1, Math.ceil(plan.length / PAGE_ROWS));
  for (let p = 0; p < pages; p++)
    await putMatrixObject(
      env.BUCKET_NAME,
      matrixKeys.planPage(org, importId, p),
      JSON.stringify(plan.slice(p * PAGE_ROWS, (p + 1) * PAGE_ROWS)),
    );
  await setPlanned(env.TABLE_NAME, org, importId, plan.length, pages);
  return { pages };
}

// The plan pages are ours (written above), read back through a schema like anything from S3.
const PlanPage = z.array(z.custom<PlannedRow>((v) => typeof v === 'object' && v !== null && 'row' in v));

/** matrix-import / ApplyPage: one page of the plan applied (rows already done skipped); the next page, if any. */
export async function applyStoredPage(
  env: Env,
  org: string,
  importId: string,
  page: number,
  now: Date,
): Promise<{ page: number; more: boolean }> {
  const record = await loadRecord(env.TABLE_NAME, org, importId);
  const pages = record.pages ?? 0;
  if (page < pages) {
    const bytes = await getMatrixObject(env.BUCKET_NAME, matrixKeys.planPage(org, importId, page));
    const rows = PlanPage.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    const result = await applyPlannedRows(env.TABLE_NAME, callerOf(org, record), record, rows, now, 'throw');
    await recordPage(env.TABLE_NAME, org, importId, page, result.counts, result.reschedule);
  }
  return { page: page + 1, more: page + 1 < pages };
}

/**
 * The upload is over (matrix-import / Finish and Failed, or the request itself): the tender's deadlines
 * counted again once if an applied row moved one, the status recorded, the file free to upload again.
 * A failed upload keeps what it applied, and says so in its counts. Idempotent.
 */
export async function finishUpload(
  env: Pick<Env, 'TABLE_NAME'>,
  org: string,
  importId: string,
  now: Date,
  error?: { error: string; cause: string },
): Promise<string> {
  const record = await loadRecord(env.TABLE_NAME, org, importId);
  const at = now.toISOString();
  if (record.reschedule) {
    const { scheduleTender } = await import('./schedule.ts');
    await scheduleTender(env.TABLE_NAME, org, record.tenderId, at);
  }
  const status = await finishMatrixImport(env.TABLE_NAME, org, importId, at, error);
  await releaseUpload(env.TABLE_NAME, org, record);
  return status;
}

/** What GET …/imports/{id} (and the POST) answers: the upload, its counts so far, and a page of its rows. */
export function uploadView(record: MatrixImportRecord, rows: RowResult[], nextCursor: string | null) {
  const { applied, unchanged, conflicts, invalid, done } = countsOf(record);
  return {
    importId: record.importId,
    tenderId: record.tenderId,
    fileName: record.fileName,
    status: record.status,
    total: record.total,
    done,
    applied,
    unchanged,
    conflicts,
    invalid,
    ...(record.error ? { error: record.error } : {}),
    createdAt: record.createdAt,
    finishedAt: record.finishedAt ?? null,
    rows,
    nextCursor,
  };
}
