import { z } from 'zod';
import { BLOCKER_CODES } from '../../domain/checklist/readiness.ts';
import { ROW_OUTCOMES } from '../../domain/sheets/matrix.ts';
import type { FunctionName } from '../../registry.ts';
import { type Operation, Problem, problem } from './parts.ts';

const RowProblem = z.object({ row: z.number().int(), reason: z.string() });

const MappingView = z
  .object({
    headerRow: z.number().int().describe("the header's last row (1-based)"),
    columns: z
      .record(z.string(), z.object({ column: z.string(), header: z.string() }))
      .describe(
        'per field (reference, text, mandatory, category, lot, answerType, value, unit, minValue, maxValue): its column letter and header',
      ),
  })
  .meta({ id: 'ColumnMapping' });

const Blocker = z.object({
  code: z.enum(BLOCKER_CODES),
  criterionId: z.string().nullable(),
  requirementKeys: z.array(z.string()),
  lotId: z.string().nullable(),
  reason: z.string(),
});

const RowOutcome = z
  .object({
    row: z.number().int().describe('the row of the file (1-based, as a spreadsheet program numbers it)'),
    itemId: z.string().nullable(),
    reference: z.string().describe("the requirement's reference (the item's, else the file's cell)"),
    requirement: z.string().describe("the requirement's text, first line (the item's, else the file's cell)"),
    outcome: z.enum(ROW_OUTCOMES),
    version: z.number().int().optional().describe('applied: the item’s new version'),
    changes: z.array(z.object({ column: z.string(), from: z.string(), to: z.string() })).optional(),
    exportedVersion: z.number().int().optional(),
    currentVersion: z.number().int().nullable().optional(),
    conflicts: z
      .array(z.object({ column: z.string(), file: z.string(), current: z.string() }))
      .optional()
      .describe('conflict: each cell where the file and the item as it is now differ; nothing was applied'),
    errors: z
      .array(z.object({ column: z.string(), message: z.string() }))
      .optional()
      .describe('invalid: why, per column'),
  })
  .meta({ id: 'MatrixRowOutcome' });

