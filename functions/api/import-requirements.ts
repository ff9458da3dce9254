import { isValidTimeZone } from '../domain/time.ts';
import { chooseMapping, importSheetRequirements, MappingNeededError } from '../flows/requirements-import.ts';
import { sheetBytes, sheetsOf } from '../flows/sheet-file.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { sha256Hex } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { withIdempotency } from '../store/idempotency.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.importRequirements.env);

/**
 * POST /tenders/{id}/requirements/import, and POST /tenders/requirements/import for a new tender
 * from the file alone: the buyer's XLSX or CSV requirement list (in the body, base64, or a presigned
 * upload's key). The header is found below any title block, merged header cells included, and its
 * columns mapped by name (English, Russian, Ukrainian); when that is uncertain, 422 with the
 * candidate mapping to confirm. The rows go through tender-intake as requirements; 202 with the
 * import, and every row that could not be used and why. Idempotency-Key honoured.
 */
export const handler = httpHandler(schemas.importRequirements, async (req, input) => {
  const { timeZone } = input.query;
  if (timeZone !== undefined && !isValidTimeZone(timeZone))
    throw badRequest('unknown time zone', [
      { path: 'query:timeZone', message: `not an IANA time zone: ${timeZone}` },
    ]);
  const { file, sheet, title, mapping: explicit } = input.body;
  const tenderId = req.event.pathParameters?.id;
  const bytes = await sheetBytes(env.BUCKET_NAME, req.caller.org, file);
  // every sheet of the workbook: the one named, else the one whose header reads best, holds the requirements
  const { sheets } = await sheetsOf(bytes);
  const now = systemClock.now();
  // a repeated submission (a double click, a retried upload) starts one import, not two new tenders
  const requestHash = sha256Hex(`${req.event.rawPath}\n${req.event.rawQueryString}\n${req.event.body ?? ''}`);
  const key = req.header('idempotency-key');
  try {
    const { grid, mapping, ...where } = chooseMapping(sheets, { sheet, mapping: explicit });
    return await withIdempotency(env.TABLE_NAME, req.caller.org, key, requestHash, now, async () => {
      const result = await importSheetRequirements(env, {
        org: req.caller.org,
        // checked against its pattern by httpHandler; absent on the new-tender route
        ...(tenderId ? { tenderId } : {}),
        grid,
        mapping,
        where,
        fileName: file.fileName,
        sha256: sha256Hex(bytes),
        ...(title ? { title } : {}),
        ...(timeZone ? { timeZone } : {}),
        now,
      });
      return json(202, result, { location: `/imports/${result.importId}` });
    });
  } catch (e) {
    if (!(e instanceof MappingNeededError)) throw e;
    return json(
      422,
      {
        type: 'about:blank',
        title: e.title,
        status: 422,
        detail: e.message,
        candidate: e.candidate,
        sheet: e.where.sheet,
        sheets: e.where.sheets,
        doubts: e.doubts,
        rejected: e.rejected,
      },
      { 'content-type': 'application/problem+json' },
    );
  }
});
