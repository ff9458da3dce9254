import * as z from 'zod/mini';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { MAX_UPLOAD_BYTES, presignImportUpload } from '../store/uploads.ts';
import * as schemas from './schemas/uploads.ts';

const env = loadEnv(functions.createImportUpload.env);

export const UploadRequest = z.strictObject({
  bytes: z.int().check(z.minimum(1), z.maximum(MAX_UPLOAD_BYTES)),
});

/**
 * POST /tenders/import-uploads {bytes}: a presigned PUT for a tender document over the 1 MB body
 * limit (up to 50 MB). Upload it, then POST /tenders/import {"s3Key": …}.
 */
export const handler = httpHandler(schemas.createImportUpload, async (req, input) => {
  const { bytes } = input.body;
  return json(201, await presignImportUpload(env.BUCKET_NAME, req.caller.org, bytes, systemClock.now()));
});
