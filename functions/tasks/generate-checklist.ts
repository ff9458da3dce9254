import * as z from 'zod/mini';
import { diffTender } from '../domain/amendments.ts';
import { RequirementSpecSchema } from '../domain/checklist/requirement-spec.ts';
import { keptBeyondPublication } from '../domain/sheets/release.ts';
import { NormalizedTender } from '../domain/tender.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { recordChange } from '../store/changes.ts';
import { syncChecklist } from '../store/checklist.ts';
import { documentKeys, getJsonDocument } from '../store/documents.ts';
import { getTender, intakeVerdict } from '../store/tenders.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.generateChecklist.env);

export const GenerateInput = z.object({
  org: text(),
  tenderId: text(),
  normalizedKey: text(),
  /** the raw document this intake imports: new items carry it, and the write stops once that intake is not current */
  rawKey: z.optional(text()),
});

/** The intake document the Normalize step wrote: the tender and its requirements. */
const IntakeDoc = z.object({
  tender: NormalizedTender,
  requirements: z.array(RequirementSpecSchema),
});

/**
 * tender-intake / GenerateChecklist: one checklist item per requirement, batch-written; re-running
 * it (a retry, an amendment) keeps answers and archives what disappeared (but a publication leaves the
 * rows the buyer's spreadsheet added), and an amendment's diff
 * (tender fields and requirements) is recorded for GET /tenders/{id}/changes.
 */
export const handler = taskHandler(
  'generateChecklist',
  GenerateInput,
  async ({ org, tenderId, normalizedKey, rawKey }) => {
    if (!documentKeys.belongsTo(org, normalizedKey))
      throw new InvalidInputError(`${normalizedKey} is not in organisation ${org}`);
    const doc = IntakeDoc.parse(await getJsonDocument(env.BUCKET_NAME, normalizedKey));
    const specs = doc.requirements;
    const now = systemClock.now().toISOString();
    const before = await getTender(env.TABLE_NAME, org, tenderId);
    const result = await syncChecklist(
      env.TABLE_NAME,
      org,
      tenderId,
      specs,
      now,
      keptBeyondPublication(specs),
      rawKey ? { rawKey, verdict: () => intakeVerdict(env.TABLE_NAME, org, tenderId, rawKey) } : undefined,
    );
    // An amendment (the tender was imported before): record what changed, if anything did.
    const tenderChanges = diffTender(before, doc.tender);
    const { added, changed, archived } = result;
    const amended =
      before?.releaseId !== undefined &&
      (tenderChanges.length > 0 || added.length + changed.length + archived.length > 0);
    if (amended) {
      await recordChange(env.TABLE_NAME, org, tenderId, {
        at: now,
        releaseId: doc.tender.releaseId,
        tender: tenderChanges,
        requirements: { added, changed, archived },
      });
    }
    return {
      items: specs.length,
      added: result.added.length,
      changed: result.changed.length,
      archived: result.archived.length,
      unchanged: result.unchanged,
      writeCalls: result.writeCalls,
      amended,
    };
  },
);
