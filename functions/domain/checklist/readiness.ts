/**
 * "Are we ready, and what blocks us?" — readiness of a checklist for submission. Pure: `now` is a parameter.
 *
 * Rules:
 * - Counted items: not archived, not the winner's obligation (post-award, a deadline rather than a submission
 *   blocker), and mandatory. Optional items never block and never count for coverage; a requirement group
 *   with no counted item is no alternative, and a criterion with none drops out.
 * - An item is done when it has no blocker: status 'approved' and `compliant !== false`, and its evidence is
 *   in order. Otherwise, one review blocker (first that applies): 'rejected'; 'not-applicable-unapproved'
 *   (status 'not_applicable' is the tenderer's claim, still pending review); 'non-compliant'
 *   (`compliant === false`); 'awaiting-review' (status 'answered'); 'unanswered' (open, in progress).
 * - Not applicable: status 'not_applicable' is a pending claim and always blocks. The review flow (review.ts)
 *   records an accepted claim as status 'approved' with `notApplicable: true`; such an item is done with no
 *   compliance or evidence check (nothing is submitted for it). Without the flag an approved item is judged
 *   on `compliant` and evidence like any other.
 * - Evidence, checked whatever the status: 'evidence-missing' when the item lists eligible evidences and has
 *   none attached; 'evidence-expired' for attachments with validUntil < now; otherwise
 *   'evidence-expires-before-bid-validity' for validUntil < the bid validity end (when known). A null or
 *   unreadable validUntil never expires.
 * - Criteria (OCDS requirements extension): met when ONE group has ALL its counted items done. A criterion
 *   whose items name no lot is evaluated once for the whole tender (lotId null: it binds every lot); one whose
 *   items name lots is evaluated for each named lot, with that lot's items plus the whole-tender ones. An unmet
 *   criterion yields one 'criterion-not-met' blocker (requirementKeys = the closest group's counted items)
 *   plus the item blockers of that closest group only — not those of alternatives nobody pursues.
 * - Coverage counts distinct items over the deciding groups (the met group, else the closest) of every
 *   criterion and scope: mandatory = those items, approved = those approved and not non-compliant (evidence
 *   aside). ratio is rounded to 3 decimals, 1 when mandatory is 0. Coverage 1 with blockers is possible.
 * - 'submission-deadline-passed' when now >= the submission deadline (criterionId and lotId null).
 * - ready = no blocker at all. perLot: per input lot, the blockers whose lotId is that lot or null.
 * - Blockers are sorted by criterionId, lotId (null first), code (in BLOCKER_CODES order), requirement key.
 */
import {
  compareText,
  counts,
  evaluateCriterion,
  type Instants,
  instant,
  isApproved,
  scopesOf,
} from './readiness-evaluation.ts';
import type { ChecklistItemState } from './types.ts';

/** Every blocker code, most fundamental first: the order blockers of one criterion and lot are listed in. */
export const BLOCKER_CODES = [
  'submission-deadline-passed',
  'criterion-not-met',
  'rejected',
  'not-applicable-unapproved',
  'non-compliant',
  'unanswered',
  'awaiting-review',
  'evidence-missing',
  'evidence-expired',
  'evidence-expires-before-bid-validity',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface Blocker {
  code: BlockerCode;
  /** null for blockers of the whole bid (the submission deadline) */
  criterionId: string | null;
  requirementKeys: string[];
  /** null when it binds the whole tender, hence every lot */
  lotId: string | null;
  reason: string;
}

export interface Readiness {
  ready: boolean;
  coverage: { approved: number; mandatory: number; ratio: number };
  blockers: Blocker[];
  perLot: { lotId: string; ready: boolean; blockers: number }[];
}

/** A checklist item as readiness reads it: the shared state plus review's accepted-N/A flag, when the store has it. */
export type ReadinessItem = ChecklistItemState & { notApplicable?: boolean };

export interface ReadinessInput {
  items: ReadinessItem[];
  lots: { id: string; title: string | null }[];
  /** tender period end, ISO-8601 */
  submissionDeadline: string | null;
  /** bid validity period end, ISO-8601 */
  bidValidityEnd: string | null;
  /** ISO-8601 */
  now: string;
}

export function assessReadiness(input: ReadinessInput): Readiness {
  const now = instant(input.now);
  if (Number.isNaN(now)) throw new RangeError(`now is not an ISO-8601 instant: ${JSON.stringify(input.now)}`);
  const at: Instants = { now, bidValidityEnd: instant(input.bidValidityEnd) };

  const blockers: Blocker[] = [];
  const deadline = instant(input.submissionDeadline);
  if (now >= deadline)
    blockers.push({
      code: 'submission-deadline-passed',
      criterionId: null,
      requirementKeys: [],
      lotId: null,
      reason: `the submission deadline ${input.submissionDeadline} has passed`,
    });

  const byCriterion = new Map<string, ReadinessItem[]>();
  for (const item of input.items.filter(counts)) {
    const items = byCriterion.get(item.criterionId) ?? [];
    items.push(item);
    byCriterion.set(item.criterionId, items);
  }
  const deciding = new Map<string, ReadinessItem>();
  for (const items of byCriterion.values()) {
    for (const scope of scopesOf(items)) {
      const outcome = evaluateCriterion(scope, at);
      blockers.push(...outcome.blockers);
      for (const item of outcome.chosen) deciding.set(item.itemId, item);
    }
  }
  blockers.sort(byPosition);

  const mandatory = deciding.size;
  const approved = [...deciding.values()].filter(isApproved).length;
  const ratio = mandatory === 0 ? 1 : Math.round((approved / mandatory) * 1000) / 1000;
  const perLot = input.lots.map((lot) => {
    const count = blockers.filter((b) => b.lotId === null || b.lotId === lot.id).length;
    return { lotId: lot.id, ready: count === 0, blockers: count };
  });
  return { ready: blockers.length === 0, coverage: { approved, mandatory, ratio }, blockers, perLot };
}

const compareNullFirst = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : compareText(a, b);

const byPosition = (a: Blocker, b: Blocker): number =>
  compareNullFirst(a.criterionId, b.criterionId) ||
  compareNullFirst(a.lotId, b.lotId) ||
  BLOCKER_CODES.indexOf(a.code) - BLOCKER_CODES.indexOf(b.code) ||
  compareText(a.requirementKeys[0] ?? '', b.requirementKeys[0] ?? '');
