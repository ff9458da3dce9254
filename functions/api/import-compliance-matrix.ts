import { importMatrix } from '../flows/matrix-import.ts';
import { sheetBytes, sheetGrid } from '../flows/sheet-file.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.importComplianceMatrix.env);

/**
 * POST /tenders/{id}/compliance-matrix: the edited matrix (XLSX or CSV, as exported). Each row's
 * changed cells apply as a PATCH of its item would (same checks, permissions, audit); a row exported
 * at an older version is a conflict with both values, not applied; 200 with what happened to every row.
 */
export const handler = httpHandler(schemas.importComplianceMatrix, async (req, input) => {
  const bytes = await sheetBytes(env.BUCKET_NAME, req.caller.org, input.body.file);
  const { grid } = await sheetGrid(bytes);
  return json(200, await importMatrix(env.TABLE_NAME, req.caller, input.path.id, grid, systemClock.now()));
});
