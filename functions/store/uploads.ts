import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../lib/clients/s3.ts';
import { newId } from '../lib/ids.ts';
import { LIMITS } from '../lib/limits.ts';
import { putRawDocument } from './documents.ts';

export const MAX_UPLOAD_BYTES = LIMITS.uploadBytes;
const URL_TTL_SECONDS = 15 * 60;

export const uploadKeys = {
  import: (org: string) => `orgs/${org}/uploads/${newId()}.json`,
  isImportUpload: (org: string, key: string) =>
    new RegExp(`^orgs/${org}/uploads/[0-9A-HJKMNP-TV-Z]{26}\\.json$`).test(key),
};

/**
 * A presigned PUT for a large tender document: the key is ours, the content type is JSON and the
 * exact length is signed, so S3 refuses anything else (including anything over the limit).
 * `If-None-Match: *` is signed too: the key can be written once, never overwritten between the
 * upload and the intake. No checksum is signed (the S3 client computes checksums only when required).
 */
export async function presignImportUpload(bucket: string, org: string, bytes: number, now: Date) {
  const key = uploadKeys.import(org);
  const url = await getSignedUrl(
    s3(),
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      ContentType: 'application/json',
      ContentLength: bytes,
      IfNoneMatch: '*',
    }),
    {
      expiresIn: URL_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    },
  );
  return {
    s3Key: key,
    uploadUrl: url,
    method: 'PUT' as const,
    headers: { 'content-type': 'application/json', 'content-length': String(bytes), 'if-none-match': '*' },
    expiresAt: new Date(now.getTime() + URL_TTL_SECONDS * 1000).toISOString(),
  };
}

/** The uploaded document's size, or undefined when nothing was uploaded under that key. */
export async function uploadedSize(bucket: string, key: string): Promise<number | undefined> {
  try {
    return (await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
  } catch (e) {
    if (e instanceof Error && (e.name === 'NotFound' || e.name === 'NoSuchKey')) return undefined;
    throw e;
  }
}

/** The uploaded document's bytes, exactly as read (what is hashed and kept is what was read). */
export async function readUpload(bucket: string, key: string): Promise<Uint8Array> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await res.Body?.transformToByteArray()) ?? new Uint8Array();
}

/**
 * Keep an uploaded document as the raw document, content-addressed like a direct import: the bytes
 * that were read (and parsed) are hashed and written, not copied from the upload key, so nothing
 * written there afterwards can become the raw document.
 */
export const keepUploadAsRaw = (bucket: string, org: string, bytes: Uint8Array) =>
  putRawDocument(bucket, org, bytes);
