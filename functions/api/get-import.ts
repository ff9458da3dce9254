import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getImport, listResults } from '../store/imports.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.getImport.env);

/**
 * GET /imports/{id}: the import's status and progress (total, done, failed) and its per-process
 * results (ocid, tenderId, status, error), a page at a time. A direct import (one process, one
 * tender-intake execution) reads its one result from the tender itself.
 */
export const handler = httpHandler(schemas.getImport, async (req, input) => {
  const id = input.path.id;
  const { org } = req.caller;
  const q = input.query;
  const record = await getImport(env.TABLE_NAME, org, id);
  if (!record) throw notFound(`no import ${id}`);
  const page = await listResults(env.TABLE_NAME, org, id, q.limit, q.cursor);
  if (record.mode === 'direct' && record.status === 'running') {
    const [result] = page.items;
    const tender = result && (await getTender(env.TABLE_NAME, org, result.tenderId));
    const last = tender?.lastImport;
    if (result?.status === 'pending' && tender && tender.status !== 'importing' && last) {
      const failed = last.status === 'failed';
      result.status = failed ? 'failed' : 'ready';
      if (failed) result.error = { error: last.error ?? 'IntakeFailed', cause: last.cause ?? '' };
      Object.assign(record, {
        status: failed ? 'failed' : 'succeeded',
        done: failed ? 0 : 1,
        failed: failed ? 1 : 0,
        finishedAt: last.at,
      });
    }
  }
  return json(200, { ...record, results: page.items, nextCursor: page.nextCursor });
});
