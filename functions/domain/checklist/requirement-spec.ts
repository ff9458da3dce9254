import * as z from 'zod/mini';
import type { RequirementSpec } from './types.ts';

const localized = z.record(z.string(), z.string());

/** A RequirementSpec (types.ts) as read back from the intake document in S3: checked, never cast. */
const RequirementSpecShape = z.object({
  key: z.string().check(z.minLength(1)),
  criterionId: z.string(),
  criterionTitle: localized,
  criterionDescription: localized,
  classification: z.nullable(z.object({ scheme: z.nullable(z.string()), id: z.string() })),
  codes: z.optional(z.array(z.object({ scheme: z.string(), id: z.string() }))),
  legislation: z.array(z.string()),
  groupId: z.string(),
  groupDescription: localized,
  requirementId: z.string(),
  title: localized,
  description: localized,
  dataType: z.nullable(z.enum(['string', 'date-time', 'number', 'integer', 'boolean'])),
  expectedValue: z.nullable(z.union([z.string(), z.number(), z.boolean()])),
  minValue: z.nullable(z.number()),
  maxValue: z.nullable(z.number()),
  pattern: z.nullable(z.string()),
  unit: z.optional(z.string()),
  eligibleEvidences: z.array(
    z.object({ id: z.string(), title: z.nullable(z.string()), type: z.nullable(z.string()) }),
  ),
  category: z.enum(['exclusion', 'selection-economic', 'selection-technical', 'guarantee', 'other']),
  obligation: z.enum(['tenderer', 'lot', 'winner']),
  lotIds: z.array(z.string()),
  mandatory: z.boolean(),
});

// The schema and the type say the same thing: each is assignable to the other.
type Parsed = z.infer<typeof RequirementSpecShape>;
const _sameShape: [
  Parsed extends RequirementSpec ? true : false,
  RequirementSpec extends Parsed ? true : false,
] = [true, true];
void _sameShape;

/**
 * A requirement read from outside the process, checked against the schema and kept as it was written
 * (its key order is part of its spec hash, so it is validated, not rebuilt).
 */
export const RequirementSpecSchema = z.custom<RequirementSpec>(
  (value) => RequirementSpecShape.safeParse(value).success,
  'not a requirement as intake writes it',
);
