import { assessReadiness } from '../domain/checklist/readiness.ts';
import { bidValidityEnd, submissionDeadline } from '../domain/tender-dates.ts';
import { notFound } from '../lib/errors.ts';
import { allItems } from '../store/checklist.ts';
import { evidenceByIds } from '../store/evidence.ts';
import { getTender } from '../store/tenders.ts';

/**
 * A tender, its live checklist and its readiness as of `now` — shared by the readiness and the
 * bid-decision routes. Evidence validity is read from the library as it is now, not from the
 * snapshot taken when it was attached.
 */
export async function loadReadiness(table: string, org: string, tenderId: string, now: string) {
  const [tender, items] = await Promise.all([
    getTender(table, org, tenderId),
    allItems(table, org, tenderId),
  ]);
  if (!tender) throw notFound(`no tender ${tenderId}`);
  const current = await evidenceByIds(
    table,
    org,
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
    now,
  });
  return { tender, items, readiness };
}
