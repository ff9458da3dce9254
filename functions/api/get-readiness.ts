import { assessReadiness } from '../domain/checklist/readiness.ts';
import { bidValidityEnd, submissionDeadline } from '../domain/tender-dates.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { notFound } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import { allItems } from '../store/checklist.ts';
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
  const readiness = assessReadiness({
    items,
    lots: (tender.lots ?? []).map((l) => ({ id: l.id, title: l.title })),
    submissionDeadline: submissionDeadline(tender),
    bidValidityEnd: bidValidityEnd(tender),
    now: systemClock.now().toISOString(),
  });
  return json(200, { tenderId: id, status: tender.status, ...readiness }, { 'cache-control': 'no-store' });
});
