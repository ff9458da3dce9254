import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { checkRequirementCount, criteriaRequirements } from '../domain/checklist/requirement-count.ts';
import { detectOcds, isObject, type JsonObject } from '../domain/ocds/detect.ts';
import { compileReleases } from '../domain/ocds/merge.ts';
import { isProzorroTender } from '../domain/prozorro/normalize.ts';
import { SHEET_FIELDS } from '../domain/sheets/columns.ts';
import { type ColumnMapping, columnIndex, columnLetter, type Grid } from '../domain/sheets/header.ts';
import { sheetRelease, titleBlock, withSheetRequirements } from '../domain/sheets/release.ts';
import { readRequirementRows, type SheetRows } from '../domain/sheets/requirement-rows.ts';
import { chooseSheet, type NamedSheet } from '../domain/sheets/workbook.ts';
import { sfn } from '../lib/clients/sfn.ts';
import { badRequest, HttpError, notFound } from '../lib/errors.ts';
import { newId, tenderIdFor } from '../lib/ids.ts';
import { getRawDocument, putRawDocument } from '../store/documents.ts';
import { createImport, putResults } from '../store/imports.ts';
import { beginIntake, failIntake, getIntakeState, getTender } from '../store/tenders.ts';

/** The mapping as the API shows it: column letters and the header text found there. */
export interface MappingView {
  headerRow: number;
  columns: Partial<Record<(typeof SHEET_FIELDS)[number], { column: string; header: string }>>;
}

export const mappingView = (grid: Grid, m: ColumnMapping): MappingView => ({
  headerRow: m.headerRow,
  columns: Object.fromEntries(
    Object.entries(m.columns).map(([f, c]) => [
      f,
      { column: columnLetter(c), header: grid[m.headerRow - 1]?.[c] ?? '' },
    ]),
  ),
});

/** Which sheet of the file was read, and every sheet it has (a CSV file: `sheet` null, `sheets` empty). */
export interface SheetsView {
  sheet: string | null;
  sheets: string[];
}

/** 422: the file was read, but which column is which is not certain — the candidate mapping to confirm or correct. */
export class MappingNeededError extends HttpError {
  constructor(
    detail: string,
    readonly candidate: MappingView | null,
    readonly doubts: string[],
    readonly where: SheetsView,
    readonly rejected: SheetRows['rejected'] = [],
  ) {
    super(422, 'Unprocessable Content', `${detail}${otherSheets(where)}`);
  }
}

const otherSheets = ({ sheet, sheets }: SheetsView) =>
  sheet !== null && sheets.length > 1
    ? ` (read sheet "${sheet}" of ${sheets.map((n) => `"${n}"`).join(', ')}; send sheet to read another)`
    : '';

type ExplicitMapping = {
  headerRow: number;
  columns: Partial<Record<(typeof SHEET_FIELDS)[number], string>>;
};

/**
 * Which sheet, where its header is and which column is which: the sheet asked for, else the one whose
 * header scores best (domain/sheets/workbook.ts); the caller's explicit mapping, else detection when sure.
 */
export function chooseMapping(
  sheets: readonly NamedSheet[],
  request: { sheet?: string | undefined; mapping?: ExplicitMapping | undefined } = {},
): { grid: Grid; mapping: ColumnMapping } & SheetsView {
  const choice = chooseSheet(sheets, request.sheet);
  if (!choice) {
    const names = sheets.flatMap((s) => (s.name === null ? [] : [s.name]));
    throw badRequest('no such sheet', [
      {
        path: 'sheet',
        message:
          request.sheet === undefined
            ? 'the file has no sheet'
            : `no sheet named "${request.sheet}" (there are: ${names.join(', ')})`,
      },
    ]);
  }
  const where: SheetsView = { sheet: choice.sheet.name, sheets: choice.names };
  const grid = choice.sheet.rows;
  const explicit = request.mapping;
  if (explicit) {
    const columns: ColumnMapping['columns'] = {};
    for (const f of SHEET_FIELDS) {
      const letter = explicit.columns[f];
      const index = letter === undefined ? undefined : columnIndex(letter);
      if (index !== undefined) columns[f] = index;
    }
    return { grid, mapping: { headerRow: explicit.headerRow, columns }, ...where };
  }
  const detected = choice.detection;
  if (!detected)
    throw new MappingNeededError(
      'no header row naming a requirement column was found in the first 40 rows; send a mapping',
      null,
      ['no column is named as the requirement text'],
      where,
    );
  if (!detected.sure)
    throw new MappingNeededError(
      `the column mapping is uncertain: ${detected.doubts.join('; ')}; confirm or correct the candidate and send it as mapping`,
      mappingView(grid, detected.mapping),
      detected.doubts,
      where,
    );
  return { grid, mapping: detected.mapping, ...where };
}

