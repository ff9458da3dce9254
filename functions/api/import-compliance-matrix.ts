import { startMatrixUpload, uploadView } from '../flows/matrix-upload.ts';
import { sheetBytes } from '../flows/sheet-file.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { sha256Hex } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { withIdempotency } from '../store/idempotency.ts';
import { listRowResults } from '../store/matrix-imports.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.importComplianceMatrix.env);

/**
 * POST /tenders/{id}/compliance-matrix: the edited matrix (XLSX or CSV, as exported). Each row's
 * changed cells apply as a PATCH of its item would (same checks, permissions, audit); a row exported
 * at an older version is a conflict with both values, not applied. Up to 200 rows: applied here, 200
 * with what happened to every row. More: 202 at once, the matrix-import workflow applies them and
 * GET …/compliance-matrix/imports/{importId} (Location) shows the progress and the result. The same
 * file again while it is being applied answers with that upload (Idempotency-Key honoured too).
 */
export const handler = httpHandler(schemas.importComplianceMatrix, async (req, input) => {
  const { org } = req.caller;
  const tenderId = input.path.id;
  const bytes = await sheetBytes(env.BUCKET_NAME, org, input.body.file);
  const now = systemClock.now();
  const requestHash = sha256Hex(`${req.event.rawPath}\n${req.event.body ?? ''}`);
  return withIdempotency(env.TABLE_NAME, org, req.header('idempotency-key'), requestHash, now, async () => {
    const { record } = await startMatrixUpload(
      env,
      req.caller,
      tenderId,
      { fileName: input.body.file.fileName, bytes },
      now,
    );
    const location = { location: `/tenders/${tenderId}/compliance-matrix/imports/${record.importId}` };
    if (record.status === 'running') return json(202, uploadView(record, [], null), location);
    const rows = await listRowResults(env.TABLE_NAME, org, record.importId, undefined, 1000);
    return json(200, uploadView(record, rows.items, rows.nextCursor), location);
  });
});
