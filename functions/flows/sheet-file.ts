import { readGrid, readSheets, UnreadableSheetError } from '../domain/sheets/files.ts';
import type { Grid } from '../domain/sheets/header.ts';
import type { NamedSheet } from '../domain/sheets/workbook.ts';
import { badRequest, payloadTooLarge } from '../lib/errors.ts';
import { LIMITS, refuse } from '../lib/limits.ts';
import { MAX_UPLOAD_BYTES, readUpload, uploadedSize, uploadKeys } from '../store/uploads.ts';

export interface SheetFileInput {
  fileName: string;
  content?: string;
  s3Key?: string;
}

/**
 * A spreadsheet sent to the API: its bytes from the body (base64) or from a presigned upload
 * (POST /tenders/import-uploads, for a file over 1 MB). Exactly one of the two; 400 naming the field otherwise.
 */
export async function sheetBytes(bucket: string, org: string, file: SheetFileInput): Promise<Uint8Array> {
  if ((file.content === undefined) === (file.s3Key === undefined))
    throw badRequest('send the file once', [
      { path: 'file', message: 'exactly one of content (base64) or s3Key' },
    ]);
  if (file.content !== undefined) {
    const bytes = Buffer.from(file.content, 'base64');
    if (bytes.byteLength === 0)
      throw badRequest('the file is empty', [{ path: 'file.content', message: 'no bytes' }]);
    return bytes;
  }
  const key = file.s3Key ?? '';
  if (!uploadKeys.isImportUpload(org, key))
    throw badRequest('invalid s3Key', [
      {
        path: 'file.s3Key',
        message: 'not a key returned by POST /tenders/import-uploads for this organisation',
      },
    ]);
  const size = await uploadedSize(bucket, key);
  if (size === undefined)
    throw badRequest('nothing uploaded yet', [
      { path: 'file.s3Key', message: 'no file has been uploaded under this key' },
    ]);
  if (size > MAX_UPLOAD_BYTES)
    throw payloadTooLarge(`the file is ${size} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes`);
  // a spreadsheet over its own limit is refused on the size the store reports, before a byte is fetched
  if (size > LIMITS.sheetBytes) throw refuse.sheetBytes(size);
  return readUpload(bucket, key);
}

/** The file as a grid of text; an unreadable file is a 400 naming it. */
/** Every sheet of the file (flows/requirements-import.ts chooses one); unreadable → 400 naming `file`. */
export async function sheetsOf(bytes: Uint8Array): Promise<{ sheets: NamedSheet[]; warning?: string }> {
  try {
    return await readSheets(bytes);
  } catch (e) {
    if (e instanceof UnreadableSheetError)
      throw badRequest('the file cannot be read', [{ path: 'file', message: e.message }]);
    throw e;
  }
}

export async function sheetGrid(
  bytes: Uint8Array,
  sheet?: string,
): Promise<{ grid: Grid; warning?: string }> {
  try {
    return await readGrid(bytes, sheet);
  } catch (e) {
    if (e instanceof UnreadableSheetError)
      throw badRequest('the file cannot be read', [{ path: 'file', message: e.message }]);
    throw e;
  }
}
