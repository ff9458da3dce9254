import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { s3 } from '../lib/clients/s3.ts';
import { newId } from '../lib/ids.ts';
import type { AuditEntry } from './audit.ts';
import { evidenceObjectKey } from './evidence.ts';
import { queryAll } from './query.ts';
import { keys } from './table-definition.ts';

/** Bid packages in S3: `orgs/<org>/packages/<tenderId>/<packageId>.zip`, written once, downloaded through a presigned URL. */
export const packageKey = (org: string, tenderId: string, packageId: string) =>
  `orgs/${org}/packages/${tenderId}/${packageId}.zip`;

const URL_TTL_SECONDS = 15 * 60;

/** An evidence file's bytes as a stream (never read whole into memory). */
export async function evidenceStream(bucket: string, org: string, evidenceId: string): Promise<Readable> {
  const res = await s3().send(
    new GetObjectCommand({ Bucket: bucket, Key: evidenceObjectKey(org, evidenceId) }),
  );
  if (!(res.Body instanceof Readable)) throw new Error(`evidence ${evidenceId} has no readable body`);
  return res.Body;
}

/** Stream a body into S3 as a multipart upload (parts of 8 MB, at most 2 in flight): memory stays bounded. */
export async function uploadStream(
  bucket: string,
  key: string,
  body: Readable,
  contentType: string,
): Promise<void> {
  const upload = new Upload({
    client: s3(),
    params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType, IfNoneMatch: '*' },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  });
  await upload.done();
}

/** A small object (the manifest next to the ZIP). */
export async function putObject(
  bucket: string,
  key: string,
  body: string,
  contentType: string,
): Promise<void> {
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}

export async function packageDownloadUrl(bucket: string, key: string, fileName: string, now: Date) {
  const url = await getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    }),
    { expiresIn: URL_TTL_SECONDS },
  );
  return { url, expiresAt: new Date(now.getTime() + URL_TTL_SECONDS * 1000).toISOString() };
}

/** Who approved each item last, and when, from the tender's audit trail. */
export async function lastApprovals(
  table: string,
  org: string,
  tenderId: string,
): Promise<Map<string, { by: string; at: string }>> {
  const rows = await queryAll({
    TableName: table,
    KeyConditionExpression: 'PK = :pk',
    FilterExpression: '#after.#status = :approved',
    ExpressionAttributeNames: { '#after': 'after', '#status': 'status', '#at': 'at' },
    ExpressionAttributeValues: { ':pk': keys.auditTrail(org, { tender: tenderId }), ':approved': 'approved' },
    ProjectionExpression: 'entity, actor, #at',
  });
  const out = new Map<string, { by: string; at: string }>();
  for (const r of rows) {
    const entity = String(r.entity ?? '');
    if (entity.startsWith('item:')) out.set(entity.slice(5), { by: String(r.actor), at: String(r.at) });
  }
  return out;
}

/** Append an entry to the tender's audit trail (a package built, or forced while not ready). */
export async function appendTenderAudit(
  table: string,
  org: string,
  tenderId: string,
  entry: AuditEntry,
): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.audit(org, { tender: tenderId }, entry.at, newId()), ...entry },
    }),
  );
}
