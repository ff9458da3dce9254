import { fieldChanges } from '../domain/audit.ts';
import { EDITABLE_EVIDENCE_FIELDS, editEvidence } from '../domain/evidence.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getEvidence, updateEvidenceAudited } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.updateEvidence.env);

/** PATCH /evidence/{id} with If-Match: title, type, tags, validity (the file itself never changes); audited. */
export const handler = httpHandler(schemas.updateEvidence, async (req, input) => {
  const version = input.version;
  const patch = input.body;
  const id = input.path.id;
  const record = await getEvidence(env.TABLE_NAME, req.caller.org, id);
  if (!record) throw notFound(`no evidence ${id}`);
  if (record.version !== version) throw preconditionFailed(record.version, version);
  const { changed, fields, before, after } = fieldChanges(
    record,
    editEvidence(record, patch),
    EDITABLE_EVIDENCE_FIELDS,
  );
  if (changed.length === 0) return json(200, record, { etag: etagOf(record.version) });
  const at = systemClock.now().toISOString();
  const next = await updateEvidenceAudited(env.TABLE_NAME, req.caller.org, id, version, fields, {
    entity: `evidence:${id}`,
    actor: req.caller.user,
    at,
    action: 'update',
    before,
    after,
  });
  const updated = { ...record, ...fields, version: next, updatedAt: at };
  return json(200, updated, { etag: etagOf(updated.version) });
});
