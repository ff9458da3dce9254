import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listItems } from '../store/checklist.ts';
import * as schemas from './schemas/checklist.ts';
import { notFoundIfNoTender } from './tender-guard.ts';

const env = loadEnv(functions.listChecklist.env);

/** GET /tenders/{id}/checklist: one Query per page; filters by status, owner, lot, category. */
export const handler = httpHandler(schemas.listChecklist, async (req, input) => {
  const id = input.path.id;
  const q = input.query;
  const page = await listItems(
    env.TABLE_NAME,
    req.caller.org,
    id,
    {
      status: q.status,
      owner: q.owner,
      lot: q.lot,
      category: q.category,
      includeArchived: q.includeArchived === 'true',
    },
    q.limit,
    q.cursor,
  );
  await notFoundIfNoTender(env.TABLE_NAME, req.caller.org, id, page.items.length === 0 && !q.cursor);
  return json(200, page);
});
