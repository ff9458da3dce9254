import { useEffect, useId, useRef } from 'react';
import { ApiError } from '../../api/client';

/** The API's field errors (problem+json `errors`) by path: 'client', 'criteria.0.target', 'cost.currency'. */
export type FieldErrors = (path: string) => string | undefined;

export function fieldErrorsOf(error: unknown): FieldErrors {
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (path) => {
    const mine = errors.filter((e) => e.path === path);
    return mine.length ? mine.map((e) => e.message).join('; ') : undefined;
  };
}

/**
 * A labelled input with the API's message for its field next to it (aria-invalid, aria-describedby), so
 * the user sees what to fix where they fix it.
 */
export function Field({
  label,
  error,
  children,
  className,
}: {
  label: string;
  error: string | undefined;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => React.ReactNode;
  className?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(error ? { 'aria-describedby': errorId } : {}) })}
      {error && (
        <span className="error field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Focus the first field of a form when it appears, so a keyboard user lands where they type. */
export function useFocusFirst<T extends HTMLElement>(active: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [active]);
  return ref;
}
