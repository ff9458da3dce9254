import type { Category, DataType } from '../checklist/types.ts';
import {
  readAnswerType,
  readCategory,
  readMandatory,
  type SheetField,
  supplierColumnScore,
} from './columns.ts';
import { type ColumnMapping, columnLetter, type Grid } from './header.ts';
import { readBoundCell, readRequiredValue } from './values.ts';

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
  /** the required value as written («не менее 16 Гбайт»), when the sheet has a value column */
  value: string | null;
  /** what the answer must equal (a number, yes/no, or text), as an OCDS requirement's expectedValue */
  expectedValue: string | number | boolean | null;
  minValue: number | null;
  maxValue: number | null;
  /** the unit of the value («Гбайт»): a unit column's, else the one written after the number */
  unit: string | null;
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
 * The requirements below the header (a row numbering its columns «1», «2», «3»… right under it is
 * skipped). A row whose cells all hold one value (a section heading merged across the table,
 * «1. Требования к товару») starts a section; an empty row is skipped silently;
 * every other row is a requirement or is reported with the reason it could not be used. A row
 * without a reference is numbered by its row (`row-12`), with a warning: its key then moves if rows
 * are inserted above it.
 */
export function readRequirementRows(grid: Grid, mapping: ColumnMapping): SheetRows {
  const out: SheetRows = { requirements: [], rejected: [], warnings: columnWarnings(grid, mapping) };
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
    if (r === mapping.headerRow && isColumnNumbering(filled)) continue;
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
    const expected = readExpectation(
      {
        value: cell(row, 'value'),
        unit: cell(row, 'unit'),
        min: cell(row, 'minValue'),
        max: cell(row, 'maxValue'),
      },
      answer?.dataType ?? null,
      (reason) => out.warnings.push({ row: rowNo, reason }),
    );
    const categoryLabel = cell(row, 'category') || null;
    out.requirements.push({
      row: rowNo,
      reference,
      text,
      mandatory,
      category: categoryLabel ? readCategory(categoryLabel) : 'other',
      categoryLabel,
      lot: cell(row, 'lot') || null,
      ...expected,
      document: answer?.document ?? false,
      section,
    });
  }
  return out;
}

type Expectation = Pick<
  SheetRequirement,
  'dataType' | 'value' | 'expectedValue' | 'minValue' | 'maxValue' | 'unit'
>;

/**
 * What the answer is checked against: the required value typed where it parses (values.ts), the
 * min / max columns, and the expected answer type; what cannot be checked is said in a warning.
 */
function readExpectation(
  cells: { value: string; unit: string; min: string; max: string },
  answerType: DataType | null,
  warn: (reason: string) => void,
): Expectation {
  const required = readRequiredValue(cells.value, cells.unit);
  const out: Expectation = {
    dataType: answerType ?? 'string',
    value: cells.value || null,
    expectedValue: null,
    minValue: null,
    maxValue: null,
    unit: cells.unit || null,
  };
  if (required) {
    out.unit = required.unit;
    if (required.caveat) warn(required.caveat);
    if (required.dataType === 'string') {
      if (out.dataType === 'string') out.expectedValue = required.expectedValue;
      else warn(`value "${cells.value}" is not a ${out.dataType}: the answer is not checked against it`);
    } else {
      const numeric = required.dataType === 'number';
      if (answerType !== null && answerType !== required.dataType && !(numeric && answerType === 'integer'))
        warn(
          `value "${cells.value}" is read as a ${required.dataType}, not the ${answerType} the answer type says`,
        );
      out.dataType = numeric && answerType === 'integer' ? 'integer' : required.dataType;
      out.expectedValue = required.expectedValue;
      out.minValue = required.minValue;
      out.maxValue = required.maxValue;
    }
  }
  for (const [field, cell] of [
    ['minValue', cells.min],
    ['maxValue', cells.max],
  ] as const) {
    const n = readBoundCell(cell);
    if (n === undefined)
      warn(`${field === 'minValue' ? 'minimum' : 'maximum'} "${cell}" is not a number: not checked`);
    if (typeof n !== 'number') continue;
    if (out[field] !== null && out[field] !== n) {
      warn(
        `${field === 'minValue' ? 'minimum' : 'maximum'} ${n} differs from the value "${cells.value}": the value's is kept`,
      );
      continue;
    }
    out[field] = n;
    if (out.dataType !== 'number' && out.dataType !== 'integer') out.dataType = 'number';
  }
  if (out.minValue !== null && out.maxValue !== null && out.minValue > out.maxValue)
    warn(`the minimum ${out.minValue} is above the maximum ${out.maxValue}: no answer can comply`);
  return out;
}

/**
 * Columns present in the file that no field is read from, each named once (on the header row): a
 * column with a header we do not map, or values under no header. A column for the supplier's answer
 * (Response, Compliance, Comments) is said only when it already holds answers.
 */
function columnWarnings(grid: Grid, mapping: ColumnMapping): RowProblem[] {
  const header = grid[mapping.headerRow - 1] ?? [];
  // a section heading merged across the table fills every column, and column numbers are no values
  const body = grid.slice(mapping.headerRow).filter((r, i) => {
    const filled = r.map((v) => v.trim()).filter(Boolean);
    return !(filled.length > 1 && new Set(filled).size === 1) && !(i === 0 && isColumnNumbering(filled));
  });
  const width = Math.max(header.length, ...body.map((r) => r.length));
  const mapped = new Set(Object.values(mapping.columns));
  const out: RowProblem[] = [];
  for (let c = 0; c < width; c++) {
    if (mapped.has(c)) continue;
    const name = (header[c] ?? '').trim();
    const filled = body.filter((r) => (r[c] ?? '').trim() !== '').length;
    const where = `column ${columnLetter(c)}${name ? ` "${name}"` : ''}`;
    let reason: string | undefined;
    if (name !== '' && supplierColumnScore(name) > 0) {
      if (filled > 0)
        reason = `${where} is for the supplier's answer and is not imported (${filled} rows filled): answer in the checklist`;
    } else if (name !== '')
      reason = `${where} is not imported: no field is read from it (map it in the mapping if it holds one)`;
    else if (filled > 0)
      reason = `${where} (no header) is not imported: ${filled} rows hold values under no header`;
    if (reason) out.push({ row: mapping.headerRow, reason });
  }
  return out;
}

/** The row of column numbers («1», «2», «3», …) a Russian or Ukrainian table often has under its header. */
const isColumnNumbering = (filled: readonly string[]) =>
  filled.length >= 3 && filled.every((v, i) => v === String(i + 1));

const NUMBERED_HEADING = /^\d+(?:\.\d+)*\.?\s+\p{L}/u;

function isSection(row: readonly string[], filled: string[], textColumn: number | undefined): boolean {
  if (filled.length > 1) return new Set(filled).size === 1;
  const only = row.findIndex((v) => v.trim() !== '');
  return only !== textColumn && NUMBERED_HEADING.test(filled[0] ?? '');
}
