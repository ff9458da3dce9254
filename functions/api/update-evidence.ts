import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest, notFound } from '../lib/errors.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getEvidence, updateEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.updateEvidence.env);

/** PATCH /evidence/{id} with If-Match: title, type, tags, validity (the file itself never changes). */
export const handler = httpHandler(schemas.updateEvidence, async (req, input) => {
  const version = input.version;
  const patch = input.body;
  const id = input.path.id;
  const record = await getEvidence(env.TABLE_NAME, req.caller.org, id);
  if (!record) throw notFound(`no evidence ${id}`);
  if (record.version !== version) throw preconditionFailed(record.version, version);
  const fields = {
    ...patch,
    ...(patch.validFrom !== undefined
      ? { validFrom: patch.validFrom && new Date(patch.validFrom).toISOString() }
      : {}),
    ...(patch.validUntil !== undefined
      ? { validUntil: patch.validUntil && new Date(patch.validUntil).toISOString() }
      : {}),
  };
  const from = fields.validFrom !== undefined ? fields.validFrom : record.validFrom;
  const until = fields.validUntil !== undefined ? fields.validUntil : record.validUntil;
  if (from && until && until < from)
    throw badRequest('invalid validity', [{ path: 'validUntil', message: 'ends before validFrom' }]);
  const updated = await updateEvidence(
    env.TABLE_NAME,
    req.caller.org,
    id,
    version,
    fields,
    systemClock.now().toISOString(),
  );
  return json(200, updated, { etag: etagOf(updated.version) });
});
