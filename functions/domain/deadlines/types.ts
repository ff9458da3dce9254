/**
 * Deadlines: every date a supplier must not miss, from every source (the tender as published, rule packs
 * computed from procurement events, checklist items, evidence validity, custom-development decisions and
 * pilots), in one shape. Pure types and schemas: no AWS, no clock.
 */
import * as z from 'zod/mini';

export const DEADLINE_KINDS = [
  'clarification-request',
  'enquiry-end',
  'submission',
  'bid-validity-end',
  'award-period-end',
  'standstill-end',
  'draft-contract-posting',
  'contract-signing',
  'performance-security',
  'milestone',
  'checklist-item',
  'evidence-expiry',
  'sam-registration',
  'complaint-window',
  'debriefing-request',
  'offer-acceptance-end',
  'bond-submission',
  'qualification-documents',
  'objection-window',
  'custom',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** critical: missing it means disqualification, a forfeited security or a register listing. */
export const DEADLINE_RISKS = ['info', 'normal', 'high', 'critical'] as const;
export type DeadlineRisk = (typeof DEADLINE_RISKS)[number];

/**
 * open: still ahead, or passed while nothing could meet it yet; met: done (or, for an informational
 * milestone nobody has to act on, reached); missed: passed without being met, after it was open here (it
 * was reminded of, and its passing is escalated); passed: already past when it was first scheduled (an old
 * tender imported, a milestone published after its date) — nobody was reminded, so no reminders and no
 * "missed" alert; cancelled: the tender, lot, contract, item or decision it belongs to no longer applies;
 * suspended: a recorded event stopped its period (a complaint to the FAS, art. 106 44-FZ) and the event
 * that lets it run on has not been recorded yet — no reminders, never "missed" while suspended.
 */
export const DEADLINE_STATUSES = ['open', 'met', 'missed', 'passed', 'cancelled', 'suspended'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export type DeadlineSourceType =
  | 'tender'
  | 'rule'
  | 'event'
  | 'checklist'
  | 'evidence'
  | 'custom-dev-request'
  | 'pilot';

export interface DeadlineSource {
  type: DeadlineSourceType;
  /** where it comes from: a tender field (`periods.tender.end`), a rule (`ru-44fz:contract-signing`), an item or evidence id */
  ref: string;
  /** the law or clause that sets it, when a rule does */
  legalBasis?: string;
  /** where a rule's law says so: act, article, part, item and the decisive sentence */
  citation?: Citation;
  /** false when the rule was not checked against the current text of the law (a warning says so) */
  verified?: boolean;
}

/** Where the law says it: the act, its article (part, item) and the decisive sentence quoted. */
export interface Citation {
  act: string;
  article: string;
  part?: string;
  item?: string;
  /** the decisive sentence in the original language (with an English gloss if not English) */
  quote: string;
  /** true only when the quote was read in the current consolidated text */
  verified: boolean;
  /** where it was read (a URL) */
  source?: string;
}

export interface Deadline {
  /** stable: derived from tenderId + kind + lot + source ref, so recomputation updates the same deadline */
  deadlineId: string;
  tenderId: string | null;
  kind: DeadlineKind;
  title: string;
  /** UTC ISO-8601 */
  dueAt: string;
  /** published (or computed) as a whole day: due at the end of that day in `timeZone` */
  allDay: boolean;
  /** the buyer's IANA zone: for display and for working-day arithmetic */
  timeZone: string;
  source: DeadlineSource;
  risk: DeadlineRisk;
  status: DeadlineStatus;
  owners: string[];
  lotId: string | null;
  /** what may make it wrong: the buyer's zone is a guess, or it was counted through a year with no confirmed calendar */
  warnings?: string[];
}

export const PROCUREMENT_EVENT_TYPES = [
  'results-protocol-published',
  'draft-contract-received',
  'awarded',
  'contract-signed',
  'performance-security-provided',
  /** 44-FZ art. 51: the winner posts a protocol of disagreements instead of signing (once) */
  'disagreements-protocol-posted',
  /** 44-FZ art. 51: the buyer posts the revised draft after a protocol of disagreements */
  'revised-draft-received',
  /** a complaint to the review body (44-FZ art. 105: the FAS) that suspends conclusion (art. 106) */
  'complaint-filed',
  /** the review body's decision on that complaint */
  'complaint-decided',
  /** the supplier has posted its signed draft (what meets the supplier's signing deadline) */
  'supplier-signed',
  /** FAR 15.503(b): the offeror received the notice of award (starts the debriefing and protest windows) */
  'award-notice-received',
  /** FAR 15.503(a)/15.505: the offeror received the notice excluding it from the competition before award */
  'exclusion-notice-received',
  /** FAR 15.505/15.506: the offeror's written request for a debriefing was sent (meets its deadline) */
  'debriefing-requested',
  /** FAR 15.506: the debriefing was held (starts the GAO window of 4 CFR 21.2(a)(2) and the CICA stay's 5 days) */
  'debriefing-held',
  /** FAR 52.228-1(d): the successful bidder received the bond forms */
  'bond-forms-received',
  /** FAR 52.228-1(d): the executed bonds were furnished (meets the bond deadline) */
  'bonds-provided',
  /** Ukraine (Prozorro): the buyer publishes the notice of intention to conclude the contract (the winner is known) */
  'intention-notice-published',
  /** Ukraine: the winner has published the documents proving it has no exclusion grounds */
  'qualification-documents-submitted',
  /** Indonesia (SPSE): the Pokja announces the winner (pengumuman pemenang) */
  'winner-announced',
  /** Indonesia: an objection (sanggah) is filed */
  'objection-filed',
  /** Indonesia: the Pokja's answer to the objections is received */
  'objection-answered',
  /** Indonesia: the award letter (SPPBJ) is issued to the winner */
  'award-letter-issued',
] as const;
export type ProcurementEventType = (typeof PROCUREMENT_EVENT_TYPES)[number];

/** A procurement event that starts (or meets) computed deadlines; `lot` null/absent = the whole tender. */
export interface ProcurementEvent {
  type: ProcurementEventType;
  /** an ISO instant */
  at: string;
  lot?: string | null;
}

/** The body of `POST /tenders/{id}/events`: an instant with an offset (or Z), never a bare wall time. */
export const ProcurementEventInput = z.strictObject({
  type: z.enum(PROCUREMENT_EVENT_TYPES),
  at: z.iso.datetime({ offset: true }),
  lot: z.optional(z.nullable(z.string().check(z.minLength(1)))),
});
