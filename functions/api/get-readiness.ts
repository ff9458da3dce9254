import { assessReadiness } from '../domain/checklist/readiness.ts';
import { bidValidityEnd, submissionDeadline } from '../domain/tender-dates.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { allItems } from '../store/checklist.ts';
import { evidenceByIds } from '../store/evidence.ts';
import { getTender } from '../store/tenders.ts';

const env = loadEnv(functions.getReadiness.env);

/** GET /tenders/{id}/readiness: ready or not, coverage, and every blocker with its criterion, requirements, lot and reason. */
export const handler = httpHandler('getReadiness', async (req) => {
  const id = req.path('id');
  const [tender, items] = await Promise.all([
    getTender(env.TABLE_NAME, req.caller.org, id),
    allItems(env.TABLE_NAME, req.caller.org, id),
  ]);
  if (!tender) throw notFound(`no tender ${id}`);
  // Validity comes from the library as it is now, not from the snapshot taken when it was attached.
  const current = await evidenceByIds(
    env.TABLE_NAME,
    req.caller.org,
    items.flatMap((i) => i.evidence.map((e) => e.evidenceId)),
  );
  for (const item of items) {
    item.evidence = item.evidence.map((e) => ({
      ...e,
      validUntil: current.get(e.evidenceId)?.validUntil ?? e.validUntil,
    }));
  }
  const readiness = assessReadiness({
    items,
    lots: (tender.lots ?? []).map((l) => ({ id: l.id, title: l.title })),
    submissionDeadline: submissionDeadline(tender),
    bidValidityEnd: bidValidityEnd(tender),
    now: systemClock.now().toISOString(),
  });
  return json(200, { tenderId: id, status: tender.status, ...readiness }, { 'cache-control': 'no-store' });
});
