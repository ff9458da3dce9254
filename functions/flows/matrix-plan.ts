import type { ItemChange } from '../domain/checklist/review.ts';
import type { Grid } from '../domain/sheets/header.ts';
import {
  MATRIX_COLUMNS,
  type MatrixColumn,
  type MatrixItem,
  type MatrixRow,
  matrixRow,
  parseItemRef,
  planRow,
} from '../domain/sheets/matrix.ts';
import { readBack } from '../domain/sheets/neutralize.ts';
import { badRequest } from '../lib/errors.ts';
import type { RowResult } from '../store/matrix-imports.ts';

/** A row of the file, planned against its item as read before anything applies. */
export type PlannedRow =
  /** nothing to apply: its result is known (unchanged, a stale version, a cell that cannot be read) */
  | { row: number; settled: RowResult }
  /** a change to apply as PATCH would, at the version exported */
  | {
      row: number;
      apply: {
        itemId: string;
        version: number;
        change: ItemChange;
        changes: { column: string; from: string; to: string }[];
        reference: string;
        requirement: string;
      };
    };

const ITEM_HEADER = MATRIX_COLUMNS.find((c) => c.key === 'item')?.header ?? '';

/** The matrix's header row and the column of each of our headers (by name: columns may have been moved). */
export function locateColumns(grid: Grid): { headerRow: number; columns: Map<MatrixColumn, number> } {
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

/** The rows below the header that hold anything (what an upload counts: blank rows are not rows). */
export function dataRows(grid: Grid): number {
  const { headerRow } = locateColumns(grid);
  let n = 0;
  for (let r = headerRow; r < grid.length; r++) if ((grid[r] ?? []).some((c) => c.trim() !== '')) n++;
  return n;
}

const firstLine = (s: string) => (s.split('\n')[0] ?? '').trim();

/**
 * Every non-blank row of an edited matrix, planned against the items as they are now: matched by the
 * hidden item id and version; a row that changes nothing is unchanged, one exported at an older version
 * a conflict with both values, one whose cells cannot apply invalid (with why), a duplicate of an
 * earlier row invalid; the rest are changes to apply. Each result names the requirement as people read
 * it: the item's reference and title, else what the file's own cells say.
 */
export function planMatrix(grid: Grid, items: readonly MatrixItem[], language: string | null): PlannedRow[] {
  const { headerRow, columns } = locateColumns(grid);
  const byId = new Map(items.map((i) => [i.itemId, i]));
  const seen = new Set<string>();
  const out: PlannedRow[] = [];
  for (let r = headerRow; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = r + 1;
    const file: Partial<MatrixRow> = {};
    for (const [key, i] of columns) file[key] = readBack(cells[i] ?? '');
    const ref = parseItemRef(file.item ?? '');
    const item = ref ? byId.get(ref.itemId) : undefined;
    const shown = item ? matrixRow(item, language) : undefined;
    const named = {
      reference: (shown?.reference ?? file.reference ?? '').trim(),
      requirement: firstLine(shown?.requirement ?? file.requirement ?? ''),
    };
    const settle = (r: Omit<RowResult, 'row' | 'reference' | 'requirement'>) =>
      out.push({ row, settled: { row, ...named, ...r } });
    const invalid = (itemId: string | null, column: string, message: string) =>
      settle({ itemId, outcome: 'invalid', errors: [{ column, message }] });
    if (!ref) {
      invalid(null, ITEM_HEADER, `not an item reference: "${file.item ?? ''}" (do not edit this column)`);
      continue;
    }
    if (!item) {
      invalid(ref.itemId, ITEM_HEADER, 'no such requirement in this tender any more (removed or never here)');
      continue;
    }
    if (seen.has(ref.itemId)) {
      invalid(ref.itemId, ITEM_HEADER, 'the same requirement appears on an earlier row: this row is ignored');
      continue;
    }
    seen.add(ref.itemId);
    const plan = planRow(file, ref.version, item);
    if (plan.kind === 'unchanged') settle({ itemId: item.itemId, outcome: 'unchanged' });
    else if (plan.kind === 'invalid')
      settle({ itemId: item.itemId, outcome: 'invalid', errors: plan.errors });
    else if (plan.kind === 'conflict')
      settle({
        itemId: item.itemId,
        outcome: 'conflict',
        exportedVersion: plan.exportedVersion,
        currentVersion: item.version,
        conflicts: plan.conflicts,
      });
    else
      out.push({
        row,
        apply: {
          itemId: item.itemId,
          version: plan.version,
          change: plan.change,
          changes: plan.changes,
          ...named,
        },
      });
  }
  return out;
}
