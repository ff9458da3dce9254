/** Labelled inputs for the request forms: each shows its own error (typed locally, or named by the API). */

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (aria: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => React.ReactNode;
}) {
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <span id={`${id}-hint`} className="sub">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="error">
          {error}
        </span>
      )}
    </div>
  );
}

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
