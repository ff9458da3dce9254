import * as z from 'zod/mini';
import { NormalizedTender } from '../domain/tender.ts';
import { tenderCard } from '../domain/tender-card.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { documentKeys, getJsonDocument } from '../store/documents.ts';
import { completeIntake } from '../store/tenders.ts';
import { text } from './task-input.ts';

const env = loadEnv(functions.persistTender.env);

export const PersistInput = z.object({
  org: text(),
  tenderId: text(),
  normalizedKey: text(),
  /** what GenerateChecklist did, shown on the tender */
  checklist: z.optional(z.looseObject({ items: z.number() })),
});

const IntakeDoc = z.object({ tender: NormalizedTender });

/** tender-intake / Persist: write the normalised tender to the table (ScheduleDeadlines then marks it ready). Idempotent. */
export const handler = taskHandler(
  'persistTender',
  PersistInput,
  async ({ org, tenderId, normalizedKey, checklist }) => {
    if (!documentKeys.belongsTo(org, normalizedKey))
      throw new InvalidInputError(`${normalizedKey} is not in organisation ${org}`);
    const { tender } = IntakeDoc.parse(await getJsonDocument(env.BUCKET_NAME, normalizedKey));
    await completeIntake(
      env.TABLE_NAME,
      org,
      tenderId,
      { ...tenderCard(tender), normalizedKey, ...(checklist ? { checklist } : {}) },
      systemClock.now().toISOString(),
    );
    return { status: 'ready' as const, tenderId };
  },
);
