import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { decodeBytes } from '../domain/decode.ts';
import type { DecodedText } from '../domain/encoding.ts';
import { s3 } from '../lib/clients/s3.ts';
import { sha256Hex } from '../lib/ids.ts';

/**
 * Raw imported documents and intake artefacts in S3. Keys are server-generated and start with
 * the organisation; a raw document's key is its SHA-256, so the same bytes are stored once and
 * never overwritten by different bytes.
 */
export const documentKeys = {
  raw: (org: string, sha256: string) => `orgs/${org}/raw/${sha256}.json`,
  /** one contracting process of an imported package, as package-intake split it out (UTF-8 JSON) */
  split: (org: string, sha256: string) => `orgs/${org}/split/${sha256}.json`,
  normalized: (org: string, tenderId: string, sha256: string) =>
    `orgs/${org}/normalized/${tenderId}/${sha256}.json`,
  belongsTo: (org: string, key: string) => key.startsWith(`orgs/${org}/`),
};

/**
 * Store a raw document byte for byte as it was sent (a string is taken as its UTF-8 bytes);
 * `split` stores one process split out of a package instead.
 */
export async function putRawDocument(
  bucket: string,
  org: string,
  body: string | Uint8Array,
  kind: 'raw' | 'split' = 'raw',
): Promise<{ key: string; sha256: string }> {
  const sha256 = sha256Hex(body);
  const key = documentKeys[kind](org, sha256);
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: 'application/json',
      ChecksumAlgorithm: 'SHA256',
      Metadata: { sha256 },
    }),
  );
  return { key, sha256 };
}

export async function putJsonDocument(bucket: string, key: string, value: unknown): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json',
    }),
  );
}

/** A raw document's bytes, decoded (see decodeDocument, through decodeBytes: never a silent U+FFFD) and parsed. */
export async function getRawDocument(
  bucket: string,
  key: string,
  charset?: string,
): Promise<{ doc: unknown; decoded: DecodedText }> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await res.Body?.transformToByteArray();
  if (bytes === undefined) throw new Error(`s3://${bucket}/${key} has no body`);
  const decoded = await decodeBytes(bytes, charset);
  return { doc: JSON.parse(decoded.text), decoded };
}

export async function getJsonDocument(bucket: string, key: string): Promise<unknown> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = await res.Body?.transformToString('utf8');
  if (text === undefined) throw new Error(`s3://${bucket}/${key} has no body`);
  return JSON.parse(text);
}
