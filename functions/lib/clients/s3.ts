import { S3Client } from '@aws-sdk/client-s3';
import { endpointVariables, perConfig } from './per-config.ts';

/**
 * Path-style addressing is configuration (AWS_S3_FORCE_PATH_STYLE=true, for s3rver), never a branch on "local".
 * Checksums only when an operation requires one: since SDK v3.729 the default (`WHEN_SUPPORTED`) signs
 * a CRC32 of the *empty* body into presigned PUT URLs (`x-amz-checksum-crc32=AAAAAA==`), and real S3
 * then rejects every non-empty upload made with them. One client per endpoint configuration (per-config.ts).
 */
export const s3 = perConfig([...endpointVariables('S3'), 'AWS_S3_FORCE_PATH_STYLE'], () => {
  return new S3Client({
    forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
