import type { EvidenceRecord } from '../domain/evidence.ts';
import { evidenceFileName } from '../domain/evidence-file.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { newId } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { createEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.createEvidence.env);

/**
 * POST /evidence: register a company document (type, validity, tags) and get a presigned PUT for
 * its file — a server-generated key, this content type and this exact size only. Then
 * POST /evidence/{id}/complete records its SHA-256.
 */
export const handler = httpHandler(schemas.createEvidence, async (req, input) => {
  const body = input.body;
  if (body.validFrom && body.validUntil && body.validUntil < body.validFrom) {
    throw badRequest('invalid validity', [{ path: 'validUntil', message: 'ends before validFrom' }]);
  }
  const now = systemClock.now().toISOString();
  const record: EvidenceRecord = {
    evidenceId: `e-${newId()}`,
    title: body.title,
    type: body.type,
    tags: body.tags,
    validFrom: body.validFrom ? new Date(body.validFrom).toISOString() : null,
    validUntil: body.validUntil ? new Date(body.validUntil).toISOString() : null,
    fileName: evidenceFileName(body.fileName),
    contentType: body.contentType,
    bytes: body.bytes,
    status: 'pending-upload',
    sha256: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: req.caller.user,
  };
  const upload = await createEvidence(env.TABLE_NAME, env.BUCKET_NAME, req.caller.org, record);
  return json(
    201,
    { evidence: record, upload },
    { location: `/evidence/${record.evidenceId}`, etag: `"${record.version}"` },
  );
});
