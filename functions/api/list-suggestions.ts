import { suggestEvidence } from '../domain/evidence.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getItem } from '../store/checklist.ts';
import { listEvidence } from '../store/evidence.ts';
import * as schemas from './schemas/evidence.ts';

const env = loadEnv(functions.listSuggestions.env);

/** GET /tenders/{id}/checklist/{itemId}/suggestions: library evidence that could answer the item, with why. */
export const handler = httpHandler(schemas.listSuggestions, async (req, input) => {
  const [tenderId, itemId] = [input.path.id, input.path.itemId];
  const item = await getItem(env.TABLE_NAME, req.caller.org, tenderId, itemId);
  if (!item) throw notFound(`no checklist item ${itemId} in tender ${tenderId}`);
  const library = (await listEvidence(env.TABLE_NAME, req.caller.org, 200)).items;
  const suggestions = suggestEvidence(item, library, systemClock.now().toISOString()).filter(
    (s) => !item.evidence.some((e) => e.evidenceId === s.evidence.evidenceId),
  );
  return json(200, {
    items: suggestions.map((s) => ({ evidence: s.evidence, score: s.score, why: s.why })),
  });
});
