import { complianceMatrixFile } from '../flows/compliance-matrix.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { binary, httpHandler } from '../lib/http.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.getComplianceMatrix.env);

/**
 * GET /tenders/{id}/compliance-matrix?format=xlsx|csv: one row per item (reference, requirement, lot,
 * mandatory, owner, status, compliance dropdown, answer, evidence, reviewer comment, and a hidden
 * item id + version for the re-import); XLSX adds the readiness sheet. Every cell is a value:
 * formula-like text is neutralised (domain/sheets/neutralize.ts).
 */
export const handler = httpHandler(schemas.getComplianceMatrix, async (req, input) => {
  const now = systemClock.now().toISOString();
  const file = await complianceMatrixFile(
    env.TABLE_NAME,
    req.caller.org,
    input.path.id,
    input.query.format,
    now,
  );
  return binary(200, file.bytes, file.contentType, {
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'cache-control': 'no-store',
  });
});
