/**
 * A pilot's lifecycle: one transition table, who may take each step, and what a step needs.
 *
 *   draft → scoped (an approver or admin approves the scope) → active → evaluating
 *         → converted | extended | stopped;  extended → active (with a new end date).
 *   Any open pilot (draft, scoped, active, extended) may be stopped. converted and stopped are final.
 *
 * Converting needs a finished evaluation in which every must-pass criterion passed.
 */

import { InvalidInputError, PermissionError, StateConflictError } from '../../lib/errors.ts';
import type { Role } from '../../lib/roles.ts';
import { lengthInDays } from './scoping.ts';
import type { Pilot, PilotStatus, TransitionInput } from './types.ts';

const APPROVERS: readonly Role[] = ['approver', 'admin'];
const TEAM: readonly Role[] = ['product-manager', 'bid-manager', 'approver', 'admin'];

/** from → to → the roles that may take the step. */
export const PILOT_TRANSITIONS: Readonly<Record<PilotStatus, Partial<Record<PilotStatus, readonly Role[]>>>> =
  {
    draft: { scoped: APPROVERS, stopped: TEAM },
    scoped: { active: TEAM, stopped: TEAM },
    active: { evaluating: TEAM, stopped: TEAM },
    evaluating: { converted: TEAM, extended: TEAM, stopped: TEAM },
    extended: { active: TEAM, stopped: TEAM },
    converted: {},
    stopped: {},
  };

/** A pilot's scope may change while it is being agreed. */
export const EDITABLE_STATUSES: readonly PilotStatus[] = ['draft', 'scoped'];

/** May the evaluation be started (measurements recorded) in this status. */
export const EVALUABLE_STATUSES: readonly PilotStatus[] = ['active', 'evaluating'];

/**
 * Check a transition: an illegal one is a StateConflictError (409) listing the legal ones, a role that may
 * not take it a PermissionError (403), a bad end date an InvalidInputError (400). Returns the fields it changes.
 */
export function checkTransition(
  pilot: Pick<Pilot, 'id' | 'status' | 'endDate' | 'startDate' | 'evaluation'>,
  input: TransitionInput,
  roles: readonly Role[],
): { status: PilotStatus; endDate?: string } {
  const from = pilot.status;
  const allowed = PILOT_TRANSITIONS[from];
  const who = allowed[input.to];
  if (!who) {
    const legal = Object.keys(allowed);
    throw new StateConflictError(
      `pilot ${pilot.id} cannot go from ${from} to ${input.to}; from ${from}: ${legal.length ? legal.join(', ') : 'nothing (final)'}`,
    );
  }
  if (!roles.some((r) => who.includes(r)))
    throw new PermissionError(`${from} → ${input.to} needs one of the roles ${who.join(', ')}`);
  const resuming = from === 'extended' && input.to === 'active';
  if (!resuming && input.endDate !== undefined)
    throw new InvalidInputError('invalid transition', [
      {
        path: 'endDate',
        message: 'a new end date is given only when resuming an extended pilot (to: active)',
      },
    ]);
  if (resuming) {
    if (input.endDate === undefined)
      throw new InvalidInputError('invalid transition', [
        { path: 'endDate', message: 'resuming an extended pilot needs its new end date' },
      ]);
    if (!(lengthInDays(pilot.endDate, input.endDate) > 0))
      throw new InvalidInputError('invalid transition', [
        { path: 'endDate', message: `must be after the current end date (${pilot.endDate})` },
      ]);
    return { status: 'active', endDate: input.endDate };
  }
  if (input.to === 'converted') {
    const ev = pilot.evaluation;
    if (ev?.status !== 'evaluated')
      throw new StateConflictError(
        `pilot ${pilot.id} has no finished evaluation: evaluate it before converting`,
      );
    const failed = (ev.results ?? []).filter((r) => r.mustPass && !r.pass);
    if (failed.length > 0)
      throw new StateConflictError(
        `a failed must-pass criterion blocks conversion: ${failed.map((r) => r.metric).join(', ')}`,
      );
  }
  return { status: input.to };
}
