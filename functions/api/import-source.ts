import { badRequest, payloadTooLarge } from '../lib/errors.ts';
import type { Request } from '../lib/http.ts';
import { putRawDocument } from '../store/documents.ts';
import { keepUploadAsRaw, MAX_UPLOAD_BYTES, readUpload, uploadedSize, uploadKeys } from '../store/uploads.ts';

/** Where an imported document comes from: the request body, or a presigned upload named by `{"s3Key": …}`. */
export interface ImportSource {
  doc: unknown;
  /** keep the document unchanged in S3; called only once the document is known to be a tender */
  keep(): Promise<{ key: string }>;
}

const isUploadReference = (doc: unknown): doc is { s3Key: unknown } =>
  typeof doc === 'object' &&
  doc !== null &&
  !Array.isArray(doc) &&
  Object.keys(doc).length === 1 &&
  's3Key' in doc;

export async function importSource(req: Request, bucket: string): Promise<ImportSource> {
  const body = req.json();
  const { org } = req.caller;
  if (!isUploadReference(body)) {
    const text = req.event.isBase64Encoded
      ? Buffer.from(req.event.body ?? '', 'base64').toString('utf8')
      : (req.event.body ?? '');
    return { doc: body, keep: () => putRawDocument(bucket, org, text) };
  }
  const key = body.s3Key;
  if (typeof key !== 'string' || !uploadKeys.isImportUpload(org, key)) {
    throw badRequest('invalid s3Key', [
      { path: 's3Key', message: 'not a key returned by POST /tenders/import-uploads for this organisation' },
    ]);
  }
  const size = await uploadedSize(bucket, key);
  if (size === undefined)
    throw badRequest('nothing uploaded yet', [
      { path: 's3Key', message: 'no document has been uploaded under this key' },
    ]);
  if (size > MAX_UPLOAD_BYTES)
    throw payloadTooLarge(`the uploaded document is ${size} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes`);
  const text = await readUpload(bucket, key);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw badRequest('the uploaded document is not valid JSON', [
      { path: 's3Key', message: err instanceof Error ? err.message : String(err) },
    ]);
  }
  return { doc, keep: () => keepUploadAsRaw(bucket, org, key, text) };
}
