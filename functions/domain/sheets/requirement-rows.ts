import type { Category, DataType } from '../checklist/types.ts';
import { readAnswerType, readCategory, readMandatory, type SheetField } from './columns.ts';
import type { ColumnMapping, Grid } from './header.ts';

/** One requirement read from a row of the buyer's file. */
export interface SheetRequirement {
  /** 1-based row number in the file */
  row: number;
  reference: string;
  text: string;
  mandatory: boolean;
  category: Category;
  /** the category as written, when there is one */
  categoryLabel: string | null;
  lot: string | null;
  dataType: DataType | null;
  /** the expected answer is a document (evidence) */
  document: boolean;
  /** the numbered section heading above the row, when the table has sections */
  section: string | null;
}

export interface RowProblem {
  row: number;
  reason: string;
}

export interface SheetRows {
  requirements: SheetRequirement[];
  /** rows with content that could not be used, and why */
  rejected: RowProblem[];
  /** rows used with a caveat */
  warnings: RowProblem[];
}

const MAX_TEXT = 20_000;
const MAX_REFERENCE = 100;

/**
 * The requirements below the header. A row whose cells all hold one value (a section heading merged
 * across the table, «1. Требования к товару») starts a section; an empty row is skipped silently;
 * every other row is a requirement or is reported with the reason it could not be used. A row
 * without a reference is numbered by its row (`row-12`), with a warning: its key then moves if rows
 * are inserted above it.
 */
export function readRequirementRows(grid: Grid, mapping: ColumnMapping): SheetRows {
  const out: SheetRows = { requirements: [], rejected: [], warnings: [] };
  const cell = (row: readonly string[], f: SheetField) => {
    const c = mapping.columns[f];
    return c === undefined ? '' : (row[c] ?? '').trim();
  };
  const seen = new Map<string, number>();
  let section: string | null = null;
  for (let r = mapping.headerRow; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const rowNo = r + 1;
    const filled = row.map((v) => v.trim()).filter(Boolean);
    if (filled.length === 0) continue;
    if (isSection(row, filled, mapping.columns.text)) {
      section = filled[0] ?? null;
      continue;
    }
    const reject = (reason: string) => out.rejected.push({ row: rowNo, reason });
    const text = cell(row, 'text');
    if (text === '') {
      reject('no requirement text');
      continue;
    }
    if (text.length > MAX_TEXT) {
      reject(`the requirement text is ${text.length} characters; at most ${MAX_TEXT}`);
      continue;
    }
    const mandatoryCell = cell(row, 'mandatory');
    const mandatory = readMandatory(mandatoryCell);
    if (mandatory === undefined) {
      reject(`mandatory: cannot read "${mandatoryCell}" as yes or no`);
      continue;
    }
    const answerCell = cell(row, 'answerType');
    const answer = readAnswerType(answerCell);
    if (answer === undefined)
      out.warnings.push({
        row: rowNo,
        reason: `expected answer type "${answerCell}" not recognised: free text`,
      });
    let reference = cell(row, 'reference').replace(/\.$/, '');
    if (reference === '') {
      reference = `row-${rowNo}`;
      out.warnings.push({ row: rowNo, reason: `no reference: numbered ${reference} by its row` });
    }
    if (reference.length > MAX_REFERENCE) {
      reject(`the reference is ${reference.length} characters; at most ${MAX_REFERENCE}`);
      continue;
    }
    const first = seen.get(reference);
    if (first !== undefined) {
      reject(`duplicate reference ${reference} (first on row ${first}): kept the first`);
      continue;
    }
    seen.set(reference, rowNo);
    const categoryLabel = cell(row, 'category') || null;
    out.requirements.push({
      row: rowNo,
      reference,
      text,
      mandatory,
      category: categoryLabel ? readCategory(categoryLabel) : 'other',
      categoryLabel,
      lot: cell(row, 'lot') || null,
      dataType: answer?.dataType ?? 'string',
      document: answer?.document ?? false,
      section,
    });
  }
  return out;
}

const NUMBERED_HEADING = /^\d+(?:\.\d+)*\.?\s+\p{L}/u;

function isSection(row: readonly string[], filled: string[], textColumn: number | undefined): boolean {
  if (filled.length > 1) return new Set(filled).size === 1;
  const only = row.findIndex((v) => v.trim() !== '');
  return only !== textColumn && NUMBERED_HEADING.test(filled[0] ?? '');
}
