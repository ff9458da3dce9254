import { S3Client } from '@aws-sdk/client-s3';
import { type ClientCache, clientFor } from './per-config.ts';

/**
 * Path-style addressing is configuration (AWS_S3_FORCE_PATH_STYLE=true, for s3rver), never a branch on "local".
 * Checksums only when an operation requires one: since SDK v3.729 the default (`WHEN_SUPPORTED`) signs
 * a CRC32 of the *empty* body into presigned PUT URLs (`x-amz-checksum-crc32=AAAAAA==`), and real S3
 * then rejects every non-empty upload made with them. One client per endpoint configuration (per-config.ts).
 */
const cache: ClientCache<S3Client> = {};
const CONFIG = ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_S3_FORCE_PATH_STYLE'];

export const s3 = (): S3Client =>
  clientFor(
    cache,
    CONFIG,
    () =>
      new S3Client({
        forcePathStyle: process.env.AWS_S3_FORCE_PATH_STYLE === 'true',
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
  );
