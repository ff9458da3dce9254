import { unzipSync } from 'fflate';
import { columnIndex } from './header.ts';
import { parseXml, XmlError } from './xml.ts';

/**
 * XLSX in, without a spreadsheet library: the parts we need are unzipped with fflate (only those,
 * each bounded in size), their XML read with saxes (xml.ts: no DOCTYPE, no entities), and one worksheet
 * turned into text the way a spreadsheet program shows it — shared and inline strings (rich text
 * runs joined, phonetic hints left out), numbers, booleans, errors, formula results, dates (by the
 * cell's number format, 1900 or 1904 date system) as ISO text; merged ranges carry their first
 * cell's text into every cell they cover.
 */
export class XlsxError extends Error {}

export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
}

/** The most an uncompressed part may hold: far above any requirement list, far below a ZIP bomb. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

const decoder = new TextDecoder('utf-8');

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES)
          throw new XlsxError(`${f.name} unpacks to ${f.originalSize} bytes; at most ${MAX_PART_BYTES}`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError(`not a ZIP archive (${e instanceof Error ? e.message : String(e)})`);
  }
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, decoder.decode(v)]));
}

/** A part's XML, parsed; a part that is not well-formed names itself. */
function parse(part: string, xml: string, handlers: Parameters<typeof parseXml>[1]) {
  try {
    parseXml(xml, handlers);
  } catch (e) {
    throw new XlsxError(`${part}: ${e instanceof XmlError ? e.message : String(e)}`);
  }
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

function relationships(part: string, xml: string | undefined): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (xml === undefined) return out;
  parse(relsOf(part), xml, {
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

/**
 * Collects the text of the `<t>` elements inside an `<si>` or `<is>` (rich text runs included, the
 * phonetic `<rPh>` hints not).
 */
class RichText {
  private inT = false;
  private phonetic = 0;
  text = '';
  open(name: string) {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }
  close(name: string) {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inT = false;
  }
  add(text: string) {
    if (this.inT) this.text += text;
  }
}

function sharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (xml === undefined) return out;
  let si: RichText | undefined;
  parse('sharedStrings', xml, {
    open(name) {
      if (name === 'si') si = new RichText();
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
function dateStyles(xml: string | undefined): boolean[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  let depth = 0;
  parse('styles', xml, {
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

interface Workbook {
  sheets: { name: string; part: string }[];
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

function workbook(bytes: Uint8Array): Workbook {
  const root = unzip(bytes, (n) => n === '_rels/.rels');
  let main = 'xl/workbook.xml';
  for (const r of relationships('', root['_rels/.rels']).values())
    if (r.type.endsWith('/officeDocument')) main = r.target;
  const parts = unzip(bytes, (n) => n === main || n === relsOf(main));
  const xml = parts[main];
  if (xml === undefined) throw new XlsxError(`no workbook (${main}) in the archive`);
  const rels = relationships(main, parts[relsOf(main)]);
  const sheets: Workbook['sheets'] = [];
  let date1904 = false;
  parse(main, xml, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
      const rel = id === undefined ? undefined : rels.get(id);
      if (a.name !== undefined && rel) sheets.push({ name: a.name, part: rel.target });
    },
  });
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

/**
 * The first worksheet (or the one named `name`) as rows of text, every row as wide as the widest
 * (at most `maxColumns`); more than `maxRows` rows is an error.
 */
/** The names of the workbook's worksheets, in its order. */
export const worksheetNames = (bytes: Uint8Array): string[] => workbook(bytes).sheets.map((s) => s.name);

export function readXlsx(bytes: Uint8Array, name: string | undefined, limits: XlsxLimits): string[][] {
  const book = workbook(bytes);
  const sheet = name === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === name);
  if (!sheet)
    throw new XlsxError(
      name === undefined
        ? 'the workbook has no worksheet'
        : `no worksheet named "${name}" (there are: ${book.sheets.map((s) => s.name).join(', ')})`,
    );
  const wanted = new Set([sheet.part, book.sharedStringsPart, book.stylesPart]);
  const parts = unzip(bytes, (n) => wanted.has(n));
  const xml = parts[sheet.part];
  if (xml === undefined) throw new XlsxError(`worksheet "${sheet.name}" (${sheet.part}) is missing`);
  const strings = sharedStrings(book.sharedStringsPart && parts[book.sharedStringsPart]);
  const dates = dateStyles(book.stylesPart && parts[book.stylesPart]);

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
  const tooMany = () => new XlsxError(`more than ${limits.maxRows} rows; at most ${limits.maxRows}`);

  parse(sheet.part, xml, {
    open(tag, a) {
      if (tag === 'row') {
        rowIndex = a.r !== undefined ? Number(a.r) - 1 : rowIndex + 1;
        if (!Number.isInteger(rowIndex) || rowIndex < 0) throw new XlsxError(`a row numbered "${a.r}"`);
        if (rowIndex >= limits.maxRows) throw tooMany();
        height = Math.max(height, rowIndex + 1);
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
        inline = new RichText();
      } else if (inline) {
        inline.open(tag);
      } else if (tag === 'mergeCell' && a.ref) {
        const [from, to = from] = a.ref.split(':');
        const f = from === undefined ? undefined : cellPosition(from);
        const t = cellPosition(to ?? '');
        if (f && t)
          merges.push({
            top: Math.min(f.row, t.row),
            left: Math.min(f.col, t.col),
            bottom: Math.min(Math.max(f.row, t.row), limits.maxRows - 1),
            right: Math.min(Math.max(f.col, t.col), limits.maxColumns - 1),
          });
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
          const row = rows[rowIndex] ?? [];
          rows[rowIndex] = row;
          row[cell.col] = text;
          width = Math.max(width, cell.col + 1);
        }
        cell = undefined;
      }
    },
    text(t) {
      if (inline) inline.add(t);
      else if (inValue) value += t;
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
        return date ? serialDate(n, book.date1904) : String(n);
      }
    }
  }

  for (const m of merges) {
    height = Math.max(height, m.bottom + 1);
    width = Math.max(width, m.right + 1);
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
