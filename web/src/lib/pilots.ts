import type { components } from '../api/schema.d.ts';
import type { Role, Session } from './session.ts';

/** Pilots as the API returns them (functions/api/openapi/pilots.ts), and what the screens derive from them. */
export type Pilot = components['schemas']['Pilot'];
export type PilotDetail = components['schemas']['PilotWithMilestones'];
export type Milestone = components['schemas']['PilotMilestone'];
export type PilotStatus = Pilot['status'];
export type Criterion = Pilot['criteria'][number];
export type CriterionResult = NonNullable<NonNullable<Pilot['evaluation']>['results']>[number];

export const PILOT_STATUSES: readonly PilotStatus[] = [
  'draft',
  'scoped',
  'active',
  'evaluating',
  'converted',
  'extended',
  'stopped',
];

const APPROVERS: readonly Role[] = ['approver', 'admin'];
const TEAM: readonly Role[] = ['product-manager', 'bid-manager', 'approver', 'admin'];

/**
 * from → to → the roles that may take the step: a copy of functions/domain/pilots/lifecycle.ts
 * PILOT_TRANSITIONS (test/unit/web/pilot-steps.test.ts keeps them equal), so a role sees only the
 * buttons the API lets it use.
 */
export const PILOT_STEPS: Readonly<Record<PilotStatus, Partial<Record<PilotStatus, readonly Role[]>>>> = {
  draft: { scoped: APPROVERS, stopped: TEAM },
  scoped: { active: TEAM, stopped: TEAM },
  active: { evaluating: TEAM, stopped: TEAM },
  evaluating: { converted: TEAM, extended: TEAM, stopped: TEAM },
  extended: { active: TEAM, stopped: TEAM },
  converted: {},
  stopped: {},
};

export interface Step {
  to: PilotStatus;
  label: string;
  /** what the step asks for before it is sent */
  needs: 'reason' | 'endDate' | null;
  hint: string;
}

function stepOf(from: PilotStatus, to: PilotStatus): Step {
  if (to === 'stopped')
    return { to, label: 'Stop the pilot', needs: 'reason', hint: 'final: the reason is recorded' };
  if (to === 'scoped')
    return { to, label: 'Approve scope', needs: null, hint: 'the scope and criteria are agreed' };
  if (to === 'active' && from === 'extended')
    return { to, label: 'Resume with a new end date', needs: 'endDate', hint: 'after the current end' };
  if (to === 'active') return { to, label: 'Start the pilot', needs: null, hint: 'kickoff is met' };
  if (to === 'evaluating')
    return { to, label: 'Begin evaluation', needs: null, hint: 'measurements are then recorded' };
  if (to === 'converted')
    return {
      to,
      label: 'Convert to a contract',
      needs: null,
      hint: 'needs an evaluation with every must-pass criterion met',
    };
  return { to, label: 'Extend the pilot', needs: null, hint: 'then resume it with a new end date' };
}

/** The lifecycle steps the signed-in user may take from this status (the API still checks). */
export function stepsFor(status: PilotStatus, session: Session): Step[] {
  return Object.entries(PILOT_STEPS[status])
    .filter(([, roles]) => session.roles.some((r) => roles?.includes(r)))
    .flatMap(([to]) => {
      const target = PILOT_STATUSES.find((s) => s === to);
      return target ? [stepOf(status, target)] : [];
    });
}

/** The scope may change while it is being agreed (domain EDITABLE_STATUSES). */
export const editable = (s: PilotStatus) => s === 'draft' || s === 'scoped';
/** Measurements may be recorded and an evaluation started (domain EVALUABLE_STATUSES). */
export const evaluable = (s: PilotStatus) => s === 'active' || s === 'evaluating';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
/** An ISO date (a whole day in the pilot's zone) as "1 Feb 2027". */
export const day = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
export const num = (n: number) => number.format(n);

/** "≤ 24 hours", "≥ 99 %", "0.5–2 hours". */
export function targetText(c: Pick<Criterion, 'comparator' | 'target' | 'targetMax' | 'unit'>): string {
  if (c.comparator === 'between') return `${num(c.target)}–${num(c.targetMax ?? c.target)} ${c.unit}`;
  return `${c.comparator === 'gte' ? '≥' : '≤'} ${num(c.target)} ${c.unit}`;
}

export const MILESTONE_LABELS: Record<Milestone['milestone'], string> = {
  kickoff: 'Kickoff',
  'mid-term-review': 'Mid-term review',
  'final-evaluation': 'Final evaluation',
  'conversion-decision': 'Conversion decision',
};

export const RECOMMENDATION_TEXT: Record<'convert' | 'extend' | 'stop', string> = {
  convert: 'Convert to a contract',
  extend: 'Extend the pilot',
  stop: 'Stop the pilot',
};
