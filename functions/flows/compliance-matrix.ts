import type { Readiness } from '../domain/checklist/readiness.ts';
import { COMPLIANCE_VALUES, MATRIX_COLUMNS, type MatrixItem, matrixRow } from '../domain/sheets/matrix.ts';
import { SHEET_CONTENT_TYPES, type SheetFormat, type SheetTable, writeCsv } from '../domain/sheets/tables.ts';
import { writeXlsx } from '../domain/sheets/xlsx-write.ts';
import type { TenderView } from '../domain/tender.ts';
import { loadReadiness } from './load-readiness.ts';

const byKey = (a: MatrixItem, b: MatrixItem) => a.key.localeCompare(b.key, 'en', { numeric: true });

/** The matrix sheet: one row per live item, in requirement order; the compliance column a dropdown. */
export function matrixTable(
  tender: Pick<TenderView, 'language'>,
  items: readonly MatrixItem[],
): SheetTable<string> {
  return {
    name: 'Compliance matrix',
    header: true,
    columns: MATRIX_COLUMNS.map((c) => ({
      ...c,
      ...(c.key === 'compliance' ? { list: COMPLIANCE_VALUES } : {}),
    })),
    rows: [...items].sort(byKey).map((i) => matrixRow(i, tender.language ?? null)),
  };
}

/** The second sheet: ready or not, coverage, and every blocker. */
export function readinessTable(
  tender: Pick<TenderView, 'title' | 'ocid'>,
  readiness: Readiness,
  now: string,
): SheetTable<string> {
  const rows: Record<'what' | 'value', string>[] = [
    { what: 'Tender', value: tender.title ?? tender.ocid },
    { what: 'As of', value: now },
    { what: 'Ready to submit', value: readiness.ready ? 'Yes' : 'No' },
    { what: 'Mandatory requirements', value: String(readiness.coverage.mandatory) },
    { what: 'Approved', value: String(readiness.coverage.approved) },
    { what: 'Coverage', value: `${Math.round(readiness.coverage.ratio * 1000) / 10}%` },
    ...readiness.blockers.map((b) => ({
      what: `Blocker: ${b.code}`,
      value: [b.reason, b.lotId ? `lot ${b.lotId}` : '', b.requirementKeys.join(', ')]
        .filter(Boolean)
        .join(' — '),
    })),
  ];
  return {
    name: 'Readiness',
    columns: [
      { key: 'what', header: 'What', width: 36 },
      { key: 'value', header: 'Value', width: 100 },
    ],
    rows,
  };
}

export interface MatrixFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** The tender's compliance matrix as a file: XLSX (matrix + readiness sheets) or CSV (the matrix). */
export async function complianceMatrixFile(
  table: string,
  org: string,
  tenderId: string,
  format: SheetFormat,
  now: string,
): Promise<MatrixFile> {
  const { tender, items, readiness } = await loadReadiness(table, org, tenderId, now);
  return renderMatrix(tender, items, readiness, format, now);
}

export async function renderMatrix(
  tender: TenderView,
  items: readonly MatrixItem[],
  readiness: Readiness,
  format: SheetFormat,
  now: string,
): Promise<MatrixFile> {
  const matrix = matrixTable(tender, items);
  const bytes =
    format === 'xlsx'
      ? await writeXlsx([matrix, readinessTable(tender, readiness, now)])
      : Buffer.from(writeCsv(matrix.columns, matrix.rows), 'utf8');
  return {
    bytes,
    contentType: SHEET_CONTENT_TYPES[format],
    fileName: `compliance-matrix-${tender.id}.${format}`,
  };
}
