import { uploadView } from '../flows/matrix-upload.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getMatrixImport, listRowResults } from '../store/matrix-imports.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.getMatrixImport.env);

/**
 * GET /tenders/{id}/compliance-matrix/imports/{importId}: a matrix upload's status, progress (rows done
 * of total) and counts (applied, unchanged, conflicts, invalid), with a page of its rows — of one
 * outcome (`?outcome=conflict`) or all of them, grouped by outcome — each naming its requirement.
 */
export const handler = httpHandler(schemas.getMatrixImport, async (req, input) => {
  const { org } = req.caller;
  const { id: tenderId, importId } = input.path;
  const record = await getMatrixImport(env.TABLE_NAME, org, importId);
  if (!record || record.tenderId !== tenderId) throw notFound(`no matrix upload ${importId} for this tender`);
  const { outcome, limit, cursor } = input.query;
  const rows = await listRowResults(env.TABLE_NAME, org, importId, outcome, limit, cursor);
  return json(200, uploadView(record, rows.items, rows.nextCursor));
});
