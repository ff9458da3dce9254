import { useEffect, useRef } from 'react';
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

/** Focus the first field of a form when it appears, so a keyboard user lands where they type. */
export function useFocusFirst<T extends HTMLElement>(active: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (active) ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [active]);
  return ref;
}
