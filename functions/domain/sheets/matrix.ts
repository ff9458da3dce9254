import type { ItemChange, ItemWork } from '../checklist/review.ts';
import { type ChecklistItemState, ITEM_STATUSES } from '../checklist/types.ts';
import { readMandatory } from './columns.ts';
import { isSheetCriterion } from './release.ts';

/** What re-importing a row of the matrix did: every row has exactly one. */
export const ROW_OUTCOMES = ['applied', 'unchanged', 'conflict', 'invalid'] as const;

/** The compliance dropdown's values. */
export const COMPLIANCE_VALUES = ['Compliant', 'Partially compliant', 'Non-compliant', 'N/A'] as const;

/** The exported matrix's columns, in order; `editable` ones are read back on re-import. */
export const MATRIX_COLUMNS = [
  { key: 'reference', header: 'Reference', width: 16, editable: false },
  { key: 'requirement', header: 'Requirement', width: 60, editable: false },
  { key: 'lot', header: 'Lot', width: 10, editable: false },
  { key: 'mandatory', header: 'Mandatory', width: 11, editable: false },
  { key: 'owner', header: 'Owner', width: 20, editable: true },
  { key: 'status', header: 'Status', width: 15, editable: true },
  { key: 'compliance', header: 'Compliance', width: 20, editable: true },
  { key: 'answer', header: 'Answer', width: 40, editable: true },
  { key: 'evidence', header: 'Evidence', width: 40, editable: false },
  { key: 'comment', header: 'Reviewer comment', width: 40, editable: true },
  { key: 'item', header: 'Tenderflow item (do not edit)', width: 30, editable: false, hidden: true },
] as const;
export type MatrixColumn = (typeof MATRIX_COLUMNS)[number]['key'];
export type MatrixRow = Record<MatrixColumn, string>;
type EditableColumn = Extract<(typeof MATRIX_COLUMNS)[number], { editable: true }>['key'];
const EDITABLE = MATRIX_COLUMNS.filter((c) => c.editable).map((c) => c.key) as EditableColumn[];

export type MatrixItem = ChecklistItemState & ItemWork & { version: number };

const pick = (text: Record<string, string>, language: string | null) =>
  (language ? text[language] : undefined) ?? Object.values(text)[0] ?? '';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

const answerText = (item: Pick<MatrixItem, 'answer'>): string => {
  const v = item.answer?.value;
  if (v === null || v === undefined) return item.answer?.text ?? '';
  return typeof v === 'boolean' ? yesNo(v) : String(v);
};

const complianceOf = (item: MatrixItem): string => {
  if (item.notApplicable || item.status === 'not_applicable') return 'N/A';
  if (item.compliant === true) return 'Compliant';
  if (item.compliant === false) return 'Non-compliant';
  return '';
};

/** The hidden reference that ties a row back to its item and the version exported. */
export const itemRef = (item: Pick<MatrixItem, 'itemId' | 'version'>) => `${item.itemId}@v${item.version}`;
const ITEM_REF = /^(i-[0-9a-f]{20})@v([1-9][0-9]{0,8})$/;

/** One item as a matrix row (plain text; the writers neutralise formulas). */
export function matrixRow(item: MatrixItem, language: string | null): MatrixRow {
  const title = pick(item.title, language);
  const description = pick(item.description, language);
  return {
    reference: isSheetCriterion(item.criterionId) ? item.requirementId : item.key,
    requirement: description && description !== title ? `${title}\n${description}` : title,
    lot: item.lotIds.join(', '),
    mandatory: yesNo(item.mandatory),
    owner: item.owner ?? '',
    status: item.status,
    compliance: complianceOf(item),
    answer: answerText(item),
    evidence: item.evidence.map((e) => `${e.title ?? e.evidenceId} (${e.evidenceId})`).join('\n'),
    comment: item.lastComment ?? '',
    item: itemRef(item),
  };
}

export interface CellProblem {
  column: string;
  message: string;
}

