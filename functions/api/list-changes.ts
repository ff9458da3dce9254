import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listChanges } from '../store/changes.ts';
import * as schemas from './schemas/checklist.ts';
import { notFoundIfNoTender } from './tender-guard.ts';

const env = loadEnv(functions.listChanges.env);

/** GET /tenders/{id}/changes: what each amendment changed (deadlines and other fields; requirements added, changed, archived). */
export const handler = httpHandler(schemas.listChanges, async (req, input) => {
  const id = input.path.id;
  const q = input.query;
  const page = await listChanges(env.TABLE_NAME, req.caller.org, id, q.limit, q.cursor);
  await notFoundIfNoTender(env.TABLE_NAME, req.caller.org, id, page.items.length === 0 && !q.cursor);
  return json(200, page);
});
