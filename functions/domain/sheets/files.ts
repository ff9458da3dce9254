import { parse } from 'csv-parse';
import { LIMITS, LimitExceededError, ReadBudget, refuse } from '../../lib/limits.ts';
import { decodeBytes } from '../decode.ts';
import type { Grid } from './header.ts';
import type { SheetFormat } from './tables.ts';
import type { NamedSheet } from './workbook.ts';
import { openXlsx, XlsxError, type XlsxWorkbook } from './xlsx-read.ts';

/**
 * Spreadsheet files in: bytes → a Grid of text (XLSX: xlsx-read.ts; CSV: csv-parse, as a stream).
 * Both are read within one budget per file (lib/limits.ts): rows, cells, a cell's length, bytes
 * unpacked and wall time are checked while reading, and the event loop is let through every few
 * milliseconds. Past a limit: LimitExceededError (the API answers 413/422 naming it); not a
 * spreadsheet at all: UnreadableSheetError (400). Writing is tables.ts (CSV) and xlsx-write.ts.
 */

/** The most rows (the header row and LIMITS.rows below it) and columns we read. */
export const MAX_ROWS = LIMITS.rows + 1;
const MAX_COLUMNS = LIMITS.columns;
const SHEET_LIMITS = { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS };

export class UnreadableSheetError extends Error {}

/** XLSX is a ZIP (PK\3\4); anything else is read as CSV text. */
export const formatOf = (bytes: Uint8Array): SheetFormat =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';

/**
 * The first worksheet (or the one named `sheet`) as text; merged ranges give every cell they cover
 * the merged value, so a header merged across columns names each of them.
 */
export async function readGrid(
  bytes: Uint8Array,
  sheet?: string,
  budget: ReadBudget = new ReadBudget(),
): Promise<{ grid: Grid; warning?: string }> {
  if (formatOf(bytes) === 'csv') return readCsv(bytes, budget);
  return { grid: await readable(async () => (await openXlsx(bytes, budget)).read(sheet, SHEET_LIMITS)) };
}

/** The most worksheets of one workbook looked at for requirements (a requirement list has a few). */
export const MAX_SHEETS = LIMITS.sheets;

/**
 * Every worksheet of an XLSX file (each within the row and column limits, all within one budget), or
 * a CSV file as one sheet without a name: the requirements import chooses among them (domain/sheets/workbook.ts).
 */
export async function readSheets(
  bytes: Uint8Array,
  budget: ReadBudget = new ReadBudget(),
): Promise<{ sheets: NamedSheet[]; warning?: string }> {
  if (formatOf(bytes) === 'csv') {
    const { grid, warning } = await readCsv(bytes, budget);
    return { sheets: [{ name: null, rows: grid }], ...(warning ? { warning } : {}) };
  }
  const book: XlsxWorkbook = await readable(() => openXlsx(bytes, budget));
  if (book.names.length > MAX_SHEETS) throw refuse.sheets(book.names.length);
  book.expect(book.names);
  const sheets: NamedSheet[] = [];
  for (const name of book.names)
    sheets.push({ name, rows: await readable(() => book.read(name, SHEET_LIMITS)) });
  return { sheets };
}

/** An XLSX reader's own refusal (not a ZIP, not a workbook, malformed XML) as an unreadable file. */
async function readable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof XlsxError) throw new UnreadableSheetError(`not a readable XLSX file: ${e.message}`);
    throw e;
  }
}

/** Bytes (or characters) of the CSV handed to the parser at a time. */
const CSV_STEP = 64 * 1024;

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CSV_STEP) yield text.slice(i, i + CSV_STEP);
}

class NotUtf8 extends Error {}

/** UTF-8 bytes decoded a piece at a time (a BOM dropped); bytes that are not UTF-8 → NotUtf8. */
function* utf8(bytes: Uint8Array): Generator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (piece?: Uint8Array) => {
    try {
      return piece ? decoder.decode(piece, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8();
    }
  };
  for (let i = 0; i < bytes.length; i += CSV_STEP) yield decode(bytes.subarray(i, i + CSV_STEP));
  yield decode();
}

/**
 * CSV in any of the usual encodings: UTF-8 (with or without BOM) is decoded as it is parsed, so a
 * huge file is refused after its first rows, not after decoding all of it; other bytes (Windows-1251/
 * 1252, UTF-16) are decoded whole by decodeBytes, with its warning naming the encoding.
 */
async function readCsv(bytes: Uint8Array, budget: ReadBudget): Promise<{ grid: Grid; warning?: string }> {
  try {
    return { grid: await parseCsv(utf8(bytes), budget) };
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
  }
  const decoded = await decodeBytes(bytes);
  return {
    grid: await parseCsv(slices(decoded.text.replace(/^\uFEFF/, '')), budget),
    ...(decoded.warning ? { warning: decoded.warning.message } : {}),
  };
}

/** The delimiter of the first lines: comma, semicolon or tab, whichever splits them most. */
function delimiterOf(head: string): string {
  const firstLines = head.split(/\r?\n/, 20).join('\n');
  return [',', ';', '\t'].reduce((best, d) =>
    firstLines.split(d).length > firstLines.split(best).length ? d : best,
  );
}

/**
 * CSV text, comma, semicolon or tab separated, parsed as a stream a piece at a time and stopped at
 * the first row, cell or field past a limit.
 */
async function parseCsv(text: Iterable<string>, budget: ReadBudget): Promise<string[][]> {
  const pieces = text[Symbol.iterator]();
  let head = '';
  const first: string[] = [];
  // enough text to see the delimiter in
  while (head.length < CSV_STEP) {
    const next = pieces.next();
    if (next.done) break;
    first.push(next.value);
    head += next.value;
  }
  const parser = parse({
    delimiter: delimiterOf(head),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // csv-parse counts the whole record against this: a row of the widest cells; each cell is checked below
    max_record_size: LIMITS.cellChars * LIMITS.columns,
  });
  const records: string[][] = [];
  let width = 0;
  // the text goes in a piece at a time while the records come out; a refusal destroys the parser, which ends this
  const feed = async () => {
    for (const piece of first) if (!(await put(piece))) return;
    for (let next = pieces.next(); !next.done; next = pieces.next()) if (!(await put(next.value))) return;
    if (!parser.destroyed) parser.end();
  };
  const put = async (piece: string): Promise<boolean> => {
    if (parser.destroyed) return false;
    if (!parser.write(piece))
      await new Promise<void>((resolve) => {
        const done = () => {
          parser.off('drain', done);
          parser.off('close', done);
          resolve();
        };
        parser.on('drain', done);
        parser.on('close', done);
      });
    await budget.pause();
    return true;
  };
  let failure: unknown;
  const fed = feed().catch((e: unknown) => {
    failure = e;
    parser.destroy();
  });
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (records.length >= MAX_ROWS) throw refuse.rows('the CSV file');
      const row = record.length > MAX_COLUMNS ? record.slice(0, MAX_COLUMNS) : record;
      if (row.some((cell) => cell.length > LIMITS.cellChars))
        throw refuse.cellChars(`a field of row ${records.length + 1}`);
      const w = Math.max(width, row.length);
      budget.addCells((records.length + 1) * w - records.length * width);
      width = w;
      records.push(row);
      await budget.pause();
    }
  } catch (e) {
    if (e instanceof LimitExceededError) throw e;
    if (failure) throw failure;
    const code = (e as { code?: unknown }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') throw refuse.cellChars(`row ${records.length + 1}`);
    throw new UnreadableSheetError(`not a readable CSV file: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    parser.destroy();
    await fed;
  }
  if (failure) throw failure;
  return records;
}
