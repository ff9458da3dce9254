/**
 * Criterion evaluation for readiness (see readiness.ts for the rules): which items count, what blocks one
 * item, and whether a criterion is met for one scope (the whole tender or one lot). Pure: the instants
 * arrive as epoch milliseconds.
 */
import type { Blocker, ReadinessItem } from './readiness.ts';
import type { Localized } from './types.ts';

/** The instants item checks are made against, as epoch milliseconds. */
export interface Instants {
  now: number;
  /** NaN when unknown */
  bidValidityEnd: number;
}

/** One place a criterion is evaluated: the whole tender (lotId null) or one lot, with the items that apply there. */
export interface Scope {
  lotId: string | null;
  items: ReadinessItem[];
}

export interface CriterionOutcome {
  met: boolean;
  /** the items of the group that decides the criterion: a met group, else the group closest to completion */
  chosen: ReadinessItem[];
  blockers: Blocker[];
}

/** Epoch milliseconds of an ISO-8601 instant; NaN when absent or unreadable (every comparison with it is false). */
export const instant = (value: string | null): number => (value === null ? Number.NaN : Date.parse(value));

/** An item readiness looks at: live, due at submission (not the winner's), and mandatory. */
export const counts = (item: ReadinessItem): boolean =>
  !item.archived && item.obligation !== 'winner' && item.mandatory;

/** A reviewer accepted the tenderer's claim that the requirement does not apply. */
const acceptedNotApplicable = (item: ReadinessItem): boolean =>
  item.status === 'approved' && item.notApplicable === true;

/** Approved in review and not found non-compliant (or accepted as not applicable): what coverage counts. */
export const isApproved = (item: ReadinessItem): boolean =>
  acceptedNotApplicable(item) || (item.status === 'approved' && item.compliant !== false);

/** Text in English if the source has it, else the language-neutral text, else any language. */
export const label = (text: Localized, fallback: string): string =>
  text.en ?? text.default ?? Object.values(text).find((t) => t.trim() !== '') ?? fallback;

/** The scopes of one criterion's counted items: the whole tender when none names a lot, else each named lot. */
export function scopesOf(items: ReadinessItem[]): Scope[] {
  const lots = [...new Set(items.flatMap((i) => i.lotIds))].sort(compareText);
  if (lots.length === 0) return [{ lotId: null, items }];
  return lots.map((lotId) => ({
    lotId,
    items: items.filter((i) => i.lotIds.length === 0 || i.lotIds.includes(lotId)),
  }));
}

/** Everything that stops one item from being submitted: its review state, then its evidence. */
export function itemBlockers(item: ReadinessItem, lotId: string | null, at: Instants): Blocker[] {
  if (acceptedNotApplicable(item)) return [];
  const name = `"${label(item.title, item.requirementId)}"`;
  const blocker = (code: Blocker['code'], reason: string): Blocker => ({
    code,
    criterionId: item.criterionId,
    requirementKeys: [item.key],
    lotId,
    reason,
  });
  const blockers: Blocker[] = [];
  const because = item.nonComplianceReason ? `: ${item.nonComplianceReason}` : '';
  if (item.status === 'rejected')
    blockers.push(blocker('rejected', `${name} was rejected in review${because}`));
  else if (item.status === 'not_applicable')
    blockers.push(
      blocker('not-applicable-unapproved', `${name} is marked not applicable; no reviewer has approved that`),
    );
  else if (item.compliant === false)
    blockers.push(blocker('non-compliant', `${name} does not meet what the buyer expects${because}`));
  else if (item.status === 'answered')
    blockers.push(blocker('awaiting-review', `${name} is answered but not yet approved`));
  else if (item.status !== 'approved')
    blockers.push(blocker('unanswered', `${name} is not answered yet (status ${item.status})`));

  if (item.eligibleEvidences.length > 0 && item.evidence.length === 0) {
    const kinds = item.eligibleEvidences.map((e) => e.title ?? e.type ?? e.id).join('; ');
    blockers.push(blocker('evidence-missing', `${name} needs evidence (${kinds}) and none is attached`));
  }
  const expired = item.evidence.filter((e) => instant(e.validUntil) < at.now);
  if (expired.length > 0)
    blockers.push(blocker('evidence-expired', `evidence for ${name} has expired: ${describe(expired)}`));
  const short = item.evidence.filter(
    (e) => !expired.includes(e) && instant(e.validUntil) < at.bidValidityEnd,
  );
  if (short.length > 0) {
    const end = new Date(at.bidValidityEnd).toISOString();
    blockers.push(
      blocker(
        'evidence-expires-before-bid-validity',
        `evidence for ${name} expires before the bid validity ends (${end}): ${describe(short)}`,
      ),
    );
  }
  return blockers;
}

/**
 * One criterion in one scope. Met when some requirement group has every counted item free of blockers
 * (OR across groups, AND within a group). Otherwise one 'criterion-not-met' blocker plus the item blockers
 * of the group closest to completion only: fewest open items, then most items done, then group id.
 */
export function evaluateCriterion(scope: Scope, at: Instants): CriterionOutcome {
  const groups = new Map<string, { item: ReadinessItem; blockers: Blocker[] }[]>();
  for (const item of scope.items) {
    const entries = groups.get(item.groupId) ?? [];
    entries.push({ item, blockers: itemBlockers(item, scope.lotId, at) });
    groups.set(item.groupId, entries);
  }
  const ranked = [...groups.entries()]
    .map(([groupId, entries]) => ({
      groupId,
      entries,
      open: entries.filter((e) => e.blockers.length > 0).length,
    }))
    .sort(
      (a, b) =>
        a.open - b.open ||
        b.entries.length - b.open - (a.entries.length - a.open) ||
        compareText(a.groupId, b.groupId),
    );
  const best = ranked[0];
  if (best === undefined) return { met: true, chosen: [], blockers: [] };
  const chosen = best.entries.map((e) => e.item);
  const [first] = chosen;
  // A group with no open entry is met (and a ranked group always has entries).
  if (best.open === 0 || first === undefined) return { met: true, chosen, blockers: [] };

  const criterion = `"${label(first.criterionTitle, first.criterionId)}"`;
  const where = scope.lotId === null ? '' : ` for lot ${scope.lotId}`;
  const others = ranked.length - 1;
  const alternatives = others === 0 ? '' : ` (${others} alternative group(s) are further from completion)`;
  const notMet: Blocker = {
    code: 'criterion-not-met',
    criterionId: first.criterionId,
    requirementKeys: chosen.map((i) => i.key).sort(compareText),
    lotId: scope.lotId,
    reason:
      `criterion ${criterion} is not met${where}: no requirement group is complete; the closest, group ` +
      `"${best.groupId}", has ${best.open} of ${chosen.length} requirement(s) still open${alternatives}`,
  };
  return { met: false, chosen, blockers: [notMet, ...best.entries.flatMap((e) => e.blockers)] };
}

/** Code-point order: deterministic whatever the locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const describe = (evidence: { evidenceId: string; validUntil: string | null }[]): string =>
  evidence.map((e) => `${e.evidenceId} valid until ${e.validUntil}`).join(', ');
