import { LIMITS, ReadBudget, refuse } from '../../lib/limits.ts';
import { columnIndex, columnLetter } from './header.ts';
import {
  type Archive,
  book,
  dateStyles,
  grow,
  parse,
  RichText,
  serialDate,
  sharedStrings,
  unescapeX,
  XlsxError,
} from './xlsx-parts.ts';
import { type ZipEntry, ZipError, zipEntries } from './zip-read.ts';

export { XlsxError };

/**
 * XLSX in, without a spreadsheet library: the ZIP's directory read (zip-read.ts), and only the parts we
 * need unpacked, each as a stream whose bytes count against the file's budget, their XML read with
 * saxes (xml.ts: no DOCTYPE, no entities) as it is unpacked (the shared parts: xlsx-parts.ts); one worksheet turned into text the way a
 * spreadsheet program shows it — shared and inline strings (rich text runs joined, phonetic hints
 * left out), numbers, booleans, errors, formula results, dates (by the cell's number format, 1900 or
 * 1904 date system) as ISO text; merged ranges carry their first cell's text into every cell they
 * cover. Rows, cells, merged ranges, a cell's length, the bytes unpacked and the time taken are
 * bounded while reading (lib/limits.ts): past one, a LimitExceededError naming it.
 */

export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
}

const CELL_REF = /^([A-Za-z]{1,3})([1-9][0-9]{0,6})$/;

function cellPosition(ref: string): { row: number; col: number } | undefined {
  const m = CELL_REF.exec(ref);
  const col = m?.[1] === undefined ? undefined : columnIndex(m[1]);
  return m?.[2] === undefined || col === undefined ? undefined : { row: Number(m[2]) - 1, col };
}

/** An XLSX file opened: its worksheets' names, and each worksheet read on demand, all within one budget. */
export interface XlsxWorkbook {
  /** the worksheets' names, in the workbook's order */
  names: string[];
  /**
   * The first worksheet (or the one named `name`) as rows of text, every row as wide as the widest
   * (at most `maxColumns`); more than `maxRows` rows, or more cells than the budget holds, is refused.
   */
  read(name: string | undefined, limits: XlsxLimits): Promise<string[][]>;
  /**
   * Before reading these worksheets: what the archive says they (and the shared strings and styles,
   * when not read yet) unpack to fits the budget, else refused at once — an honest ZIP bomb costs
   * nothing; one that lies about its sizes is stopped by the count of the bytes it makes.
   */
  expect(names: readonly string[]): void;
}

/** Open an XLSX file: its directory and its workbook part (what every later read shares is read once). */
export async function openXlsx(
  bytes: Uint8Array,
  budget: ReadBudget = new ReadBudget(),
): Promise<XlsxWorkbook> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxError(`not a ZIP archive (${e.message})`);
    throw e;
  }
  const zip: Archive = { bytes, entries, budget };
  const wb = await book(zip);
  let shared: { strings: string[]; dates: boolean[] } | undefined;
  let merges = 0;
  const declared = (part: string | undefined) =>
    part === undefined ? 0 : (entries.get(part)?.declaredSize ?? 0);
  const expect = (parts: string[]) => {
    const common = shared ? 0 : declared(wb.sharedStringsPart) + declared(wb.stylesPart);
    budget.expect(
      parts.reduce((n, p) => n + declared(p), common),
      parts.length === 1 ? (parts[0] ?? '') : `its ${parts.length} worksheets`,
    );
  };
  return {
    names: wb.sheets.map((s) => s.name),
    expect: (names) => expect(wb.sheets.filter((s) => names.includes(s.name)).map((s) => s.part)),
    async read(name, limits) {
      const sheet = name === undefined ? wb.sheets[0] : wb.sheets.find((s) => s.name === name);
      if (!sheet)
        throw new XlsxError(
          name === undefined
            ? 'the workbook has no worksheet'
            : `no worksheet named "${name}" (there are: ${wb.sheets.map((s) => s.name).join(', ')})`,
        );
      if (!entries.has(sheet.part))
        throw new XlsxError(`worksheet "${sheet.name}" (${sheet.part}) is missing`);
      expect([sheet.part]);
      shared ??= {
        strings: await sharedStrings(zip, wb.sharedStringsPart),
        dates: await dateStyles(zip, wb.stylesPart),
      };
      const grid = await readSheet(zip, sheet, shared, wb.date1904, limits, (n) => {
        merges += n;
        if (merges > LIMITS.merges) throw refuse.merges();
      });
      return grid;
    },
  };
}

/** The names of the workbook's worksheets, in its order. */
export const worksheetNames = async (bytes: Uint8Array): Promise<string[]> => (await openXlsx(bytes)).names;

/** One worksheet of an XLSX file as rows of text (see XlsxWorkbook.read). */
export async function readXlsx(
  bytes: Uint8Array,
  name: string | undefined,
  limits: XlsxLimits,
): Promise<string[][]> {
  return (await openXlsx(bytes)).read(name, limits);
}

