/**
 * The compliance checklist's vocabulary, shared by intake (requirements extraction), the checklist
 * store and readiness. Pure types: no AWS, no clock.
 */

/** OCDS requirements extension dataType codelist. */
export type DataType = 'string' | 'date-time' | 'number' | 'integer' | 'boolean';

export const CATEGORIES = [
  'exclusion',
  'selection-economic',
  'selection-technical',
  'guarantee',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Whose obligation: the tenderer's (a submission blocker), a lot's, or the winner's after award (not a blocker; a post-award deadline). */
export const OBLIGATIONS = ['tenderer', 'lot', 'winner'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

/** Text in every language the source has, e.g. { uk: '…', en: '…' }; `default` when the language is unknown. */
export type Localized = Record<string, string>;

export interface EligibleEvidence {
  id: string;
  title: string | null;
  /** e.g. document, statement */
  type: string | null;
}

/** A code in a scheme, e.g. { scheme: 'ESPD211', id: 'CRITERION.EXCLUSION.CONVICTIONS.FRAUD' }. */
export interface Code {
  scheme: string;
  id: string;
}

/** One requirement as intake extracts it from a published tender (OCDS requirements extension or Prozorro criteria). */
export interface RequirementSpec {
  /** stable within the tender: `<criterionId>/<groupId>/<requirementId>` */
  key: string;
  criterionId: string;
  criterionTitle: Localized;
  criterionDescription: Localized;
  /** e.g. { scheme: 'ESPD211', id: 'CRITERION.EXCLUSION.CONVICTIONS.FRAUD' } */
  classification: { scheme: string | null; id: string } | null;
  /**
   * every code the requirement is known by, when the source gives more than one (an EU exclusion ground: its
   * eForms code as published, the current eForms code, the ESPD criterion), to match it across tenders
   */
  codes?: Code[];
  /** legal basis as published, e.g. ['922-VIII art. 17.1.5'] */
  legislation: string[];
  groupId: string;
  groupDescription: Localized;
  requirementId: string;
  title: Localized;
  description: Localized;
  dataType: DataType | null;
  expectedValue: string | number | boolean | null;
  minValue: number | null;
  maxValue: number | null;
  pattern: string | null;
  /**
   * the unit of the expected value or bounds, as published («Гбайт», «день»): Prozorro's and a
   * spreadsheet's `unit.name`; absent when none is given (so a spec without one hashes as before)
   */
  unit?: string;
  eligibleEvidences: EligibleEvidence[];
  category: Category;
  obligation: Obligation;
  /** lots the requirement applies to; empty = the whole tender */
  lotIds: string[];
  /** a requirement is mandatory unless the source says otherwise */
  mandatory: boolean;
}

/** Where an item stands in review. */
export const ITEM_STATUSES = [
  'open',
  'in_progress',
  'answered',
  'approved',
  'rejected',
  'not_applicable',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface Answer {
  value: string | number | boolean | null;
  text: string | null;
}

/** A checklist item as readiness sees it. */
export interface ChecklistItemState extends RequirementSpec {
  itemId: string;
  status: ItemStatus;
  answer: Answer | null;
  /** false when the answer fails the expected value / min / max / pattern; null when unanswered */
  compliant: boolean | null;
  nonComplianceReason: string | null;
  /** evidence attached to this item, with its validity */
  evidence: { evidenceId: string; validUntil: string | null; title?: string; type?: string }[];
  archived: boolean;
}
