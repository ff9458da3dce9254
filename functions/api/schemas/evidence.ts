import * as z from 'zod/mini';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_TYPES, MAX_EVIDENCE_BYTES } from '../../domain/evidence.ts';
import { api } from '../../routes.ts';

/** What the evidence library routes read (runtime: zod/mini; /openapi.json documents these). */

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const instant = () => z.nullable(z.iso.datetime({ offset: true }));

export const EvidenceCreate = z.strictObject({
  title: text(300),
  type: z.enum(EVIDENCE_TYPES),
  tags: z._default(z.array(text(60)).check(z.maxLength(30)), []),
  validFrom: z.optional(instant()),
  validUntil: z.optional(instant()),
  fileName: text(200),
  contentType: z.enum(EVIDENCE_CONTENT_TYPES),
  bytes: z.int().check(z.minimum(1), z.maximum(MAX_EVIDENCE_BYTES)),
});

export const EvidencePatch = z.strictObject({
  title: z.optional(text(300)),
  type: z.optional(z.enum(EVIDENCE_TYPES)),
  tags: z.optional(z.array(text(60)).check(z.maxLength(30))),
  validFrom: z.optional(instant()),
  validUntil: z.optional(instant()),
});

export const EvidenceQuery = z.object({
  type: z.optional(z.enum(EVIDENCE_TYPES)),
  tag: z.optional(text(60)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const createEvidence = api('createEvidence', { body: EvidenceCreate });
export const completeEvidence = api('completeEvidence', {});
export const getEvidence = api('getEvidence', {});
export const listEvidence = api('listEvidence', { query: EvidenceQuery });
export const updateEvidence = api('updateEvidence', { ifMatch: true, body: EvidencePatch });
export const listSuggestions = api('listSuggestions', {});
