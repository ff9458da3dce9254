/**
 * Custom-development requests: a large client asks for functionality the product lacks; the product
 * manager records feasibility and the commercial terms, the business case and a recommendation follow,
 * an approver decides, and the developers get a specification. Pure types and enums (each once).
 */
import { StateConflictError } from '../../lib/errors.ts';

export const CDR_STATUSES = [
  'submitted',
  'assessing',
  'recommended',
  'assessment-failed',
  'approved',
  'rejected',
  'piloting',
] as const;
export type CdrStatus = (typeof CDR_STATUSES)[number];

export const TECHNICAL_VERDICTS = ['feasible', 'feasible-with-conditions', 'not-feasible'] as const;
export type TechnicalVerdict = (typeof TECHNICAL_VERDICTS)[number];

export const PRICING_MODELS = ['fixed', 'time-and-materials', 'revenue-share'] as const;

/** What the rules recommend. */
export const RECOMMENDATIONS = ['approve', 'approve-as-pilot', 'reject', 'needs-information'] as const;
export type RecommendationDecision = (typeof RECOMMENDATIONS)[number];

/** What an approver decides (asking for more information is not a decision: change the inputs instead). */
export const DECISIONS = ['approve', 'approve-as-pilot', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface EffortDays {
  optimistic: number;
  likely: number;
  pessimistic: number;
}

export interface Technical {
  verdict: TechnicalVerdict;
  effortDays: EffortDays;
  dependencies: string[];
  risks: string[];
  /** fits the product core (reusable for other clients), rather than client-specific */
  generic: boolean;
  conditions?: string | undefined;
}

export type Pricing =
  | { model: 'fixed'; price: number }
  | { model: 'time-and-materials'; dayRate: number }
  | { model: 'revenue-share'; percent: number; projectedClientRevenuePerYear: number };

export interface Reuse {
  candidateClients: number;
  /** 0–1 */
  adoptionProbability: number;
  pricePerClient: number;
}

export interface Commercial {
  pricing: Pricing;
  reuse?: Reuse | undefined;
  horizonYears?: number | undefined;
}

/**
 * The lifecycle, one table: submitted → assessing (both inputs recorded) → recommended (or
 * assessment-failed) → approved | rejected; approved → piloting (approved as a pilot). Changing an
 * input sends a recommended or failed request back to assessing. Anything else is a 409.
 */
export const TRANSITIONS: Readonly<Record<CdrStatus, readonly CdrStatus[]>> = {
  submitted: ['assessing'],
  assessing: ['assessing', 'recommended', 'assessment-failed'],
  recommended: ['assessing', 'approved', 'rejected'],
  'assessment-failed': ['assessing'],
  approved: ['piloting'],
  rejected: [],
  piloting: [],
};

export const canTransition = (from: CdrStatus, to: CdrStatus): boolean => TRANSITIONS[from].includes(to);

/** Throws StateConflictError (409) for a transition the table does not allow. */
export function assertTransition(from: CdrStatus, to: CdrStatus, why: string): void {
  if (!canTransition(from, to))
    throw new StateConflictError(
      `cannot ${why}: the request is ${from} (allowed next: ${TRANSITIONS[from].join(', ') || 'none'})`,
    );
}

/** Inputs (technical, commercial) may change until a decision is taken. */
export const acceptsInputs = (status: CdrStatus): boolean =>
  status === 'submitted' || canTransition(status, 'assessing');

/** The status a decision leads to (approve-as-pilot is approved first; the pilot step records piloting). */
export const statusAfterDecision = (d: Decision): CdrStatus => (d === 'reject' ? 'rejected' : 'approved');

/** Statuses a request reaches only after an assessment was persisted (its recommendation written). */
const ASSESSED: readonly CdrStatus[] = ['recommended', 'approved', 'rejected', 'piloting'];

/**
 * This inputs revision was assessed already: the recommendation for it is on the request (a decision may
 * have followed). A resumed or redriven assessment execution that finds this is not superseded: it goes on
 * to its deadline and notice steps (both idempotent) so the recommendation alert exists — the alert is
 * derived from the state change (request + revision), not from which run wrote it.
 */
export const assessedAt = (
  r: { status: CdrStatus; inputsRevision: number; recommendation: unknown },
  revision: number,
): boolean => r.inputsRevision === revision && ASSESSED.includes(r.status) && r.recommendation != null;
