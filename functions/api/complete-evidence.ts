import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getEvidence, hashUploaded, updateEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.completeEvidence.env);

/** POST /evidence/{id}/complete: the file is uploaded — hash it (SHA-256, by the server) and make it available. Idempotent. */
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
  const updated = await updateEvidence(
    env.TABLE_NAME,
    req.caller.org,
    id,
    record.version,
    { status: 'available', sha256: uploaded.sha256 },
    systemClock.now().toISOString(),
  );
  return json(200, updated, { etag: etagOf(updated.version) });
});
