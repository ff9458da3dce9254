import { useId } from 'react';

/** What a field's control gets: its id for the label, and the ARIA that ties it to its hint and error. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled input with its hint and the error for its field beside it (typed locally, or named by the
 * API's problem+json), so the user sees what to fix where they fix it. Every form of the app uses it.
 */
export function Field({
  label,
  error,
  hint,
  id: given,
  className,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** a stable id when a test or a link needs one; otherwise one is made */
  id?: string;
  className?: string;
  children: (control: FieldControl) => React.ReactNode;
}) {
  const made = useId();
  const id = given ?? made;
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="sub">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="error field-error">
          {error}
        </span>
      )}
    </div>
  );
}
