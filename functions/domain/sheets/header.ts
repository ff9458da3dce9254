import { headerScore, SHEET_FIELDS, type SheetField, supplierColumnScore } from './columns.ts';

/** A sheet as text: rows of cells ('' when empty), merged ranges already filled with their value. */
export type Grid = readonly (readonly string[])[];

/** Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letter: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letter)) return undefined;
  return [...letter.toUpperCase()].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0) - 1;
}

/** Where the header is and which column holds each field (0-based indexes; rows as 1-based numbers). */
export interface ColumnMapping {
  /** the header's last row, 1-based: data starts below it */
  headerRow: number;
  columns: Partial<Record<SheetField, number>>;
}

export interface HeaderDetection {
  mapping: ColumnMapping;
  /** the header text of each mapped column, for the 422 answer and the import summary */
  headers: Partial<Record<SheetField, string>>;
  sure: boolean;
  /** why detection is unsure (empty when sure) */
  doubts: string[];
  /** how well the header names its columns (higher is better; a sure header scores above 10): compares sheets */
  score: number;
}

const MAX_SCAN_ROWS = 40;

/**
 * Find the header row and map its columns by name, below any title block: each of the first rows,
 * alone and with the row below it (a two-row header under merged cells such as «Требования» over
 * «№», «Наименование», «Обязательность»), is scored by how many fields its cells name and how
 * surely; the best wins. Sure only when the requirement text's column is named exactly, at least one
 * other field is found, and no other column names the text as well.
 */
export function detectHeader(grid: Grid): HeaderDetection | undefined {
  let best: HeaderDetection | undefined;
  for (let r = 0; r < Math.min(grid.length, MAX_SCAN_ROWS); r++) {
    for (const span of [1, 2]) {
      if (r + span > grid.length) continue;
      const candidate = scoreHeader(grid, r, span);
      if (candidate && (!best || candidate.score > best.score + 1e-9)) best = candidate;
    }
  }
  return best;
}

function headerTexts(grid: Grid, r: number, span: number): { parts: string[]; label: string }[] {
  const width = Math.max(...grid.slice(r, r + span).map((row) => row.length));
  return Array.from({ length: width }, (_, c) => {
    const parts = [...new Set(grid.slice(r, r + span).map((row) => (row[c] ?? '').trim()))].filter(Boolean);
    return { parts, label: parts.join(' / ') };
  });
}

/**
 * Whether a row below a header row reads as data rather than the header's second row: a number of its
 * own under a header cell (a reference «1», «2.1»), or a cell as long as a requirement.
 */
function looksLikeData(upper: readonly string[], lower: readonly string[]): boolean {
  return lower.some((cell, c) => {
    const v = cell.trim();
    if (v === '' || v === (upper[c] ?? '').trim()) return false;
    return /^\d+(?:[.,]\d+)*\.?$/.test(v) || v.length > 100;
  });
}

function scoreHeader(grid: Grid, r: number, span: number): HeaderDetection | undefined {
  if (span === 2 && looksLikeData(grid[r] ?? [], grid[r + 1] ?? [])) return undefined;
  const cols = headerTexts(grid, r, span);
  // a column the supplier fills in (Response, Compliance, «…предлагаемое участником») is no field's
  const supplier = cols.map(({ parts }) => Math.max(0, ...parts.map(supplierColumnScore)));
  // a part's score: the lowest row (the most specific header) counts fully, the one above slightly less
  const scores = cols.map(
    ({ parts }) =>
      Object.fromEntries(
        SHEET_FIELDS.map((f) => [
          f,
          Math.max(0, ...parts.map((p, i) => headerScore(p, f) * (i === parts.length - 1 ? 1 : 0.9))),
        ]),
      ) as Record<SheetField, number>,
  );
  const pairs = scores
    .flatMap((s, c) => SHEET_FIELDS.map((f) => ({ f, c, score: s[f] })))
    .filter((p) => p.score > 0 && p.score > (supplier[p.c] ?? 0))
    .sort((a, b) => b.score - a.score || a.c - b.c);
  const columns: Partial<Record<SheetField, number>> = {};
  const usedCols = new Set<number>();
  let quality = 0;
  for (const p of pairs) {
    if (columns[p.f] !== undefined || usedCols.has(p.c)) continue;
    columns[p.f] = p.c;
    usedCols.add(p.c);
    quality += p.score;
  }
  const textCol = columns.text;
  if (textCol === undefined) return undefined;
  const doubts: string[] = [];
  const textScore = scores[textCol]?.text ?? 0;
  if (textScore < 0.9)
    doubts.push(`no column is named exactly as the requirement text (best: "${cols[textCol]?.label}")`);
  const rivals = scores.filter(
    (s, c) => c !== textCol && !usedCols.has(c) && s.text >= textScore && s.text > (supplier[c] ?? 0),
  ).length;
  if (rivals > 0) doubts.push('more than one column could hold the requirement text');
  if (Object.keys(columns).length < 2) doubts.push('only the requirement text column was recognised');
  const headers = Object.fromEntries(
    Object.entries(columns).map(([f, c]) => [f, cols[c]?.label ?? '']),
  ) as Partial<Record<SheetField, string>>;
  const supplierColumns = supplier.filter((s, c) => s > 0 && !usedCols.has(c)).length;
  // a two-row header must earn its second row; a sure header beats an unsure one
  return {
    mapping: { headerRow: r + span, columns },
    headers,
    sure: doubts.length === 0,
    doubts,
    score: quality + supplierColumns * 0.25 - (span - 1) * 0.05 + (doubts.length === 0 ? 10 : 0),
  };
}
