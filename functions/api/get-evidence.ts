import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { downloadUrl, getEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.getEvidence.env);

/** GET /evidence/{id}: the record, and a short-lived download URL once the file is uploaded. */
export const handler = httpHandler(schemas.getEvidence, async (req, input) => {
  const id = input.path.id;
  const record = await getEvidence(env.TABLE_NAME, req.caller.org, id);
  if (!record) throw notFound(`no evidence ${id}`);
  const download =
    record.status === 'available' ? await downloadUrl(env.BUCKET_NAME, req.caller.org, record) : null;
  return json(200, { ...record, downloadUrl: download }, { etag: etagOf(record.version) });
});
