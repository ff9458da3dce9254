import { type FormEvent, useId, useState } from 'react';

/** The fields a spreadsheet column can hold (functions/domain/sheets/columns.ts SHEET_FIELDS). */
export const SHEET_FIELDS = ['text', 'reference', 'mandatory', 'category', 'lot', 'answerType'] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];
const LABEL: Record<SheetField, string> = {
  text: 'Requirement text',
  reference: 'Reference',
  mandatory: 'Mandatory',
  category: 'Category',
  lot: 'Lot',
  answerType: 'Answer type',
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
  };
}

/**
 * Confirm or correct the detected mapping: the header row and each field's column letter, labelled,
 * checked as the API checks them, with the API's own field errors shown next to the inputs.
 */
export function MappingForm({
  candidate,
  serverErrors,
  busy,
  onSubmit,
}: {
  candidate: MappingView | null;
  serverErrors: Partial<Record<SheetField | 'headerRow', string>>;
  busy: boolean;
  onSubmit: (mapping: MappingInput) => void;
}) {
  const id = useId();
  const [headerRow, setHeaderRow] = useState(String(candidate?.headerRow ?? 1));
  const [letters, setLetters] = useState(() => lettersOf(candidate));
  const [errors, setErrors] = useState<Partial<Record<SheetField | 'headerRow', string>>>({});
  const shown = { ...serverErrors, ...errors };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkMapping(headerRow, letters);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    onSubmit(checked.mapping);
  };
  const field = (key: SheetField | 'headerRow', label: string, input: React.ReactNode) => (
    <div className="field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {shown[key] && (
        <span className="field-error" id={`${id}-${key}-err`}>
          {shown[key]}
        </span>
      )}
    </div>
  );
  const aria = (key: SheetField | 'headerRow') =>
    shown[key] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${key}-err` } : {};
  return (
    <form className="mapping-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Column mapping</legend>
        {field(
          'headerRow',
          'Header row (its last row)',
          <input
            id={`${id}-headerRow`}
            inputMode="numeric"
            value={headerRow}
            onChange={(e) => setHeaderRow(e.target.value)}
            {...aria('headerRow')}
          />,
        )}
        {SHEET_FIELDS.map((f) =>
          field(
            f,
            `${LABEL[f]} column${f === 'text' ? '' : ' (optional)'}`,
            <>
              <input
                id={`${id}-${f}`}
                className="letter"
                maxLength={2}
                autoCapitalize="characters"
                value={letters[f]}
                onChange={(e) => setLetters({ ...letters, [f]: e.target.value })}
                {...aria(f)}
              />
              {candidate?.columns[f] && <span className="sub"> found “{candidate.columns[f].header}”</span>}
            </>,
          ),
        )}
      </fieldset>
      <button type="submit" disabled={busy}>
        Import with this mapping
      </button>
    </form>
  );
}
