import { z } from 'zod';

/**
 * What every OpenAPI file shares: the documentation of one API function, problem details, a page of
 * items. What a route reads is not repeated here: it is the function's declaration (api/schemas/).
 */
export type Schema = z.core.$ZodType;

export interface Operation {
  summary: string;
  /** the body's description; `schema` only where the handler reads the body itself (a document, a setting by name) */
  requestBody?: { description: string; schema?: Schema };
  /** the function's own statuses; 401/403 (token), 400 (a bound every route has), 404 (a path id of another shape), 413/415 (a body), 412/428 (If-Match) are added for every route they apply to */
  responses: Record<number, { description: string; schema?: Schema }>;
}

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` names every failing field' });

export const page = (item: z.core.$ZodType) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A problem+json response with what it means for this route. */
export const problem = (description: string) => ({ description, schema: Problem });

/** The answers of a creating POST that honours Idempotency-Key (store/idempotency.ts withIdempotency). */
export const idempotencyRefusals = {
  409: problem('a request with this Idempotency-Key is still running'),
  422: problem('this Idempotency-Key was used with another request'),
};
