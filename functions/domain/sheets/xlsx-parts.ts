import { LIMITS, type ReadBudget, refuse } from '../../lib/limits.ts';
import { XmlError, type XmlHandlers, xmlStream } from './xml.ts';
import { entryBytes, type ZipEntry, ZipError } from './zip-read.ts';

/**
 * The parts of an XLSX file every worksheet shares, read as streams within the file's budget: the
 * relationships, the workbook (its sheets, its date system), the shared strings and the date styles;
 * and the text helpers the worksheet reader (xlsx-read.ts) uses for cells.
 */
export class XlsxError extends Error {}

/** A workbook opened for reading: its directory, and what every sheet shares, read once. */
export interface Archive {
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
  budget: ReadBudget;
}

/** A part's XML, parsed as it is unpacked; a part that is not well-formed names itself. False: no such part. */
export async function parse(zip: Archive, part: string, handlers: XmlHandlers): Promise<boolean> {
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
export const unescapeX = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;

/** Text of one cell, grown piece by piece: longer than a cell may be → refused. */
export function grow(text: string, piece: string, where: () => string): string {
  const out = text + piece;
  if (out.length > LIMITS.cellChars) throw refuse.cellChars(where());
  return out;
}

/**
 * Collects the text of the `<t>` elements inside an `<si>` or `<is>` (rich text runs included, the
 * phonetic `<rPh>` hints not).
 */
export class RichText {
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

export async function sharedStrings(zip: Archive, part: string | undefined): Promise<string[]> {
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
export async function dateStyles(zip: Archive, part: string | undefined): Promise<boolean[]> {
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
export const serialDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString();

export interface Book {
  sheets: { name: string; part: string }[];
  date1904: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
}

export async function book(zip: Archive): Promise<Book> {
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