const MatrixImport = z
  .object({
    importId: z.string(),
    tenderId: z.string(),
    fileName: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    total: z
      .number()
      .int()
      .nullable()
      .describe('rows of the file (blank rows not counted); null until planned'),
    done: z.number().int().describe('rows with a result so far'),
    applied: z.number().int(),
    unchanged: z.number().int(),
    conflicts: z.number().int(),
    invalid: z.number().int(),
    error: z
      .object({ error: z.string(), cause: z.string() })
      .optional()
      .describe('failed: why (the rows applied before stay applied and are counted)'),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    rows: z.array(RowOutcome).describe('a page of the rows (of `?outcome=`, else all, grouped by outcome)'),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MatrixImport' });

const ManifestFile = z.looseObject({
  name: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});

const notFound = problem('no such tender in this organisation');

/** The documentation of the spreadsheet routes: requirement import, compliance matrix, bid package. */
export const sheetContracts: Partial<Record<FunctionName, Operation>> = {
  importRequirements: {
    summary:
      "Requirements from the buyer's XLSX or CSV (a new tender, or into a tender): header found below a title block, columns mapped by name in English, Russian or Ukrainian (Idempotency-Key honoured)",
    requestBody: {
      description:
        '{file: {fileName, content (base64) | s3Key (POST /tenders/import-uploads, over 1 MB)}, sheet? (default: the sheet whose header names its columns best), title?, mapping?: {headerRow, columns: {text: "C", reference?: "A", value?: "D", unit?: "E", …}}}',
    },
    responses: {
      202: {
        description: 'the intake started (GET /imports/{id}); every row not used, and why',
        schema: z.object({
          importId: z.string(),
          tenderId: z.string(),
          executionId: z.string().nullable(),
          kind: z.literal('spreadsheet'),
          sheet: z
            .string()
            .nullable()
            .describe('the worksheet read (null: a CSV file, or a sheet the reader did not name)'),
          mapping: MappingView,
          requirements: z.number().int(),
          rejected: z.array(RowProblem),
          warnings: z.array(RowProblem),
        }),
      },
      404: notFound,
      409: problem(
        'an import of the tender is running, it is a Prozorro tender, or a request with this Idempotency-Key is still running',
      ),
      422: {
        description:
          'the column mapping is uncertain (or no row is usable): the sheet read, the other sheets, and the candidate mapping to confirm or correct; or the file is past a reading limit (rows, cells, bytes unpacked, entries, worksheets, time) or holds more requirements than a tender holds (10,000), or this Idempotency-Key was used with another request (then without candidate, sheet, sheets, doubts, rejected; the detail names the limit and the number)',
        schema: Problem.extend({
          candidate: MappingView.nullable().optional(),
          sheet: z
            .string()
            .nullable()
            .optional()
            .describe('the worksheet the candidate is on (send it back as sheet with the mapping)'),
          sheets: z
            .array(z.string())
            .optional()
            .describe("every worksheet of the file, in the workbook's order (send one as sheet to read it)"),
          doubts: z.array(z.string()).optional(),
          rejected: z.array(RowProblem).optional(),
        }),
      },
    },
  },
  getComplianceMatrix: {
    summary:
      'The compliance matrix as XLSX (with a readiness sheet) or CSV: every text cell neutralised against formula injection',
    responses: {
      200: {
        description:
          'the file: Reference, Requirement, Lot, Mandatory, Owner, Status, Compliance (dropdown), Answer, Evidence, Reviewer comment, and the hidden "Tenderflow item (do not edit)" (item id @ version)',
      },
      404: notFound,
    },
  },
  importComplianceMatrix: {
    summary:
      'Re-import the edited matrix: changed cells apply as PATCH would; a row exported at an older version is a conflict, not applied. Up to 200 rows in the request (200); more in the matrix-import workflow (202). The same file again while it is applied: that upload (Idempotency-Key honoured too)',
    requestBody: { description: '{file: {fileName, content (base64) | s3Key}}' },
    responses: {
      200: {
        description: 'applied (up to 200 rows): what happened to every row; Location: the upload',
        schema: MatrixImport,
      },
      202: {
        description:
          'being applied (over 200 rows, or this file is already being applied): Location: GET …/compliance-matrix/imports/{importId}',
        schema: MatrixImport,
      },
      404: notFound,
      409: problem(
        'the same file is being claimed by another request at this moment, or an Idempotency-Key repeat arrived while the first runs',
      ),
      422: problem(
        'the file is past a reading limit (rows, cells, bytes unpacked, entries, time): the detail names the limit and the number',
      ),
    },
  },
  getMatrixImport: {
    summary:
      'A matrix upload: status, progress, counts (applied, unchanged, conflicts, invalid) and a page of its rows, each naming its requirement',
    responses: {
      200: { description: 'the upload and one page of rows', schema: MatrixImport },
      404: problem('no such upload of this tender in this organisation'),
    },
  },
  buildPackage: {
    summary:
      'Build the bid package (approved evidence, the matrix, a manifest with SHA-256) in S3 and get a download link',
    requestBody: {
      description: '{} or {force: {reason}} to build it although the tender is not ready (audited)',
    },
    responses: {
      201: {
        description: 'the package and a presigned download (15 minutes)',
        schema: z.object({
          packageId: z.string(),
          tenderId: z.string(),
          forced: z.boolean(),
          downloadUrl: z.string(),
          expiresAt: z.string(),
          manifest: z.looseObject({ files: z.array(ManifestFile) }),
        }),
      },
      404: notFound,
      409: {
        description: 'not ready: the blockers (force with a reason to build it anyway)',
        schema: Problem.extend({ blockers: z.array(Blocker) }),
      },
    },
  },
};
