import * as z from 'zod/mini';
import { api } from '../../routes.ts';
import { MAX_UPLOAD_BYTES } from '../../store/uploads.ts';

/** What POST /tenders/import-uploads reads (apart from tenders.ts: only its handler needs the upload store's limit). */
export const UploadRequest = z.strictObject({
  bytes: z.int().check(z.minimum(1), z.maximum(MAX_UPLOAD_BYTES)),
});

export const createImportUpload = api('createImportUpload', { body: UploadRequest });
