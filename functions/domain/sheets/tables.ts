import { stringify } from 'csv-stringify/sync';
import { neutralize } from './neutralize.ts';

/**
 * Tables going out as spreadsheet files: the formats, their content types, and the CSV writer
 * (XLSX: xlsx-write.ts). Every text cell is neutralised (neutralize.ts). Reading is files.ts.
 */
export type SheetFormat = 'xlsx' | 'csv';

export const SHEET_CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface TableColumn<K extends string> {
  key: K;
  header: string;
  width: number;
  hidden?: boolean;
  /** a dropdown of these values on every data cell */
  list?: readonly string[];
}

export interface SheetTable<K extends string> {
  name: string;
  columns: readonly TableColumn<K>[];
  rows: readonly Record<K, string>[];
  /** header frozen and filtered */
  header?: boolean;
}

/** CSV (UTF-8 with a BOM, so Excel reads the Cyrillic right), every field quoted and neutralised. */
export function writeCsv<K extends string>(
  columns: readonly TableColumn<K>[],
  rows: readonly Record<K, string>[],
): string {
  return stringify(
    [
      columns.map((c) => neutralize(c.header)),
      ...rows.map((r) => columns.map((c) => neutralize(r[c.key] ?? ''))),
    ],
    { bom: true, quoted: true, quoted_empty: true, record_delimiter: '\r\n' },
  );
}
