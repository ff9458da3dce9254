import type * as z from 'zod/mini';
import { badRequest, type FieldError } from './errors.ts';

type Issue = z.core.$ZodIssue;

/** One field error per failing field; an unknown key is named itself (`answer.colour`), not its parent. */
export function fieldErrors(issues: readonly Issue[], prefix = ''): FieldError[] {
  return issues.flatMap((i) => {
    const at = i.path.map(String);
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ path: `${prefix}${[...at, k].join('.')}`, message: 'unknown field' }));
    return [{ path: `${prefix}${at.join('.')}`, message: i.message }];
  });
}

/** Parse with a schema or answer 400 naming every failing field (`prefix` marks where it came from, e.g. `query:`). */
export function parseOr400<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  what: string,
  prefix = '',
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw badRequest(`invalid ${what}`, fieldErrors(parsed.error.issues, prefix));
}
