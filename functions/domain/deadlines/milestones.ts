/**
 * Published milestones as deadlines. Kind `milestone` for all of them: the kind says where a deadline
 * comes from and how it is computed, and every milestone is a published date; what it is for (delivery,
 * payment, reporting, …) is in the title and sets the risk.
 */
import type { Milestone } from '../tender.ts';
import type { Draft, Scope } from './deadline.ts';
import type { DeadlineRisk } from './types.ts';

/** OCDS milestoneType → how the title starts and the risk to the supplier. */
const BY_TYPE: Record<string, [label: string, risk: DeadlineRisk]> = {
  delivery: ['Delivery', 'high'],
  reporting: ['Report', 'normal'],
  financing: ['Payment', 'normal'],
  engagement: ['Engagement', 'normal'],
  assessment: ['Assessment', 'info'],
  approval: ['Approval', 'info'],
  preProcurement: ['Pre-procurement', 'info'],
};
const PLAIN: [string, DeadlineRisk] = ['Milestone', 'normal'];

/** OCDS contract statuses after which its milestones no longer apply. */
const CONTRACT_ENDED = new Set(['cancelled', 'terminated']);

const MAX_TITLE = 120;
const short = (s: string) => (s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1)}…` : s);

/**
 * The deadline of one milestone, in the scope of its lot (or the tender); none without a due date.
 * Met when published as met or with a `dateMet`; cancelled when its contract (or lot, via the scope)
 * was cancelled or terminated; the source ref is the milestone's stable ref, which carries the contract id.
 */
export function milestoneDraft(m: Milestone, scope: Scope): Draft | undefined {
  if (m.dueAt === null) return undefined;
  const [label, risk] = (m.type !== null ? BY_TYPE[m.type] : undefined) ?? PLAIN;
  const name = short(m.title ?? m.description ?? `milestone ${m.id}`);
  const contract = m.contractId !== null ? ` (contract ${m.contractId})` : '';
  return {
    scope,
    kind: 'milestone',
    risk,
    title: `${label}: ${name}${contract}`,
    at: m.dueAt,
    allDay: m.dueAllDay ?? false,
    source: { type: 'tender', ref: m.ref },
    met: m.status === 'met' || m.dateMet !== null,
    cancelled: CONTRACT_ENDED.has(m.contractStatus ?? ''),
  };
}
