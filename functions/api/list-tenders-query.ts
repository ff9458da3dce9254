import * as z from 'zod/mini';

/** `?limit=` (1 to 100, default 25) and `?cursor=` (nextCursor from the previous page). */
export const ListTendersQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.minLength(1))),
});
