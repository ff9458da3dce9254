import { charsetOf, type DecodedText, decodeDocument } from '../domain/encoding.ts';
import { parseBoundedJson } from '../lib/bounded-json.ts';
import { badRequest, payloadTooLarge, unsupportedMediaType } from '../lib/errors.ts';
import { DEFAULT_MAX_BODY_BYTES, type Request } from '../lib/http.ts';
import { LimitExceededError } from '../lib/limits.ts';
import { putRawDocument } from '../store/documents.ts';
import { keepUploadAsRaw, MAX_UPLOAD_BYTES, readUpload, uploadedSize, uploadKeys } from '../store/uploads.ts';

/** Where an imported document comes from: the request body, or a presigned upload named by `{"s3Key": …}`. */
export interface ImportSource {
  doc: unknown;
  /** how its bytes were read (UTF-8, or what they were transcoded from, with a warning) */
  decoded: DecodedText;
  /** the charset the sender declared in Content-Type, if any (the intake reads the bytes with it) */
  charset?: string;
  /** keep the document byte for byte in S3; called only once the document is known to be a tender */
  keep(): Promise<{ key: string; sha256: string }>;
}

const isUploadReference = (doc: unknown): doc is { s3Key: unknown } =>
  typeof doc === 'object' &&
  doc !== null &&
  !Array.isArray(doc) &&
  Object.keys(doc).length === 1 &&
  's3Key' in doc;

/**
 * The request body as the bytes that were sent: the gateway passes a body that is not UTF-8 text
 * (a declared non-UTF-8 charset, or bytes that are not valid UTF-8) base64-encoded, as API Gateway
 * does for binary bodies. Same content-type and size rules as every JSON route.
 */
function bodyBytes(req: Request): Buffer {
  const contentType = req.header('content-type');
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json'))
    throw unsupportedMediaType(
      `the body must be application/json, not ${type === '' ? 'an unnamed content type' : type}`,
    );
  const raw = req.event.body ?? '';
  const bytes = req.event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > DEFAULT_MAX_BODY_BYTES)
    throw payloadTooLarge(
      `the body is ${bytes.byteLength} bytes; the limit is ${DEFAULT_MAX_BODY_BYTES} bytes`,
    );
  if (bytes.byteLength === 0)
    throw badRequest('the body is empty', [{ path: '', message: 'a JSON document is required' }]);
  return bytes;
}

/** The document, parsed within the bounds on nesting and values (past one: 422 naming it); not JSON → 400. */
function parse(text: string, path: string, title: string): unknown {
  try {
    return parseBoundedJson(text);
  } catch (err) {
    if (err instanceof LimitExceededError) throw err;
    throw badRequest(title, [{ path, message: err instanceof Error ? err.message : String(err) }]);
  }
}

export async function importSource(req: Request, bucket: string): Promise<ImportSource> {
  const { org } = req.caller;
  const bytes = bodyBytes(req);
  const charset = charsetOf(req.header('content-type'));
  const decoded = decodeDocument(bytes, charset);
  const body = parse(decoded.text, '', 'the body is not valid JSON');
  if (!isUploadReference(body)) {
    return {
      doc: body,
      decoded,
      ...(charset ? { charset } : {}),
      keep: () => putRawDocument(bucket, org, bytes),
    };
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
  const uploaded = await readUpload(bucket, key);
  if (uploaded.byteLength > MAX_UPLOAD_BYTES)
    throw payloadTooLarge(
      `the uploaded document is ${uploaded.byteLength} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes`,
    );
  const decodedUpload = decodeDocument(uploaded);
  const doc = parse(decodedUpload.text, 's3Key', 'the uploaded document is not valid JSON');
  return { doc, decoded: decodedUpload, keep: () => keepUploadAsRaw(bucket, org, uploaded) };
}
