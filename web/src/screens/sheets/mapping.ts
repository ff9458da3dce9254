/** The spreadsheet screens' pure rules (no imports, so the unit tests check them against the API's own). */

/** The fields a spreadsheet column can hold (functions/domain/sheets/columns.ts SHEET_FIELDS). */
export const SHEET_FIELDS = [
  'text',
  'reference',
  'mandatory',
  'category',
  'lot',
  'answerType',
  'value',
  'unit',
  'minValue',
  'maxValue',
] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];
export const FIELD_LABEL: Record<SheetField, string> = {
  text: 'Requirement text',
  reference: 'Reference',
  mandatory: 'Mandatory',
  category: 'Category',
  lot: 'Lot',
  answerType: 'Answer type',
  value: 'Required value',
  unit: 'Unit',
  minValue: 'Minimum',
  maxValue: 'Maximum',
};

export interface MappingView {
  headerRow: number;
  columns: Record<string, { column: string; header: string }>;
}
export interface MappingInput {
  headerRow: number;
  columns: { text: string } & Partial<Record<Exclude<SheetField, 'text'>, string>>;
}

const LETTER = /^[A-Za-z]{1,2}$/;

/** The same rules as the API's ColumnMappingInput: a header row 1–1000, the text column, letters A–ZZ. */
export function checkMapping(
  headerRow: string,
  letters: Record<SheetField, string>,
): { mapping: MappingInput } | { errors: Partial<Record<SheetField | 'headerRow', string>> } {
  const errors: Partial<Record<SheetField | 'headerRow', string>> = {};
  const row = Number(headerRow);
  if (!/^\d+$/.test(headerRow.trim()) || row < 1 || row > 1000)
    errors.headerRow = 'a whole number from 1 to 1000';
  for (const f of SHEET_FIELDS) {
    const v = letters[f].trim();
    if (f === 'text' && v === '') errors.text = 'required: the column holding the requirement text';
    else if (v !== '' && !LETTER.test(v)) errors[f] = 'a column letter, A to ZZ';
  }
  if (Object.keys(errors).length > 0) return { errors };
  const columns: MappingInput['columns'] = { text: letters.text.trim().toUpperCase() };
  for (const f of SHEET_FIELDS) {
    const v = letters[f].trim().toUpperCase();
    if (f !== 'text' && v !== '') columns[f] = v;
  }
  return { mapping: { headerRow: row, columns } };
}

export function lettersOf(candidate: MappingView | null): Record<SheetField, string> {
  const letter = (f: SheetField) => candidate?.columns[f]?.column ?? '';
  return {
    text: letter('text'),
    reference: letter('reference'),
    mandatory: letter('mandatory'),
    category: letter('category'),
    lot: letter('lot'),
    answerType: letter('answerType'),
    value: letter('value'),
    unit: letter('unit'),
    minValue: letter('minValue'),
    maxValue: letter('maxValue'),
  };
}

/** The API's field errors on the mapping (`mapping.columns.text` → text), to show beside the inputs. */
export function mappingFieldErrors(
  errors: readonly { path: string; message: string }[],
): Partial<Record<SheetField | 'headerRow', string>> {
  const out: Partial<Record<SheetField | 'headerRow', string>> = {};
  for (const e of errors) {
    const m = /^mapping\.(?:columns\.)?(\w+)/.exec(e.path);
    const key = SHEET_FIELDS.find((f) => f === m?.[1]) ?? (m?.[1] === 'headerRow' ? 'headerRow' : null);
    if (key) out[key] = e.message;
  }
  return out;
}

/**
 * The request body's limit is 1 MiB (functions/lib/http.ts) and base64 grows a file by a third, so a
 * file goes inline only while its encoding fits with room for the rest of the body; larger ones go
 * through a presigned upload (POST /tenders/import-uploads) and are sent by key.
 */
const INLINE_LIMIT = 1024 * 1024 - 16 * 1024;
export const fitsInline = (bytes: number) => Math.ceil(bytes / 3) * 4 <= INLINE_LIMIT;

/** The file name the API gives (Content-Disposition), else the same name it would give. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1]?.trim() || fallback;
}
