import * as z from 'zod/mini';
import { Commercial, Technical } from '../../domain/custom-dev/schemas.ts';
import { CDR_STATUSES, DECISIONS } from '../../domain/custom-dev/types.ts';
import { api } from '../../routes.ts';

/** What the custom-development request routes read (runtime: zod/mini; /openapi.json documents these). */

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const CustomDevCreate = z.strictObject({
  client: text(300),
  title: text(300),
  problem: text(20_000),
  requestedFunctionality: text(20_000),
  neededBy: z.optional(z.iso.date()),
  vertical: z.optional(text(100)),
  strategicFit: z.int().check(z.minimum(1), z.maximum(5)),
  tenderId: z.optional(text(100)),
  checklistItemId: z.optional(text(100)),
  evidenceIds: z._default(z.array(text(100)).check(z.maxLength(50)), []),
});

/** Made from a checklist item: client, problem and neededBy come from the tender; these add to or override them. */
export const CustomDevFromItem = z.strictObject({
  strategicFit: z.int().check(z.minimum(1), z.maximum(5)),
  title: z.optional(text(300)),
  requestedFunctionality: z.optional(text(20_000)),
  neededBy: z.optional(z.iso.date()),
  vertical: z.optional(text(100)),
  evidenceIds: z._default(z.array(text(100)).check(z.maxLength(50)), []),
});

export const DecisionBody = z.strictObject({
  decision: z.enum(DECISIONS),
  reason: z.optional(text(5_000)),
});

export const CustomDevQuery = z.object({
  status: z.optional(z.enum(CDR_STATUSES)),
  client: z.optional(text(300)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const AuditQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const createCustomDevRequest = api('createCustomDevRequest', { body: CustomDevCreate });
export const createCustomDevFromItem = api('createCustomDevFromItem', {
  ifMatch: true,
  body: CustomDevFromItem,
});
export const putCustomDevTechnical = api('putCustomDevTechnical', { ifMatch: true, body: Technical });
export const putCustomDevCommercial = api('putCustomDevCommercial', { ifMatch: true, body: Commercial });
export const getCustomDevRequest = api('getCustomDevRequest', {});
export const listCustomDevRequests = api('listCustomDevRequests', { query: CustomDevQuery });
export const decideCustomDevRequest = api('decideCustomDevRequest', { ifMatch: true, body: DecisionBody });
export const getCustomDevSpec = api('getCustomDevSpec', {});
export const listCustomDevAudit = api('listCustomDevAudit', { query: AuditQuery });
// GET /settings/{name}: the name is the path's
export const getSetting = api('getSetting', {});
