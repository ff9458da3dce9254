import { LIMITS, ReadBudget, refuse } from '../../lib/limits.ts';
import { columnIndex, columnLetter } from './header.ts';
import { XmlError, type XmlHandlers, xmlStream } from './xml.ts';
import { entryBytes, type ZipEntry, ZipError, zipEntries } from './zip-read.ts';

/**
 * XLSX in, without a spreadsheet library: the ZIP's directory read (zip-read.ts), and only the parts we
 * need unpacked, each as a stream whose bytes count against the file's budget, their XML read with
 * saxes (xml.ts: no DOCTYPE, no entities) as it is unpacked; one worksheet turned into text the way a
 * spreadsheet program shows it — shared and inline strings (rich text runs joined, phonetic hints
 * left out), numbers, booleans, errors, formula results, dates (by the cell's number format, 1900 or
 * 1904 date system) as ISO text; merged ranges carry their first cell's text into every cell they
 * cover. Rows, cells, merged ranges, a cell's length, the bytes unpacked and the time taken are
 * bounded while reading (lib/limits.ts): past one, a LimitExceededError naming it.
 */
export class XlsxError extends Error {}

export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
}

/** A workbook opened for reading: its directory, and what every sheet shares, read once. */
interface Archive {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
  budget: ReadBudget;
}

/** A part's XML, parsed as it is unpacked; a part that is not well-formed names itself. False: no such part. */
async function parse(zip: Archive, part: string, handlers: XmlHandlers): Promise<boolean> {
  const entry = zip.entries.get(part);
  if (!entry) return false;
  const decoder = new TextDecoder('utf-8');
  const xml = xmlStream(handlers);
  try {
    for await (const piece of entryBytes(zip.bytes, entry, zip.budget))
      xml.write(decoder.decode(piece, { stream: true }));
    xml.write(decoder.decode());
    xml.close();
  } catch (e) {
    if (e instanceof XmlError) throw new XlsxError(`${part}: ${e.message}`);
    if (e instanceof ZipError) throw new XlsxError(e.message);
    throw e;
  }
  return true;
}

/** Where a relationship's target is, from the part that names it (`xl/workbook.xml` + `worksheets/sheet1.xml`). */
function resolve(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

interface Relationship {
  type: string;
  target: string;
}

async function relationships(zip: Archive, part: string): Promise<Map<string, Relationship>> {
  const out = new Map<string, Relationship>();
  await parse(zip, relsOf(part), {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
        out.set(a.Id, { type: a.Type ?? '', target: resolve(part, a.Target) });
    },
  });
  return out;
}

/** ST_Xstring escapes (`_x000D_`) back to their characters. */
const unescapeX = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

/** Text of one cell, grown piece by piece: longer than a cell may be → refused. */
function grow(text: string, piece: string, where: () => string): string {
  const out = text + piece;
  if (out.length > LIMITS.cellChars) throw refuse.cellChars(where());
  return out;
}

/**
 * Collects the text of the `<t>` elements inside an `<si>` or `<is>` (rich text runs included, the
 * phonetic `<rPh>` hints not).
 */
class RichText {
  private inT = false;
  private phonetic = 0;
  text = '';
  constructor(private readonly where: () => string) {}
  open(name: string) {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }
  close(name: string) {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inT = false;
  }
  add(text: string) {
    if (this.inT) this.text = grow(this.text, text, this.where);
  }
}

async function sharedStrings(zip: Archive, part: string | undefined): Promise<string[]> {
  const out: string[] = [];
  if (part === undefined) return out;
  let si: RichText | undefined;
  const where = () => `shared string ${out.length + 1}`;
  await parse(zip, part, {
    open(name) {
      if (name === 'si') si = new RichText(where);
      else si?.open(name);
    },
    close(name) {
      if (name === 'si' && si) {
        out.push(unescapeX(si.text));
        si = undefined;
      } else si?.close(name);
    },
    text(t) {
      si?.add(t);
    },
  });
  return out;
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the East Asian ones). */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quoted text and [colour]/[condition] brackets, it has a date or time code. */
const isDateFormat = (code: string) =>
  /[ymdhs]/i.test(
    code
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, ''),
  );

/** For each cell style index (`s`), whether it formats numbers as dates. */
async function dateStyles(zip: Archive, part: string | undefined): Promise<boolean[]> {
  if (part === undefined) return [];
  const custom = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  await parse(zip, part, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') {
        inCellXfs = true;
        depth = 0;
      } else if (inCellXfs) {
        depth++;
        if (name === 'xf' && depth === 1) styles.push(Number(a.numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
      else if (inCellXfs) depth--;
    },
  });
  return styles.map((id) => {
    const code = custom.get(id);
    return code === undefined ? BUILTIN_DATES.has(id) : isDateFormat(code);
  });
}

/** A date serial as an ISO timestamp (Excel's day 0 is 1899-12-30 in the 1900 system, 1904-01-01 in the other). */
const serialDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString();

interface Book {
  sheets: { name: string; part: string }[];
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

async function book(zip: Archive): Promise<Book> {
  let main = 'xl/workbook.xml';
  for (const r of (await relationships(zip, '')).values())
    if (r.type.endsWith('/officeDocument')) main = r.target;
  const rels = await relationships(zip, main);
  const sheets: Book['sheets'] = [];
  let date1904 = false;
  const found = await parse(zip, main, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
      const rel = id === undefined ? undefined : rels.get(id);
      if (a.name !== undefined && rel) sheets.push({ name: a.name, part: rel.target });
    },
  });
  if (!found) throw new XlsxError(`no workbook (${main}) in the archive`);
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sharedStringsPart = byType('/sharedStrings');
  const stylesPart = byType('/styles');
  return {
    sheets,
    date1904,
    ...(sharedStringsPart ? { sharedStringsPart } : {}),
    ...(stylesPart ? { stylesPart } : {}),
  };
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
