import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { decodeDocument } from '../encoding.ts';
import type { Grid } from './header.ts';
import { neutralize } from './neutralize.ts';

/**
 * Spreadsheet files in and out, through maintained libraries (exceljs for XLSX, the `csv` family for
 * CSV): bytes → a Grid of text, and tables → bytes with every text cell neutralised (neutralize.ts).
 */
export type SheetFormat = 'xlsx' | 'csv';

export const SHEET_CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

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

async function readXlsx(bytes: Uint8Array, name?: string): Promise<{ grid: Grid }> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs declares its input as an ArrayBuffer: hand it a copy of exactly these bytes
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    await wb.xlsx.load(copy);
  } catch (e) {
    throw new UnreadableSheetError(`not a readable XLSX file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ws = name === undefined ? wb.worksheets[0] : wb.getWorksheet(name);
  if (!ws)
    throw new UnreadableSheetError(
      name === undefined
        ? 'the workbook has no worksheet'
        : `no worksheet named "${name}" (there are: ${wb.worksheets.map((w) => w.name).join(', ')})`,
    );
  if (ws.rowCount > MAX_ROWS) throw new UnreadableSheetError(`${ws.rowCount} rows; at most ${MAX_ROWS}`);
  const width = Math.min(ws.columnCount, MAX_COLUMNS);
  const grid: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    grid.push(cells);
  }
  return { grid };
}

/** A cell's text as shown (a merged cell shows its master's; a formula its last result; dates as ISO). */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object' && 'formula' in v) {
    const result = v.result;
    return result === undefined || result === null || typeof result === 'object' ? '' : String(result);
  }
  return cell.text ?? '';
}

/** CSV in any of the usual encodings (UTF-8 with or without BOM, Windows-1251/1252), comma, semicolon or tab separated. */
function readCsv(bytes: Uint8Array): { grid: Grid; warning?: string } {
  const decoded = decodeDocument(bytes);
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

export interface TableColumn<K extends string> {
  key: K;
  header: string;
  width: number;
  hidden?: boolean;
  /** a dropdown of these values on every data cell */
  list?: readonly string[];
}

export interface SheetTable<K extends string> {
  name: string;
  columns: readonly TableColumn<K>[];
  rows: readonly Record<K, string>[];
  /** header frozen and filtered */
  header?: boolean;
}

/** An XLSX workbook of tables: every cell a plain (neutralised) text value, never a formula. */
export async function writeXlsx(tables: readonly SheetTable<string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tenderflow';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, t.header ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    ws.columns = t.columns.map((c) => ({
      key: c.key,
      header: neutralize(c.header),
      width: c.width,
      hidden: c.hidden ?? false,
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      const added = ws.addRow(
        Object.fromEntries(t.columns.map((c) => [c.key, neutralize(row[c.key] ?? '')])),
      );
      added.alignment = { wrapText: true, vertical: 'top' };
    }
    t.columns.forEach((c, i) => {
      if (!c.list) return;
      for (let r = 2; r <= t.rows.length + 1; r++)
        ws.getCell(r, i + 1).dataValidation = {
          type: 'list',
          allowBlank: true,
          showErrorMessage: true,
          formulae: [`"${c.list.join(',')}"`],
        };
    });
    if (t.header && t.columns.length > 0)
      ws.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: Math.max(1, t.rows.length + 1), column: t.columns.length },
      };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV (UTF-8 with a BOM, so Excel reads the Cyrillic right), every field quoted and neutralised. */
export function writeCsv<K extends string>(
  columns: readonly TableColumn<K>[],
  rows: readonly Record<K, string>[],
): string {
  return stringify(
    [
      columns.map((c) => neutralize(c.header)),
      ...rows.map((r) => columns.map((c) => neutralize(r[c.key] ?? ''))),
    ],
    { bom: true, quoted: true, quoted_empty: true, record_delimiter: '\r\n' },
  );
}
