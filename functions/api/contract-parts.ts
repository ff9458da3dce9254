import { z } from 'zod';

/** What every contract file shares: the contract shape, problem details, a page of items. */
export type Schema = z.core.$ZodType;

export interface Contract {
  summary: string;
  query?: { shape: Record<string, Schema> };
  requestBody?: { contentType: string; schema: Schema; description: string };
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
