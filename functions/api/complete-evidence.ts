import { contentTypeProblem } from '../domain/evidence-file.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getEvidence, hashUploaded, updateEvidenceAudited } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.completeEvidence.env);

/**
 * POST /evidence/{id}/complete: the file is uploaded — hash it (SHA-256, by the server), check its size
 * and that its first bytes are of the declared type (file-type; domain/evidence-file.ts), and make it
 * available. A file of another type is refused (400 naming the declared and the detected type) and stays
 * unreachable: the record stays pending, so no download URL is ever made for it. Idempotent.
 */
export const handler = httpHandler(schemas.completeEvidence, async (req, input) => {
  const id = input.path.id;
  const record = await getEvidence(env.TABLE_NAME, req.caller.org, id);
  if (!record) throw notFound(`no evidence ${id}`);
  if (record.status === 'available') return json(200, record, { etag: etagOf(record.version) });
  const uploaded = await hashUploaded(env.BUCKET_NAME, req.caller.org, id);
  if (!uploaded)
    throw badRequest('nothing uploaded yet', [
      { path: 'id', message: 'PUT the file to the upload URL first' },
    ]);
  if (uploaded.bytes !== record.bytes) {
    throw badRequest('the upload does not match', [
      { path: 'bytes', message: `declared ${record.bytes} bytes, uploaded ${uploaded.bytes}` },
    ]);
  }
  const problem = await contentTypeProblem(record.contentType, uploaded.head);
  if (problem)
    throw badRequest('the upload is not of the declared type', [{ path: 'contentType', message: problem }]);
  const fields = { status: 'available' as const, sha256: uploaded.sha256 };
  const at = systemClock.now().toISOString();
  const version = await updateEvidenceAudited(env.TABLE_NAME, req.caller.org, id, record.version, fields, {
    entity: `evidence:${id}`,
    actor: req.caller.user,
    at,
    action: 'complete',
    before: { status: record.status, sha256: record.sha256 },
    after: fields,
  });
  const updated = { ...record, ...fields, version, updatedAt: at };
  return json(200, updated, { etag: etagOf(updated.version) });
});
