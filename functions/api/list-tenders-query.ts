import { z } from 'zod';

export const ListTendersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('page size, 1 to 100'),
  cursor: z.string().min(1).optional().describe('nextCursor from the previous page'),
});
