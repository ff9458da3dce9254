import * as z from 'zod/mini';
import { intakeDocument } from '../domain/checklist/intake.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { sha256Hex } from '../lib/ids.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { documentKeys, getRawDocument, putJsonDocument } from '../store/documents.ts';
import { IntakeOptions, text } from './task-input.ts';

const env = loadEnv(functions.normalizeTender.env);

export const NormalizeInput = z.object({
  org: text(),
  tenderId: text(),
  ocid: text(),
  rawKey: text(),
  options: IntakeOptions,
});

/** tender-intake / Normalize: raw document in S3 → the normalised tender and its requirements in S3 (the key is returned). */
export const handler = taskHandler(
  'normalizeTender',
  NormalizeInput,
  async ({ org, tenderId, ocid, rawKey, options }) => {
    if (!documentKeys.belongsTo(org, rawKey))
      throw new InvalidInputError(`raw document ${rawKey} is not in organisation ${org}`);
    const { charset, ...intakeOptions } = options;
    const { doc, decoded } = await getRawDocument(env.BUCKET_NAME, rawKey, charset);
    const [intake] = intakeDocument(doc, { ocid, ...intakeOptions });
    if (!intake) throw new InvalidInputError(`the document has no contracting process ${ocid}`);
    const warnings = decoded.warning ? [decoded.warning, ...intake.tender.warnings] : intake.tender.warnings;
    const tender = { tender: { ...intake.tender, warnings }, requirements: intake.requirements };
    const body = JSON.stringify(tender);
    const normalizedKey = documentKeys.normalized(org, tenderId, sha256Hex(body));
    await putJsonDocument(env.BUCKET_NAME, normalizedKey, tender);
    return { normalizedKey };
  },
);
