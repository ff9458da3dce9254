import { DateTime } from 'luxon';
import { idFrom } from '../../lib/ids.ts';
import type { PilotInput } from '../pilots/types.ts';
import type { CustomDevRequest } from './request.ts';

/** Days from the decision to the draft pilot's start: time to agree the scope with the client. */
export const PILOT_START_AFTER_DAYS = 14;
/** The draft pilot's length, unless the organisation's pilot policy allows less. */
export const PILOT_LENGTH_DAYS = 60;

/**
 * The id of the draft pilot a request's approve-as-pilot decision makes: derived from the request, so a
 * retried workflow finds its own pilot by key (never a pilot someone made by hand and named the request in).
 */
export const pilotIdOfRequest = (requestId: string) => `p-${idFrom(`custom-dev-pilot:${requestId}`)}`;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * The draft pilot a request decided `approve-as-pilot` starts (issue #11): client, title, objective and
 * scope carried over (the task links it back by `customDevRequestId`, under `pilotIdOfRequest`); one success criterion a product manager can
 * measure from day one — the share of the specification's acceptance criteria the client accepts
 * (must pass, 0 → 100 %) — and dates two weeks out for the policy-bounded length. It is a draft: the
 * product manager refines criteria and dates (PATCH /pilots/{id}) before an approver scopes it.
 */
export function draftPilotFrom(r: CustomDevRequest, today: string, maxLengthDays: number): PilotInput {
  const start = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: PILOT_START_AFTER_DAYS });
  const end = start.plus({ days: Math.max(1, Math.min(PILOT_LENGTH_DAYS, maxLengthDays)) });
  const lines = r.requestedFunctionality
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((l) => l.length > 0);
  return {
    client: clip(r.client, 200),
    title: clip(`Pilot: ${r.title}`, 300),
    objective: clip(`Show that "${r.title}" solves the client's problem: ${r.problem}`, 4000),
    scopeIn: (lines.length > 0 ? lines : [r.requestedFunctionality]).slice(0, 100).map((l) => clip(l, 500)),
    scopeOut: [clip(`Anything not in the specification of request ${r.requestId}`, 500)],
    criteria: [
      {
        id: 'acceptance',
        metric: 'Specification acceptance criteria accepted by the client',
        unit: '%',
        baseline: 0,
        target: 100,
        comparator: 'gte',
        measurementMethod: "the client's sign-off of each acceptance criterion in the specification",
        weight: 1,
        mustPass: true,
      },
    ],
    startDate: start.toISODate() ?? today,
    endDate: end.toISODate() ?? today,
    ...(r.tenderId ? { tenderId: r.tenderId } : {}),
  };
}
