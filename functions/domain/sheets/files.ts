import { parse } from 'csv-parse/sync';
import { decodeBytes } from '../decode.ts';
import type { Grid } from './header.ts';
import type { SheetFormat } from './tables.ts';
import type { NamedSheet } from './workbook.ts';
import { readXlsx as readXlsxGrid, worksheetNames, XlsxError } from './xlsx-read.ts';

/**
 * Spreadsheet files in: bytes → a Grid of text (XLSX: xlsx-read.ts; CSV: csv-parse). Writing is
 * tables.ts (CSV) and xlsx-write.ts, kept apart so a handler that only writes carries no reader.
 */

/** The most rows and columns we read: a requirement list is far smaller. */
export const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;

export class UnreadableSheetError extends Error {}

/** XLSX is a ZIP (PK\3\4); anything else is read as CSV text. */
export const formatOf = (bytes: Uint8Array): SheetFormat =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';

/**
 * The first worksheet (or the one named `sheet`) as text; merged ranges give every cell they cover
 * the merged value, so a header merged across columns names each of them.
 */
export async function readGrid(bytes: Uint8Array, sheet?: string): Promise<{ grid: Grid; warning?: string }> {
  return formatOf(bytes) === 'xlsx' ? readXlsx(bytes, sheet) : readCsv(bytes);
}

/** The most worksheets of one workbook looked at for requirements (a requirement list has a few). */
export const MAX_SHEETS = 20;

/**
 * Every worksheet of an XLSX file (each within the row and column limits), or a CSV file as one sheet
 * without a name: the requirements import chooses among them (domain/sheets/workbook.ts).
 */
export async function readSheets(bytes: Uint8Array): Promise<{ sheets: NamedSheet[]; warning?: string }> {
  if (formatOf(bytes) === 'csv') {
    const { grid, warning } = await readCsv(bytes);
    return { sheets: [{ name: null, rows: grid }], ...(warning ? { warning } : {}) };
  }
  let names: string[];
  try {
    names = worksheetNames(bytes);
  } catch (e) {
    if (e instanceof XlsxError) throw new UnreadableSheetError(`not a readable XLSX file: ${e.message}`);
    throw e;
  }
  if (names.length > MAX_SHEETS)
    throw new UnreadableSheetError(`${names.length} worksheets; at most ${MAX_SHEETS} are looked at`);
  const sheets: NamedSheet[] = [];
  for (const name of names) sheets.push({ name, rows: (await readXlsx(bytes, name)).grid });
  return { sheets };
}

async function readXlsx(bytes: Uint8Array, name?: string): Promise<{ grid: Grid }> {
  try {
    return { grid: readXlsxGrid(bytes, name, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS }) };
  } catch (e) {
    if (e instanceof XlsxError) throw new UnreadableSheetError(`not a readable XLSX file: ${e.message}`);
    throw e;
  }
}

/** CSV in any of the usual encodings (UTF-8 with or without BOM, Windows-1251/1252), comma, semicolon or tab separated. */
async function readCsv(bytes: Uint8Array): Promise<{ grid: Grid; warning?: string }> {
  const decoded = await decodeBytes(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const firstLines = text.split(/\r?\n/, 20).join('\n');
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLines.split(d).length > firstLines.split(best).length ? d : best,
  );
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    throw new UnreadableSheetError(`not a readable CSV file: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (records.length > MAX_ROWS)
    throw new UnreadableSheetError(`${records.length} rows; at most ${MAX_ROWS}`);
  return {
    grid: records.map((r) => r.slice(0, MAX_COLUMNS)),
    ...(decoded.warning ? { warning: decoded.warning.message } : {}),
  };
}
