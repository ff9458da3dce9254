import { AppError } from './errors.ts';

/**
 * Every bound on what one user may send, in one place (README "Spreadsheets" lists them). Each is far
 * above what a real tender or requirement list needs and far below what would stall the process that
 * reads it: files are read as streams and the bounds are checked while reading, so a hostile file is
 * refused after reading about as much as the bound allows, never the whole of it.
 */
export const LIMITS = {
  /** a file uploaded through POST /tenders/import-uploads (the compressed size of an XLSX) */
  uploadBytes: 50 * 1024 * 1024,
  /** a spreadsheet (XLSX or CSV): a 20,000-row requirement list or compliance matrix is a few MB; refused on its size, before it is fetched */
  sheetBytes: 20 * 1024 * 1024,
  /** what the parts of one XLSX may unpack to, all together (a 20,000-row list unpacks to about 25 MB) */
  expandedBytes: 64 * 1024 * 1024,
  /** entries of one XLSX archive (a workbook of 20 sheets with drawings has a few hundred) */
  zipEntries: 2_000,
  /** rows of one sheet below its header row (a requirement list is far smaller; a 20,000-row matrix fits) */
  rows: 20_000,
  /** columns of one sheet; columns past it are not read */
  columns: 200,
  /** cells of all the sheets read from one file, counted as the grid they make (rows × widest row) */
  cells: 1_000_000,
  /** merged ranges of one workbook */
  merges: 10_000,
  /** characters of one cell or CSV field (Excel's own limit) */
  cellChars: 32_767,
  /** worksheets of one workbook looked at */
  sheets: 20,
  /** wall time to read one file; a requirement list reads in well under a second */
  readMs: 5_000,
  /** levels of arrays and objects in a JSON document (an OCDS release has about ten) */
  jsonDepth: 64,
  /** values (every string, number, array, object …) of one JSON document */
  jsonValues: 2_000_000,
  /** requirements of one tender: its compliance matrix fits one sheet (see README "Spreadsheets") */
  requirements: 20_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * A bound was passed: the input is too large (413) or has too much in it (422). The message is a
 * sentence naming the bound and the number found; the API answers it as it is.
 */
export class LimitExceededError extends AppError {
  constructor(
    readonly limit: LimitName,
    readonly status: 413 | 422,
    message: string,
  ) {
    super(message);
  }
}

const tooMuch = (limit: LimitName, message: string) => new LimitExceededError(limit, 422, message);
const tooLarge = (limit: LimitName, message: string) => new LimitExceededError(limit, 413, message);
const n = (x: number) => x.toLocaleString('en-GB');

/** The sentences of each refusal, so every reader says them the same way. */
export const refuse = {
  uploadBytes: (bytes: number) =>
    tooLarge('uploadBytes', `the file is ${n(bytes)} bytes; the limit is ${n(LIMITS.uploadBytes)} bytes`),
  sheetBytes: (bytes: number) =>
    tooLarge(
      'sheetBytes',
      `the spreadsheet is ${n(bytes)} bytes; the limit for a spreadsheet is ${n(LIMITS.sheetBytes)} bytes`,
    ),
  expandedBytes: (part: string) =>
    tooMuch(
      'expandedBytes',
      `the file unpacks to more than ${n(LIMITS.expandedBytes)} bytes, the limit (reached at ${part}); a spreadsheet this large is not a requirement list`,
    ),
  zipEntries: (entries: number) =>
    tooMuch('zipEntries', `the file has ${n(entries)} entries; the limit is ${n(LIMITS.zipEntries)}`),
  rows: (sheet: string) =>
    tooMuch(
      'rows',
      `${sheet} has more than ${n(LIMITS.rows)} rows below its header; the limit is ${n(LIMITS.rows)} rows`,
    ),
  cells: () =>
    tooMuch(
      'cells',
      `the file has more than ${n(LIMITS.cells)} cells (rows × columns of its sheets); the limit is ${n(LIMITS.cells)}`,
    ),
  merges: () =>
    tooMuch(
      'merges',
      `the file has more than ${n(LIMITS.merges)} merged ranges; the limit is ${n(LIMITS.merges)}`,
    ),
  cellChars: (where: string) =>
    tooMuch(
      'cellChars',
      `${where} holds more than ${n(LIMITS.cellChars)} characters; the limit for one cell is ${n(LIMITS.cellChars)}`,
    ),
  sheets: (sheets: number) =>
    tooMuch('sheets', `the workbook has ${n(sheets)} worksheets; at most ${n(LIMITS.sheets)} are looked at`),
  readMs: () =>
    tooMuch(
      'readMs',
      `reading the file took more than ${n(LIMITS.readMs)} ms (the limit); it is not a requirement list`,
    ),
  jsonDepth: () =>
    tooMuch(
      'jsonDepth',
      `the document is nested more than ${n(LIMITS.jsonDepth)} levels deep; the limit is ${n(LIMITS.jsonDepth)}`,
    ),
  jsonValues: () =>
    tooMuch(
      'jsonValues',
      `the document has more than ${n(LIMITS.jsonValues)} values; the limit is ${n(LIMITS.jsonValues)}`,
    ),
  requirements: (tender: string, count: number) =>
    tooMuch(
      'requirements',
      `${tender} has ${n(count)} requirements; a tender holds at most ${n(LIMITS.requirements)}`,
    ),
};

/**
 * One file's reading budget: the wall-time deadline, the bytes unpacked and the cells made so far, and
 * a turn of the event loop every few milliseconds, so a long read never holds up other requests.
 */
export class ReadBudget {
  private readonly deadline: number;
  private lastYield: number;
  expanded = 0;
  cells = 0;
  constructor(
    private readonly now: () => number = () => performance.now(),
    readMs: number = LIMITS.readMs,
  ) {
    const t = now();
    this.deadline = t + readMs;
    this.lastYield = t;
  }
  /** `bytes` more unpacked (by `part`); over the limit → refused */
  expand(bytes: number, part: string): void {
    this.expanded += bytes;
    if (this.expanded > LIMITS.expandedBytes) throw refuse.expandedBytes(part);
  }
  /** parts the archive says unpack to `bytes` are about to be read: over the limit already → refused before unpacking */
  expect(bytes: number, part: string): void {
    if (this.expanded + bytes > LIMITS.expandedBytes) throw refuse.expandedBytes(part);
  }
  /** the grid so far needs `cells` more cells */
  addCells(cells: number): void {
    this.cells += cells;
    if (this.cells > LIMITS.cells) throw refuse.cells();
  }
  /** past the deadline → refused */
  checkTime(): void {
    if (this.now() > this.deadline) throw refuse.readMs();
  }
  /** let other work run when this read has held the event loop for a few milliseconds */
  async pause(): Promise<void> {
    this.checkTime();
    const t = this.now();
    if (t - this.lastYield < 8) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = this.now();
    this.checkTime();
  }
}
