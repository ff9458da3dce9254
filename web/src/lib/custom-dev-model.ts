import * as z from 'zod/mini';
// explicit extensions, no client import: the unit tests type-check this file with the root (Node) config too
import type { components } from '../api/schema.d.ts';
import { can, type Session } from './session.ts';

/** Custom-development requests in the web app: the API's types, the status story, field errors, formats (no React). */

export type CustomDevRequest = components['schemas']['CustomDevRequest'];
export type CdrStatus = CustomDevRequest['status'];
export type Technical = NonNullable<CustomDevRequest['technical']>;
export type Commercial = NonNullable<CustomDevRequest['commercial']>;
export type Pricing = Commercial['pricing'];
export type BusinessCase = NonNullable<CustomDevRequest['businessCase']>;
export type Scenario = BusinessCase['expected'];
export type Figure = components['schemas']['Figure'];
export type Recommendation = NonNullable<CustomDevRequest['recommendation']>;
type ChecklistItem = components['schemas']['ChecklistItem'];
export type Decision = NonNullable<CustomDevRequest['decision']>['decision'];

export const STATUSES: readonly CdrStatus[] = [
  'submitted',
  'assessing',
  'recommended',
  'assessment-failed',
  'approved',
  'rejected',
  'piloting',
];

export const DECISION_LABEL: Record<Decision | Recommendation['decision'], string> = {
  approve: 'Approve',
  'approve-as-pilot': 'Approve as a pilot',
  reject: 'Reject',
  'needs-information': 'Needs more information',
};

/** What happens next, for this status and this user: one sentence, so nobody wonders whose turn it is. */
export function nextStep(r: CustomDevRequest, session: Session): string {
  const assess = can(session, 'assessCustomDev');
  const decide = can(session, 'decideCustomDev');
  switch (r.status) {
    case 'submitted': {
      const missing = [!r.technical && 'the technical assessment', !r.commercial && 'the commercial terms']
        .filter(Boolean)
        .join(' and ');
      return assess
        ? `Record ${missing}: the business case and a recommendation follow.`
        : `Waiting for a product manager to record ${missing}.`;
    }
    case 'assessing':
      return 'Assessing: the business case and the recommendation are being computed…';
    case 'assessment-failed':
      return assess
        ? 'The assessment failed (see why below): correct an input and save it again to retry.'
        : 'The assessment failed: a product manager must correct an input.';
    case 'recommended':
      return decide
        ? 'Recommended: review the business case and decide below.'
        : assess
          ? 'Recommended: waiting for an approver’s decision. Changing an input re-assesses it.'
          : 'Recommended: waiting for an approver’s decision.';
    case 'approved':
      return r.decision?.decision === 'approve-as-pilot'
        ? 'Approved as a pilot: the pilot is being drafted.'
        : 'Approved: the specification below is for the developers.';
    case 'piloting':
      return 'Approved as a pilot: scope and run the pilot, then convert, extend or stop it.';
    case 'rejected':
      return 'Rejected: nothing more to do.';
  }
}

/** Still moving on the server (a workflow runs): poll until it settles. */
export function isRunning(r: CustomDevRequest | undefined): boolean {
  if (!r) return false;
  if (r.status === 'assessing') return true;
  if (r.assessmentError?.stage === 'decision') return false;
  if (r.status === 'approved' && r.decision?.decision === 'approve-as-pilot') return !r.pilot?.pilotId;
  return r.status === 'approved' && !r.specKey;
}

/** A typed number from a text input: null when empty or not a number, so NaN is never sent. */
export function numberOf(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The request a checklist item links to (the API adds it to the item when one is made from it). */
const Link = z.object({
  customDevRequest: z.optional(z.object({ requestId: z.string(), status: z.string() })),
});
export function linkedRequest(item: ChecklistItem): { requestId: string; status: string } | undefined {
  const parsed = z.safeParse(Link, item);
  return parsed.success ? parsed.data.customDevRequest : undefined;
}

/** A date (YYYY-MM-DD) is due at the end of that day in the request's zone: "31 Mar 2031 (Europe/Oslo)". */
export function neededByText(r: Pick<CustomDevRequest, 'neededBy' | 'timeZone'>): string {
  if (!r.neededBy) return '—';
  const [y, m, d] = r.neededBy.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
  return `${day}, end of day (${r.timeZone})`;
}

/** Money in the case's currency, to the cent. */
export function moneyIn(value: number | null, currency: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** One figure as a person reads it. */
export function figureText(f: Figure, currency: string): string {
  if (f.value === null) return f.unit === 'month' ? 'not within the horizon' : '—';
  switch (f.unit) {
    case 'money':
      return moneyIn(f.value, currency);
    case 'ratio':
      return `${(f.value * 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
    case 'days':
      return `${f.value.toLocaleString('en-GB')} days`;
    case 'month':
      return f.value === 0 ? 'at delivery (month 0)' : `month ${f.value}`;
    case 'years':
      return `${f.value} years`;
  }
}