async function readSheet(
  zip: Archive,
  sheet: { name: string; part: string },
  shared: { strings: string[]; dates: boolean[] },
  date1904: boolean,
  limits: XlsxLimits,
  countMerge: (n: number) => void,
): Promise<string[][]> {
  const { strings, dates } = shared;
  const rows: string[][] = [];
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  let height = 0;
  let width = 0;
  let rowIndex = -1;
  let colIndex = -1;
  // the cell being read
  let cell: { col: number; type: string; style: number } | undefined;
  let value = '';
  let inValue = false;
  let inline: RichText | undefined;
  const here = () => `cell ${cell ? cellName(cell.col, rowIndex) : ''} of worksheet "${sheet.name}"`;
  /** the grid grows to hold (row, col): its new cells count against the budget */
  const extend = (h: number, w: number) => {
    const nh = Math.max(height, h);
    const nw = Math.max(width, w);
    if (nh !== height || nw !== width) zip.budget.addCells(nh * nw - height * width);
    height = nh;
    width = nw;
  };

  await parse(zip, sheet.part, {
    open(tag, a) {
      if (tag === 'row') {
        rowIndex = a.r !== undefined ? Number(a.r) - 1 : rowIndex + 1;
        if (!Number.isInteger(rowIndex) || rowIndex < 0) throw new XlsxError(`a row numbered "${a.r}"`);
        if (rowIndex >= limits.maxRows) throw refuse.rows(`worksheet "${sheet.name}"`);
        extend(rowIndex + 1, 0);
        colIndex = -1;
      } else if (tag === 'c') {
        const at = a.r === undefined ? undefined : cellPosition(a.r);
        if (a.r !== undefined && !at) throw new XlsxError(`a cell at "${a.r}"`);
        colIndex = at ? at.col : colIndex + 1;
        cell = { col: colIndex, type: a.t ?? 'n', style: Number(a.s ?? 0) };
        value = '';
        inline = undefined;
      } else if (cell && tag === 'v') {
        inValue = true;
      } else if (cell && tag === 'is') {
        inline = new RichText(here);
      } else if (inline) {
        inline.open(tag);
      } else if (tag === 'mergeCell' && a.ref) {
        const [from, to = from] = a.ref.split(':');
        const f = from === undefined ? undefined : cellPosition(from);
        const t = cellPosition(to ?? '');
        // a range that starts past the rows and columns read covers nothing read
        if (f && t && Math.min(f.row, t.row) < limits.maxRows && Math.min(f.col, t.col) < limits.maxColumns) {
          countMerge(1);
          merges.push({
            top: Math.min(f.row, t.row),
            left: Math.min(f.col, t.col),
            bottom: Math.min(Math.max(f.row, t.row), limits.maxRows - 1),
            right: Math.min(Math.max(f.col, t.col), limits.maxColumns - 1),
          });
        }
      }
    },
    close(tag) {
      if (tag === 'v') inValue = false;
      else if (tag === 'is') {
        if (inline) value = inline.text;
        inline = undefined;
      } else if (inline) inline.close(tag);
      else if (tag === 'c' && cell) {
        const text = cellText(cell.type, value, dates[cell.style] ?? false);
        if (text !== '' && cell.col < limits.maxColumns && rowIndex >= 0) {
          extend(rowIndex + 1, cell.col + 1);
          const row = rows[rowIndex] ?? [];
          rows[rowIndex] = row;
          row[cell.col] = text;
        }
        cell = undefined;
      }
    },
    text(t) {
      if (inline) inline.add(t);
      else if (inValue) value = grow(value, t, here);
    },
  });

  function cellText(type: string, v: string, date: boolean): string {
    switch (type) {
      case 's': {
        const i = Number(v);
        return Number.isInteger(i) ? (strings[i] ?? '') : '';
      }
      case 'inlineStr':
        return unescapeX(v);
      case 'str':
      case 'e':
        return unescapeX(v);
      case 'b':
        return v === '' ? '' : v.trim() === '1' || v.trim() === 'true' ? 'true' : 'false';
      case 'd': {
        const d = new Date(v);
        return Number.isNaN(d.getTime()) ? v : d.toISOString();
      }
      default: {
        if (v.trim() === '') return '';
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return date ? serialDate(n, date1904) : String(n);
      }
    }
  }

  // merged ranges fill what they cover: the grid grows to hold them, and the filling is bounded too
  let covered = 0;
  for (const m of merges) {
    extend(m.bottom + 1, m.right + 1);
    covered += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (covered > LIMITS.cells) throw refuse.cells();
  }
  const grid = Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? ''),
  );
  for (const m of merges) {
    const master = grid[m.top]?.[m.left] ?? '';
    for (let r = m.top; r <= m.bottom; r++) {
      const row = grid[r];
      if (row) for (let c = m.left; c <= m.right; c++) row[c] = master;
    }
  }
  return grid;
}

/** A cell's A1 name (for messages). */
const cellName = (col: number, row: number) => `${columnLetter(col)}${row + 1}`;
