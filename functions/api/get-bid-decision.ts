import { decideBid, resolvePolicy } from '../domain/bid-decision.ts';
import { loadReadiness } from '../flows/load-readiness.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { getSetting } from '../store/settings.ts';
import * as schemas from './schemas/checklist.ts';

const env = loadEnv(functions.getBidDecision.env);

/** GET /tenders/{id}/bid-decision: a 0–100 score, each factor's contribution, and a recommendation with its reasons. */
export const handler = httpHandler(schemas.getBidDecision, async (req, input) => {
  const id = input.path.id;
  const now = systemClock.now().toISOString();
  const [{ tender, items, readiness }, stored] = await Promise.all([
    loadReadiness(env.TABLE_NAME, req.caller.org, id, now),
    getSetting(env.TABLE_NAME, req.caller.org, 'bid-policy'),
  ]);
  const decision = decideBid({
    tender: {
      value: tender.value ?? null,
      guarantee: tender.guarantee,
      periods: tender.periods ?? {},
      lots: tender.lots ?? [],
    },
    readiness,
    items,
    now,
    policy: resolvePolicy(stored?.value ?? {}),
  });
  return json(
    200,
    { tenderId: id, ...decision, readiness: { ready: readiness.ready, coverage: readiness.coverage } },
    { 'cache-control': 'no-store' },
  );
});
