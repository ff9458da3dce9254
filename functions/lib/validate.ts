import type * as z from 'zod/mini';
import { badRequest } from './errors.ts';

/** Parse with a schema or answer 400 naming every failing field (`prefix` marks where it came from, e.g. `query:`). */
export function parseOr400<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  what: string,
  prefix = '',
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw badRequest(
    `invalid ${what}`,
    parsed.error.issues.map((i) => ({
      path: `${prefix}${i.path.join('.') || (i.code === 'unrecognized_keys' ? ((i as { keys?: string[] }).keys?.join(',') ?? '') : '')}`,
      message: i.message,
    })),
  );
}
