import type { Grid } from '../domain/sheets/header.ts';
import {
  MATRIX_COLUMNS,
  type MatrixColumn,
  type MatrixRow,
  parseItemRef,
  planRow,
} from '../domain/sheets/matrix.ts';
import { readBack } from '../domain/sheets/neutralize.ts';
import type { Caller } from '../lib/auth.ts';
import {
  badRequest,
  HttpError,
  InvalidInputError,
  notFound,
  PermissionError,
  StateConflictError,
} from '../lib/errors.ts';
import { log } from '../lib/log.ts';
import { inParallel } from '../store/batch.ts';
import { allItems } from '../store/checklist.ts';
import { tenderExists } from '../store/tenders.ts';
import { updateItem } from './update-item.ts';

export type RowOutcome =
  | {
      row: number;
      itemId: string | null;
      outcome: 'applied';
      version: number;
      changes: { column: string; from: string; to: string }[];
    }
  | { row: number; itemId: string; outcome: 'unchanged' }
  | {
      row: number;
      itemId: string;
      outcome: 'conflict';
      exportedVersion: number;
      currentVersion: number | null;
      conflicts: { column: string; file: string; current: string }[];
    }
  | { row: number; itemId: string | null; outcome: 'invalid'; errors: { column: string; message: string }[] };

export interface MatrixImportSummary {
  applied: number;
  unchanged: number;
  conflicts: number;
  invalid: number;
  rows: RowOutcome[];
}

const ITEM_HEADER = MATRIX_COLUMNS.find((c) => c.key === 'item')?.header ?? '';

/** The matrix's header row and the column of each of our headers (by name: columns may have been moved). */
function locateColumns(grid: Grid): { headerRow: number; columns: Map<MatrixColumn, number> } {
  for (let r = 0; r < Math.min(grid.length, 40); r++) {
    const row = (grid[r] ?? []).map((c) => readBack(c).trim());
    if (!row.includes(ITEM_HEADER)) continue;
    const columns = new Map<MatrixColumn, number>();
    for (const c of MATRIX_COLUMNS) {
      const i = row.indexOf(c.header);
      if (i >= 0) columns.set(c.key, i);
    }
    return { headerRow: r + 1, columns };
  }
  throw badRequest('not a compliance matrix exported by Tenderflow', [
    { path: 'file', message: `no "${ITEM_HEADER}" column in the first 40 rows` },
  ]);
}

/**
 * Re-import an edited compliance matrix: rows are matched by the hidden item id and version; only
 * the cells that differ from the item apply, each row through flows/update-item.ts (the PATCH route's
 * validation, permissions and audit); a row exported at an older version is a conflict with both
 * values and is not applied. Every row is accounted for in the summary — applied, unchanged,
 * conflict or invalid (with the reason) — even when something fails half-way.
 */
export async function importMatrix(
  table: string,
  caller: Caller,
  tenderId: string,
  grid: Grid,
  now: Date,
): Promise<MatrixImportSummary> {
  if (!(await tenderExists(table, caller.org, tenderId))) throw notFound(`no tender ${tenderId}`);
  const { headerRow, columns } = locateColumns(grid);
  const items = new Map((await allItems(table, caller.org, tenderId)).map((i) => [i.itemId, i]));
  const seen = new Set<string>();
  const outcomes: RowOutcome[] = [];
  const tasks: (() => Promise<void>)[] = [];
  for (let r = headerRow; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = r + 1;
    const file: Partial<MatrixRow> = {};
    for (const [key, i] of columns) file[key] = readBack(cells[i] ?? '');
    const ref = parseItemRef(file.item ?? '');
    const invalid = (itemId: string | null, column: string, message: string) =>
      outcomes.push({ row, itemId, outcome: 'invalid', errors: [{ column, message }] });
    if (!ref) {
      invalid(null, ITEM_HEADER, `not an item reference: "${file.item ?? ''}" (do not edit this column)`);
      continue;
    }
    const item = items.get(ref.itemId);
    if (!item) {
      invalid(ref.itemId, ITEM_HEADER, `no live item ${ref.itemId} in this tender`);
      continue;
    }
    if (seen.has(ref.itemId)) {
      invalid(ref.itemId, ITEM_HEADER, `item ${ref.itemId} appears on an earlier row: this row is ignored`);
      continue;
    }
    seen.add(ref.itemId);
    const plan = planRow(file, ref.version, item);
    if (plan.kind === 'unchanged') outcomes.push({ row, itemId: item.itemId, outcome: 'unchanged' });
    else if (plan.kind === 'invalid')
      outcomes.push({ row, itemId: item.itemId, outcome: 'invalid', errors: plan.errors });
    else if (plan.kind === 'conflict')
      outcomes.push({
        row,
        itemId: item.itemId,
        outcome: 'conflict',
        exportedVersion: plan.exportedVersion,
        currentVersion: item.version,
        conflicts: plan.conflicts,
      });
    else
      tasks.push(async () => {
        outcomes.push(await applyRow(table, caller, tenderId, row, item.itemId, plan, now));
      });
  }
  await inParallel(tasks, 4);
  outcomes.sort((a, b) => a.row - b.row);
  const count = (o: RowOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  return {
    applied: count('applied'),
    unchanged: count('unchanged'),
    conflicts: count('conflict'),
    invalid: count('invalid'),
    rows: outcomes,
  };
}

async function applyRow(
  table: string,
  caller: Caller,
  tenderId: string,
  row: number,
  itemId: string,
  plan: Extract<ReturnType<typeof planRow>, { kind: 'change' }>,
  now: Date,
): Promise<RowOutcome> {
  const invalid = (message: string, column = '') => ({
    row,
    itemId,
    outcome: 'invalid' as const,
    errors: [{ column, message }],
  });
  try {
    const updated = await updateItem(
      table,
      caller,
      { tenderId, itemId, version: plan.version },
      plan.change,
      now,
    );
    return { row, itemId, outcome: 'applied', version: updated.version, changes: plan.changes };
  } catch (e) {
    if (e instanceof HttpError && e.status === 412)
      // changed between our read and the write: a conflict like any stale row
      return {
        row,
        itemId,
        outcome: 'conflict',
        exportedVersion: plan.version,
        currentVersion: null,
        conflicts: plan.changes.map((c) => ({ column: c.column, file: c.to, current: c.from })),
      };
    if (e instanceof InvalidInputError)
      return {
        row,
        itemId,
        outcome: 'invalid',
        errors: e.errors.length
          ? e.errors.map((x) => ({ column: columnOf(x.path), message: x.message }))
          : [{ column: '', message: e.message }],
      };
    if (e instanceof PermissionError) return invalid(`not permitted: ${e.message}`);
    if (e instanceof StateConflictError) return invalid(`not allowed now: ${e.message}`, 'Status');
    if (e instanceof HttpError && e.expose) return invalid(e.message);
    log.error('matrix row not applied', { error: e, row, itemId });
    return invalid('not applied: an internal error occurred; import the file again');
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
