import * as z from 'zod/mini';
import { ROW_OUTCOMES } from '../../domain/sheets/matrix.ts';
import { api } from '../../routes.ts';

/**
 * What the spreadsheet routes read (runtime: zod/mini; /openapi.json documents these same schemas):
 * requirement import, the compliance matrix out and back in, the bid package.
 */

/** A file: its bytes in the body (base64, up to the 1 MB body limit) or, larger, a presigned upload's key. */
export const SheetFile = z.strictObject({
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
  /** the file's bytes, base64 */
  content: z.optional(z.base64()),
  /** a key from POST /tenders/import-uploads, for a file over 1 MB */
  s3Key: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
});

const ColumnLetter = z.string().check(z.regex(/^[A-Za-z]{1,2}$/, 'a column letter, A to ZZ'));

/** An explicit mapping, when detection is unsure (the 422 answer proposes one). */
export const ColumnMappingInput = z.strictObject({
  /** the header's last row (1-based): data starts below it */
  headerRow: z.int().check(z.minimum(1), z.maximum(1000)),
  /** the column of each field (domain/sheets/columns.ts SHEET_FIELDS); the requirement text is required */
  columns: z.strictObject({
    reference: z.optional(ColumnLetter),
    text: ColumnLetter,
    mandatory: z.optional(ColumnLetter),
    category: z.optional(ColumnLetter),
    lot: z.optional(ColumnLetter),
    answerType: z.optional(ColumnLetter),
    /** the required value («не менее 16», "16", «наличие»): typed into the expected value, min or max */
    value: z.optional(ColumnLetter),
    unit: z.optional(ColumnLetter),
    minValue: z.optional(ColumnLetter),
    maxValue: z.optional(ColumnLetter),
  }),
});

export const ImportRequirementsBody = z.strictObject({
  file: SheetFile,
  /** the worksheet to read (default: the one whose header names its columns best) */
  sheet: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** a new tender's title (default: the file's title block, else its name) */
  title: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  mapping: z.optional(ColumnMappingInput),
});

export const ImportRequirementsQuery = z.object({
  timeZone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
});

export const MatrixQuery = z.object({
  format: z._default(z.enum(['xlsx', 'csv']), 'xlsx'),
});

export const MatrixUpload = z.strictObject({ file: SheetFile });

/** `?outcome=` one kind of row (default: every row, grouped by outcome), `?limit=` and `?cursor=`. */
export const MatrixImportQuery = z.object({
  outcome: z.optional(z.enum(ROW_OUTCOMES)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 200),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
});

export const PackageRequest = z.strictObject({
  /** build it although the tender is not ready (a bid manager's decision, audited) */
  force: z.optional(z.strictObject({ reason: z.string().check(z.minLength(3), z.maxLength(1000)) })),
});

export const importRequirements = api('importRequirements', {
  query: ImportRequirementsQuery,
  body: ImportRequirementsBody,
});
export const getComplianceMatrix = api('getComplianceMatrix', { query: MatrixQuery });
export const importComplianceMatrix = api('importComplianceMatrix', { body: MatrixUpload });
export const getMatrixImport = api('getMatrixImport', { query: MatrixImportQuery });
export const buildPackage = api('buildPackage', { body: PackageRequest });