/** What re-importing one row means for its item. */
export type RowPlan =
  | { kind: 'unchanged' }
  | { kind: 'invalid'; errors: CellProblem[] }
  | {
      kind: 'conflict';
      exportedVersion: number;
      conflicts: { column: string; file: string; current: string }[];
    }
  | {
      kind: 'change';
      version: number;
      change: ItemChange;
      changes: { column: string; from: string; to: string }[];
    };

export function parseItemRef(cell: string): { itemId: string; version: number } | undefined {
  const m = ITEM_REF.exec(cell.trim());
  return m?.[1] && m[2] ? { itemId: m[1], version: Number(m[2]) } : undefined;
}

/**
 * Compare a re-imported row with its item as it is now. A stale version is a conflict listing each
 * editable cell where the file and the item differ (nothing applies); otherwise only the changed cells
 * become a change, to be applied exactly as PATCH /tenders/{id}/checklist/{itemId} applies it.
 */
export function planRow(file: Partial<MatrixRow>, exportedVersion: number, current: MatrixItem): RowPlan {
  const now = matrixRow(current, null);
  const differs = EDITABLE.filter((c) => {
    const cell = file[c];
    if (cell === undefined || norm(cell) === norm(now[c])) return false;
    // an answer typed another way (`1 500 000,50` for 1500000.5, `Да` for true) is the same answer
    return !(
      c === 'answer' &&
      current.answer !== null &&
      answerValue(norm(cell), current.dataType) === current.answer.value
    );
  });
  if (differs.length === 0) return { kind: 'unchanged' };
  if (exportedVersion !== current.version)
    return {
      kind: 'conflict',
      exportedVersion,
      conflicts: differs.map((c) => ({ column: header(c), file: file[c] ?? '', current: now[c] })),
    };
  const change: ItemChange = {};
  const errors: CellProblem[] = [];
  for (const c of differs) {
    const value = (file[c] ?? '').trim();
    if (c === 'owner') {
      if (value.length > 200) errors.push({ column: header(c), message: 'at most 200 characters' });
      change.owner = value === '' ? null : value;
    } else if (c === 'status') {
      const status = ITEM_STATUSES.find((s) => s === value.toLowerCase().replace(/[\s-]+/g, '_'));
      if (!status)
        errors.push({
          column: header(c),
          message: `not a status: "${value}" (one of ${ITEM_STATUSES.join(', ')})`,
        });
      else change.status = status;
    } else if (c === 'compliance') {
      if (value === 'N/A') change.status ??= 'not_applicable';
      else
        errors.push({
          column: header(c),
          message: `"${value}" cannot be set: compliance follows from the answer (change the answer, or choose N/A)`,
        });
    } else if (c === 'answer') {
      change.answer = { value: answerValue(value, current.dataType), text: current.answer?.text ?? null };
    } else if (c === 'comment') {
      if (value.length > 5_000) errors.push({ column: header(c), message: 'at most 5,000 characters' });
      if (value !== '') change.comment = value;
    }
  }
  if (errors.length) return { kind: 'invalid', errors };
  return {
    kind: 'change',
    version: exportedVersion,
    change,
    changes: differs.map((c) => ({ column: header(c), from: now[c], to: file[c] ?? '' })),
  };
}

const norm = (s: string) => s.replace(/\r\n/g, '\n').trim();
const header = (key: MatrixColumn) => MATRIX_COLUMNS.find((c) => c.key === key)?.header ?? key;

/** A typed answer from its cell: yes/no for booleans, numbers with either decimal mark; otherwise the text (checked later). */
function answerValue(cell: string, dataType: MatrixItem['dataType']): string | number | boolean | null {
  if (cell === '') return null;
  if (dataType === 'boolean') return readMandatory(cell) ?? cell;
  if (dataType === 'number' || dataType === 'integer') {
    const n = Number(cell.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    return Number.isFinite(n) ? n : cell;
  }
  return cell;
}
