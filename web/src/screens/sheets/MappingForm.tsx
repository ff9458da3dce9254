import { type FormEvent, useId, useState } from 'react';
import { Field, type FieldControl } from '../../components/Field';
import {
  checkMapping,
  FIELD_LABEL,
  lettersOf,
  type MappingInput,
  type MappingView,
  SHEET_FIELDS,
  type SheetField,
} from './mapping';

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
  const field = (
    key: SheetField | 'headerRow',
    label: string,
    input: (control: FieldControl) => React.ReactNode,
  ) => (
    <Field key={key} id={`${id}-${key}`} label={label} error={shown[key]}>
      {input}
    </Field>
  );
  return (
    <form className="mapping-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Column mapping</legend>
        {field('headerRow', 'Header row (its last row)', (control) => (
          <input
            {...control}
            className="letter"
            inputMode="numeric"
            value={headerRow}
            onChange={(e) => setHeaderRow(e.target.value)}
          />
        ))}
        {SHEET_FIELDS.map((f) =>
          field(f, `${FIELD_LABEL[f]} column${f === 'text' ? '' : ' (optional)'}`, (control) => (
            <>
              <input
                {...control}
                className="letter"
                maxLength={2}
                autoCapitalize="characters"
                value={letters[f]}
                onChange={(e) => setLetters({ ...letters, [f]: e.target.value })}
              />
              {candidate?.columns[f] && <span className="sub"> found “{candidate.columns[f].header}”</span>}
            </>
          )),
        )}
      </fieldset>
      <button type="submit" disabled={busy}>
        Import with this mapping
      </button>
    </form>
  );
}
