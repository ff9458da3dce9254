import type { Caller } from '../lib/auth.ts';
import {
  HttpError,
  InvalidInputError,
  PermissionError,
  StateConflictError,
  VersionConflictError,
} from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { inParallel } from '../store/batch.ts';
import {
  type OutcomeCounts,
  putRowResults,
  type RowResult,
  rowResultPut,
  rowResultsBetween,
} from '../store/matrix-imports.ts';
import type { PlannedRow } from './matrix-plan.ts';
import { changeItem } from './update-item.ts';

/** Rows applied at once: one transaction each (the item, its audit entry and the row's result). */
const CONCURRENCY = 8;

export interface PageOutcome {
  counts: OutcomeCounts & { rows: number };
  /** an applied row moved a due date or a status: the tender's deadlines must be counted again */
  reschedule: boolean;
}

/**
 * Apply planned rows of one upload: each change exactly as PATCH applies it (the caller's permissions,
 * the answer checked, audited), conditional on the version exported — changed since (412) is a conflict,
 * not applied. A row's result is written with its change in one transaction, so a resumed run finds
 * the rows already done (whatever their outcome) and skips them: nothing applies twice, nothing is lost.
 * `internalErrors`: `throw` in the workflow (the task is retried), `report` inline (the row says so).
 */
export async function applyPlannedRows(
  table: string,
  caller: Caller,
  upload: { importId: string; tenderId: string },
  rows: readonly PlannedRow[],
  now: Date,
  internalErrors: 'throw' | 'report',
): Promise<PageOutcome> {
  const { importId, tenderId } = upload;
  const first = rows[0]?.row;
  const last = rows.at(-1)?.row;
  const done =
    first === undefined || last === undefined
      ? []
      : await rowResultsBetween(table, caller.org, importId, first, last);
  const seen = new Set(done.map((r) => r.row));
  const results: RowResult[] = [...done];
  let reschedule = false;

  const settled = rows.flatMap((r) => ('settled' in r && !seen.has(r.row) ? [r.settled] : []));
  await putRowResults(table, caller.org, importId, settled, now);
  results.push(...settled);

  const tasks = rows.flatMap((r) =>
    'apply' in r && !seen.has(r.row)
      ? [
          async () => {
            const result = await applyRow(table, caller, tenderId, importId, r, now, internalErrors);
            results.push(result.row);
            if (result.reschedule) reschedule = true;
          },
        ]
      : [],
  );
  await inParallel(tasks, CONCURRENCY);
  const count = (o: RowResult['outcome']) => results.filter((x) => x.outcome === o).length;
  return {
    counts: {
      applied: count('applied'),
      unchanged: count('unchanged'),
      conflicts: count('conflict'),
      invalid: count('invalid'),
      rows: results.length,
    },
    reschedule,
  };
}

async function applyRow(
  table: string,
  caller: Caller,
  tenderId: string,
  importId: string,
  planned: Extract<PlannedRow, { apply: unknown }>,
  now: Date,
  internalErrors: 'throw' | 'report',
): Promise<{ row: RowResult; reschedule: boolean }> {
  const { row, apply } = planned;
  const base = { row, itemId: apply.itemId, reference: apply.reference, requirement: apply.requirement };
  const other = async (r: RowResult) => {
    await putRowResults(table, caller.org, importId, [r], now);
    return { row: r, reschedule: false };
  };
  const invalid = (message: string, column = '') =>
    other({ ...base, outcome: 'invalid', errors: [{ column, message }] });
  const applied: RowResult = {
    ...base,
    outcome: 'applied',
    version: apply.version + 1,
    changes: apply.changes,
  };
  try {
    const { updated, affectsDeadline } = await changeItem(
      table,
      caller,
      { tenderId, itemId: apply.itemId, version: apply.version },
      apply.change,
      now,
      [rowResultPut(table, caller.org, importId, applied, now)],
    );
    // nothing differed once applied (e.g. an evidence list already as the file says): no write was made
    if (updated.version === apply.version) return other({ ...base, outcome: 'unchanged' });
    return { row: applied, reschedule: affectsDeadline };
  } catch (e) {
    if ((e instanceof HttpError && e.status === 412) || e instanceof VersionConflictError)
      // changed between the plan and the write: a conflict like any stale row
      return other({
        ...base,
        outcome: 'conflict',
        exportedVersion: apply.version,
        currentVersion: null,
        conflicts: apply.changes.map((c) => ({ column: c.column, file: c.to, current: c.from })),
      });
    if (e instanceof InvalidInputError)
      return other({
        ...base,
        outcome: 'invalid',
        errors: e.errors.length
          ? e.errors.map((x) => ({ column: columnOf(x.path), message: x.message }))
          : [{ column: '', message: e.message }],
      });
    if (e instanceof PermissionError) return invalid(`not permitted: ${e.message}`);
    if (e instanceof StateConflictError) return invalid(`not allowed now: ${e.message}`, 'Status');
    if (e instanceof HttpError && e.expose) return invalid(e.message);
    if (internalErrors === 'throw') throw e;
    log.error('matrix row not applied', { error: e, row, itemId: apply.itemId });
    return invalid('not applied: an internal error occurred; upload the file again');
  }
}

/** The matrix column a PATCH field error names. */
const columnOf = (path: string): string =>
  path.startsWith('answer')
    ? 'Answer'
    : path === 'comment'
      ? 'Reviewer comment'
      : path.startsWith('evidence')
        ? 'Evidence'
        : path;
