import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { EvidenceRecord } from '../domain/evidence.ts';
import { DETECT_BYTES, downloadDisposition } from '../domain/evidence-file.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { s3 } from '../lib/clients/s3.ts';
import { type AuditEntry, updateAudited } from './audit.ts';
import { decodeCursor } from './cursor.ts';
import { queryPage } from './query.ts';
import { rowMapper } from './rows.ts';
import { keys } from './table-definition.ts';

const URL_TTL_SECONDS = 15 * 60;
const toRecord = rowMapper<EvidenceRecord>('objectKey');

/** Server-generated object key: the file name is kept only as metadata, never as a path. */
export const evidenceObjectKey = (org: string, evidenceId: string) => `orgs/${org}/evidence/${evidenceId}`;

/** Create the record (pending upload) and a presigned PUT that only accepts this type and this exact size. */
export async function createEvidence(table: string, bucket: string, org: string, record: EvidenceRecord) {
  const objectKey = evidenceObjectKey(org, record.evidenceId);
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: {
        ...keys.evidence(org, record.evidenceId),
        GSI1PK: keys.evidenceOfOrg(org),
        GSI1SK: `${record.createdAt}#${record.evidenceId}`,
        objectKey,
        ...record,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  const uploadUrl = await getSignedUrl(
    s3(),
    new PutObjectCommand({
      Bucket: bucket,
      Key: objectKey,
      ContentType: record.contentType,
      ContentLength: record.bytes,
      // Evidence is never overwritten: S3 refuses the PUT if an object already exists.
      IfNoneMatch: '*',
    }),
    {
      expiresIn: URL_TTL_SECONDS,
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    },
  );
  return {
    uploadUrl,
    method: 'PUT' as const,
    headers: {
      'content-type': record.contentType,
      'content-length': String(record.bytes),
      'if-none-match': '*',
    },
  };
}

export async function getEvidence(
  table: string,
  org: string,
  evidenceId: string,
): Promise<EvidenceRecord | undefined> {
  const res = await dynamo().send(new GetCommand({ TableName: table, Key: keys.evidence(org, evidenceId) }));
  return res.Item ? toRecord(res.Item) : undefined;
}

/**
 * The uploaded object's SHA-256, computed by the server from the bytes themselves, its size, and its
 * first bytes (up to DETECT_BYTES) for the type check — all from one read of the object.
 */
export async function hashUploaded(
  bucket: string,
  org: string,
  evidenceId: string,
): Promise<{ sha256: string; bytes: number; head: Uint8Array } | undefined> {
  const key = evidenceObjectKey(org, evidenceId);
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (e) {
    if (e instanceof Error && (e.name === 'NotFound' || e.name === 'NoSuchKey')) return undefined;
    throw e;
  }
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  let bytes = 0;
  const head: Buffer[] = [];
  for await (const chunk of res.Body as Readable) {
    const b = chunk as Buffer;
    hash.update(b);
    if (bytes < DETECT_BYTES) head.push(b.subarray(0, DETECT_BYTES - bytes));
    bytes += b.length;
  }
  return { sha256: hash.digest('hex'), bytes, head: Buffer.concat(head) };
}

/**
 * Set fields on an evidence record if it is still at `expectedVersion`, with its audit entry in the
 * same transaction (GET /evidence/{id}/audit-style trail under `{ evidence: id }`). Returns the new version.
 */
export async function updateEvidenceAudited(
  table: string,
  org: string,
  evidenceId: string,
  expectedVersion: number,
  fields: Partial<EvidenceRecord>,
  audit: AuditEntry,
): Promise<number> {
  return updateAudited(table, org, {
    key: keys.evidence(org, evidenceId),
    subject: { evidence: evidenceId },
    expectedVersion,
    fields,
    audit,
    what: `evidence ${evidenceId}`,
  });
}

/** The organisation's evidence library, newest first, one Query per page. */
export async function listEvidence(table: string, org: string, limit: number, cursor?: string) {
  const list = keys.evidenceOfOrg(org);
  const start = decodeCursor(cursor, 'GSI1PK', list);
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :list',
      ExpressionAttributeValues: { ':list': list },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    },
    toRecord,
  );
}

/** Current records for a set of ids (attached evidence, for readiness): BatchGet, 100 at a time. */
export async function evidenceByIds(
  table: string,
  org: string,
  ids: string[],
): Promise<Map<string, EvidenceRecord>> {
  const out = new Map<string, EvidenceRecord>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique
      .slice(i, i + 100)
      .map((id) => keys.evidence(org, id));
    for (let attempt = 0; pending && pending.length > 0 && attempt < 8; attempt++) {
      const res: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }),
      );
      for (const item of res.Responses?.[table] ?? []) out.set(String(item.evidenceId), toRecord(item));
      pending = res.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return out;
}

/**
 * A short-lived GET of the file, always a download: `Content-Disposition: attachment` with the name in
 * RFC 6266/5987 form (any script, ASCII on the wire) and `Content-Type` the declared type the completion
 * checked the bytes against, whatever the object's metadata says. (S3 cannot add
 * `X-Content-Type-Options: nosniff` to a presigned GET; an attachment is not rendered by the browser.)
 */
export async function downloadUrl(bucket: string, org: string, record: EvidenceRecord): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: evidenceObjectKey(org, record.evidenceId),
      ResponseContentDisposition: downloadDisposition(record.fileName),
      ResponseContentType: record.contentType,
    }),
    { expiresIn: URL_TTL_SECONDS },
  );
}
