import * as z from 'zod/mini';

/** Query and body schemas of the checklist routes (runtime: zod/mini; /openapi.json is generated from them). */
export const ChecklistQuery = z.object({
  status: z.optional(z.enum(['open', 'in_progress', 'answered', 'approved', 'rejected', 'not_applicable'])),
  owner: z.optional(z.string().check(z.minLength(1))),
  lot: z.optional(z.string().check(z.minLength(1))),
  category: z.optional(
    z.enum(['exclusion', 'selection-economic', 'selection-technical', 'guarantee', 'other']),
  ),
  includeArchived: z.optional(z.enum(['true', 'false'])),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 100),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const ItemPatch = z.strictObject({
  owner: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(200)))),
  dueAt: z.optional(z.nullable(z.iso.datetime({ offset: true }))),
  answer: z.optional(
    z.strictObject({
      value: z.optional(z.union([z.string().check(z.maxLength(10_000)), z.number(), z.boolean(), z.null()])),
      text: z.optional(z.nullable(z.string().check(z.maxLength(20_000)))),
    }),
  ),
  status: z.optional(z.enum(['open', 'in_progress', 'answered', 'approved', 'rejected', 'not_applicable'])),
  comment: z.optional(z.string().check(z.minLength(1), z.maxLength(5_000))),
  /** attach library evidence (one call per suggestion) or detach it */
  evidence: z.optional(
    z.strictObject({
      attach: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
      detach: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(20))),
    }),
  ),
});

export const PageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});
