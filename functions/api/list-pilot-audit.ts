import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { listAudit } from '../store/audit.ts';
import { getPilot } from '../store/pilots.ts';
import * as schemas from './schemas/pilots.ts';

const env = loadEnv(functions.listPilotAudit.env);

/** GET /pilots/{id}/audit: every change to the pilot (creation, edits, transitions, evaluations), newest first. */
export const handler = httpHandler(schemas.listPilotAudit, async (req, input) => {
  const id = input.path.id;
  const q = input.query;
  const page = await listAudit(env.TABLE_NAME, req.caller.org, { pilot: id }, q.limit, q.cursor);
  // a pilot always has its `create` entry: an empty first page means no such pilot here
  if (page.items.length === 0 && !q.cursor && !(await getPilot(env.TABLE_NAME, req.caller.org, id)))
    throw notFound(`no pilot ${id}`);
  return json(200, page);
});
