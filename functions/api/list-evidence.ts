import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.listEvidence.env);

/** GET /evidence: the organisation's evidence library, newest first; `type` and `tag` filter within the page. */
export const handler = httpHandler(schemas.listEvidence, async (req, input) => {
  const q = input.query;
  const page = await listEvidence(env.TABLE_NAME, req.caller.org, q.limit, q.cursor);
  const tag = q.tag?.toLowerCase();
  const items = page.items.filter(
    (e) => (!q.type || e.type === q.type) && (!tag || e.tags.some((t) => t.toLowerCase() === tag)),
  );
  return json(200, { items, nextCursor: page.nextCursor });
});
