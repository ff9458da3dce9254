import { Field } from '../../components/Field';

/** A number typed as text (decimal keyboard on phones); the form parses it, so NaN is never sent. */
export function NumberField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <input {...aria} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** Lines of a textarea as a list (dependencies, risks), blank lines dropped. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
