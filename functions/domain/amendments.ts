import type { NormalizedTender, TenderView } from './tender.ts';

/** One field of the tender that an amendment changed. */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const TRACKED = ['title', 'description', 'value', 'guarantee', 'procurementMethod', 'timeZone'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function diffPeriods(
  prefix: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
  out: FieldChange[],
) {
  for (const name of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const b = before?.[name] as Record<string, unknown> | undefined;
    const a = after?.[name] as Record<string, unknown> | undefined;
    for (const edge of ['start', 'end', 'durationInDays'] as const) {
      if (!same(b?.[edge], a?.[edge]))
        out.push({
          path: `${prefix}periods.${name}.${edge}`,
          before: b?.[edge] ?? null,
          after: a?.[edge] ?? null,
        });
    }
  }
}

/**
 * What an amendment changed in the tender itself: deadlines (tender and lot periods), value,
 * guarantee, title, status, lots added or removed. Requirement changes are diffed by the checklist.
 */
export function diffTender(before: Partial<TenderView> | undefined, after: NormalizedTender): FieldChange[] {
  if (!before || before.releaseId === undefined) return [];
  const out: FieldChange[] = [];
  for (const field of TRACKED) {
    if (!same(before[field], after[field]))
      out.push({ path: field, before: before[field] ?? null, after: after[field] ?? null });
  }
  // The stored tender's `status` is its intake status (importing, ready); the procurement status is
  // kept as `procurementStatus`: compare procurement status with procurement status.
  if (!same(before.procurementStatus, after.status))
    out.push({ path: 'status', before: before.procurementStatus ?? null, after: after.status ?? null });
  diffPeriods('', before.periods, after.periods, out);
  const lotsBefore = new Map((before.lots ?? []).map((l) => [l.id, l]));
  const lotsAfter = new Map(after.lots.map((l) => [l.id, l]));
  for (const [id, lot] of lotsAfter) {
    const prior = lotsBefore.get(id);
    if (!prior) out.push({ path: `lots[${id}]`, before: null, after: lot.title ?? id });
    else diffPeriods(`lots[${id}].`, prior.periods, lot.periods, out);
  }
  for (const [id, lot] of lotsBefore)
    if (!lotsAfter.has(id)) out.push({ path: `lots[${id}]`, before: lot.title ?? id, after: null });
  return out;
}
