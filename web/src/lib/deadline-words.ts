/**
 * Deadlines in people's words: the procurement events a user records, the law a rule cites, and the
 * status of a deadline — no ids, no API names.
 */
// explicit extensions, no client import: the unit tests type-check this file with the root (Node) config too
import type { components, paths } from '../api/schema.d.ts';

type Deadline = components['schemas']['Deadline'];

export type EventType =
  paths['/tenders/{id}/events']['post']['requestBody']['content']['application/json']['type'];

/** Every event the API accepts, in the order a contract is concluded, with what a bid team calls it. */
export const EVENT_LABELS: Readonly<Record<EventType, string>> = {
  'results-protocol-published': 'Results protocol published',
  awarded: 'Award decision sent to the bidders',
  'exclusion-notice-received': 'Notice received that we are excluded before award',
  'award-notice-received': 'Notice of award received',
  'debriefing-requested': 'We requested a debriefing',
  'debriefing-held': 'Debriefing held',
  'bond-forms-received': 'Bond forms received from the contracting officer',
  'bonds-provided': 'We furnished the executed bonds',
  'draft-contract-received': 'Draft contract received from the buyer',
  'disagreements-protocol-posted': 'We posted a protocol of disagreements',
  'revised-draft-received': 'Revised draft received from the buyer',
  'supplier-signed': 'We signed the contract',
  'performance-security-provided': 'Performance security provided',
  'contract-signed': 'Contract signed by both sides',
  'complaint-filed': 'Complaint filed with the review body',
  'complaint-decided': 'Complaint decided by the review body',
  'intention-notice-published': 'Buyer published its intention to conclude the contract',
  'qualification-documents-submitted': 'We published our qualification documents',
  'winner-announced': 'Winner announced',
  'objection-filed': 'Objection filed against the award',
  'objection-answered': 'Answer to the objection received',
  'award-letter-issued': 'Award letter issued to us',
};

export const EVENT_TYPES = Object.keys(EVENT_LABELS) as EventType[];

/** The warning the API adds to a deadline whose rule was not checked against the current law text. */
export const UNVERIFIED_WARNING = 'this rule is not verified against the current text of the law: check it';

/** "Federal Law No. 44-FZ of 5 April 2013, article 51, part 3" (the act without its long title). */
export function citationPlace(d: Pick<Deadline, 'source'>): string | null {
  const c = d.source.citation;
  if (!c) return null;
  const act = c.act.split(/ [«(]/)[0] ?? c.act;
  return [act, `article ${c.article}`, c.part && `part ${c.part}`, c.item && `item ${c.item}`]
    .filter(Boolean)
    .join(', ');
}

/** A short note when the rule was not checked against the current text, else null. */
export const unverifiedNote = (d: Pick<Deadline, 'source'>): string | null =>
  d.source.verified === false
    ? 'Not yet checked against the current text of the law: confirm this date before relying on it.'
    : null;

/** The warnings to show besides the unverified note (which says the same in its own words). */
export const otherWarnings = (d: Pick<Deadline, 'warnings'>): string[] =>
  (d.warnings ?? []).filter((w) => w !== UNVERIFIED_WARNING);

const STATUS_WORDS: Readonly<Record<Deadline['status'], string>> = {
  open: 'open',
  met: 'done',
  missed: 'missed',
  passed: 'already past when added',
  cancelled: 'cancelled',
  suspended: 'on hold until the complaint is decided',
};

export const statusWords = (status: Deadline['status']): string => STATUS_WORDS[status];
