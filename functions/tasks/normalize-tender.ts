import * as z from 'zod/mini';
import { detectOcds } from '../domain/ocds/detect.ts';
import { compileReleases } from '../domain/ocds/merge.ts';
import { normalizeRelease } from '../domain/ocds/normalize.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { sha256Hex } from '../lib/ids.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { documentKeys, getJsonDocument, putJsonDocument } from '../store/documents.ts';

const env = loadEnv(functions.normalizeTender.env);

const text = () => z.string().check(z.minLength(1));

export const NormalizeInput = z.object({
  org: text(),
  tenderId: text(),
  ocid: text(),
  rawKey: text(),
  options: z._default(z.object({ timeZone: z.optional(z.string()) }), {}),
});

/** tender-intake / Normalize: raw OCDS document in S3 → normalised tender in S3 (its key is returned). */
export const handler = taskHandler(NormalizeInput, async ({ org, tenderId, ocid, rawKey, options }) => {
  if (!documentKeys.belongsTo(org, rawKey))
    throw new InvalidInputError(`raw document ${rawKey} is not in organisation ${org}`);
  const doc = await getJsonDocument(env.BUCKET_NAME, rawKey);
  const process = detectOcds(doc).processes.find((p) => p.ocid === ocid);
  if (!process) throw new InvalidInputError(`the document has no contracting process ${ocid}`);
  const tender = normalizeRelease(compileReleases(process.releases), ocid, options);
  const body = JSON.stringify(tender);
  const normalizedKey = documentKeys.normalized(org, tenderId, sha256Hex(body));
  await putJsonDocument(env.BUCKET_NAME, normalizedKey, tender);
  return { normalizedKey };
});