export interface SheetImportRequest {
  org: string;
  /** the tender the requirements belong to; none: a new tender from the file alone */
  tenderId?: string;
  grid: Grid;
  mapping: ColumnMapping;
  /** the sheet the grid is, and the workbook's sheets */
  where: SheetsView;
  fileName: string;
  sha256: string;
  title?: string;
  timeZone?: string;
  now: Date;
}

/**
 * Turn the file's requirements into an OCDS release (domain/sheets/release.ts) and run the ordinary
 * tender-intake on it: a new tender, or the existing tender's compiled release with the file's
 * requirements in place of those an earlier file added — so re-importing a changed file is an
 * amendment (changed items go back to review with their answers kept, removed ones are archived).
 */
export async function importSheetRequirements(
  env: { TABLE_NAME: string; BUCKET_NAME: string; TENDER_INTAKE_STATE_MACHINE_ARN: string },
  req: SheetImportRequest,
) {
  const rows = readRequirementRows(req.grid, req.mapping);
  if (rows.requirements.length === 0)
    throw new MappingNeededError(
      'no row of the file holds a usable requirement',
      mappingView(req.grid, req.mapping),
      [],
      req.where,
      rows.rejected,
    );
  const now = req.now.toISOString();
  const source = { fileName: req.fileName, sha256: req.sha256, now };
  let release: JsonObject;
  let ocid: string;
  let tenderId: string;
  if (req.tenderId) {
    tenderId = req.tenderId;
    const [state, tender] = await Promise.all([
      getIntakeState(env.TABLE_NAME, req.org, tenderId),
      getTender(env.TABLE_NAME, req.org, tenderId),
    ]);
    if (!state || !tender) throw notFound(`no tender ${tenderId}`);
    if (state.status === 'importing')
      throw new HttpError(409, 'Conflict', 'an import of this tender is running; try again when it is done');
    ocid = tender.ocid;
    release = withSheetRequirements(
      await compiledRelease(env.BUCKET_NAME, state.rawKey, ocid),
      rows.requirements,
      source,
    );
  } else {
    ocid = `ocds-tfsheet-${newId().toLowerCase()}`;
    tenderId = tenderIdFor(ocid);
    const title = req.title ?? titleBlock(req.grid, req.mapping.headerRow) ?? req.fileName;
    release = sheetRelease(ocid, title, rows.requirements, source);
  }
  // over the limit of requirements (the file's, with the tender's own when it goes into one): refused before anything is written
  const tender = isObject(release.tender) ? release.tender : {};
  checkRequirementCount(
    req.tenderId ? 'the tender with the file' : 'the file',
    criteriaRequirements(tender.criteria),
  );
  const raw = await putRawDocument(env.BUCKET_NAME, req.org, JSON.stringify(release));
  const importId = newId();
  await createImport(env.TABLE_NAME, req.org, {
    id: importId,
    kind: 'spreadsheet',
    mode: 'direct',
    total: 1,
    warnings: [],
    now,
  });
  await putResults(env.TABLE_NAME, req.org, importId, [{ n: 0, ocid, tenderId, status: 'pending' }]);
  await beginIntake(env.TABLE_NAME, req.org, { tenderId, ocid, rawKey: raw.key, now });
  const options = req.timeZone ? { timeZone: req.timeZone } : {};
  let executionId: string | null;
  try {
    const started = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: env.TENDER_INTAKE_STATE_MACHINE_ARN,
        name: `${tenderId}-${importId}`,
        input: JSON.stringify({ org: req.org, tenderId, ocid, rawKey: raw.key, options }),
      }),
    );
    executionId = started.executionArn ?? null;
  } catch (error) {
    await failIntake(
      env.TABLE_NAME,
      req.org,
      tenderId,
      { error: 'WorkflowStartFailed', cause: 'the intake workflow could not be started; import again' },
      now,
    );
    throw error;
  }
  return {
    importId,
    tenderId,
    executionId,
    kind: 'spreadsheet' as const,
    sheet: req.where.sheet,
    mapping: mappingView(req.grid, req.mapping),
    requirements: rows.requirements.length,
    rejected: rows.rejected,
    warnings: rows.warnings,
  };
}

/** The tender's last imported document as one compiled OCDS release (a Prozorro tender cannot take spreadsheet requirements yet). */
async function compiledRelease(bucket: string, rawKey: string, ocid: string): Promise<JsonObject> {
  const { doc } = await getRawDocument(bucket, rawKey);
  if (isProzorroTender(doc))
    throw new HttpError(
      409,
      'Conflict',
      'requirements from a spreadsheet cannot be added to a Prozorro tender yet',
    );
  const process = detectOcds(doc).processes.find((p) => p.ocid === ocid);
  if (!process) throw new HttpError(409, 'Conflict', `the tender's document no longer holds ${ocid}`);
  return compileReleases(process.releases);
}
