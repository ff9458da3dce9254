import { S3Client } from '@aws-sdk/client-s3';

/** Path-style addressing is configuration (AWS_S3_FORCE_PATH_STYLE=true, for s3rver), never a branch on "local". */
let client: S3Client | undefined;

export const s3 = (): S3Client => {
  client ??= new S3Client({ forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true' });
  return client;
};
