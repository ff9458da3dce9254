import { type Api, ok } from '../../api/client';
import { uploadWithProgress } from '../../lib/upload';
import { fitsInline } from './mapping';

/** A spreadsheet the API reads (domain/sheets/files.ts): XLSX or CSV, told apart by the file name. */
export const SHEET_ACCEPT =
  '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
export const isSpreadsheet = (file: File) => /\.(xlsx|csv)$/i.test(file.name);

export type SheetFileBody = { fileName: string; content: string } | { fileName: string; s3Key: string };

const base64Of = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });

/** The `file` of a spreadsheet request: its bytes inline, or (large) uploaded first with progress. */
export async function sheetFileBody(
  api: Api,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<SheetFileBody> {
  if (fitsInline(file.size)) return { fileName: file.name, content: await base64Of(file) };
  const upload = ok(await api.POST('/tenders/import-uploads', { body: { bytes: file.size } }));
  await uploadWithProgress(upload.uploadUrl, upload.headers, file, onProgress);
  return { fileName: file.name, s3Key: upload.s3Key };
}
