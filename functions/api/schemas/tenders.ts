import * as z from 'zod/mini';
import { api } from '../../routes.ts';

/** What the tender, import, health and document routes read (the upload's: schemas/uploads.ts) (runtime: zod/mini; /openapi.json documents these). */

/** `?limit=` (1 to 100, default 25) and `?cursor=` (nextCursor from the previous page). */
export const ListTendersQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

/** The import's options; the body is the document as published (read by api/import-source.ts). */
export const ImportQuery = z.object({
  ocid: z.optional(z.string()),
  timeZone: z.optional(z.string()),
  rulePacks: z.optional(z.string()),
});

/** GET /imports/{id}: a page of the import's per-process results. */
export const ImportResultsQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 1000),
  cursor: z.optional(z.string().check(z.minLength(1))),
});

export const health = api('health', {});
export const openapi = api('openapi', {});
export const importTender = api('importTender', { query: ImportQuery });
export const getImport = api('getImport', { query: ImportResultsQuery });
export const listTenders = api('listTenders', { query: ListTendersQuery });
export const getTender = api('getTender', {});
