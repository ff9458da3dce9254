import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../lib/clients/s3.ts';

/**
 * A matrix upload's objects in the `matrices` key space: the file as sent, and its plan a page at a time
 * (so the workflow's state carries only a page number and a resumed run reads the plan it made, never
 * plans again against items it has already changed).
 */
export const matrixKeys = {
  file: (org: string, importId: string) => `orgs/${org}/matrices/${importId}/file`,
  planPage: (org: string, importId: string, page: number) =>
    `orgs/${org}/matrices/${importId}/plan-${String(page).padStart(4, '0')}.json`,
};

export async function putMatrixObject(bucket: string, key: string, body: Uint8Array | string): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: typeof body === 'string' ? 'application/json' : 'application/octet-stream',
    }),
  );
}

export async function getMatrixObject(bucket: string, key: string): Promise<Uint8Array> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await res.Body?.transformToByteArray();
  if (bytes === undefined) throw new Error(`s3://${bucket}/${key} has no body`);
  return bytes;
}
