/**
 * A pilot's milestones as deadlines (source type `pilot`, through the deadlines module's
 * `registeredDeadline`): kickoff = startDate, mid-term review = the midpoint, final evaluation = endDate,
 * conversion decision = conversion.decisionBy (when on or after the end) or endDate + the policy's
 * decisionDays. All are whole days, due at the end of the day in the pilot's zone (the organisation's).
 * They follow the pilot: new dates move them, its status meets or cancels them.
 */
import { DateTime } from 'luxon';
import type { RegisteredDeadlineInput } from '../deadlines/deadline.ts';
import type { Pilot, PilotMilestone, PilotPolicy, PilotStatus } from './types.ts';

const date = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const isoDate = (d: DateTime) => d.toISODate() ?? '';

/** The midpoint day of the pilot (rounded down). */
export function midpoint(startDate: string, endDate: string): string {
  const start = date(startDate);
  const span = Math.floor(date(endDate).diff(start, 'days').days / 2);
  return isoDate(start.plus({ days: span }));
}

export function conversionDecisionDate(
  pilot: Pick<Pilot, 'endDate' | 'conversion'>,
  policy: Pick<PilotPolicy, 'decisionDays'>,
): string {
  const by = pilot.conversion?.decisionBy;
  if (by && by >= pilot.endDate) return by;
  return isoDate(date(pilot.endDate).plus({ days: policy.decisionDays }));
}

const after = (status: PilotStatus, ...these: PilotStatus[]) => these.includes(status);

/** The pilot's milestone deadlines, as the deadlines module registers them (add `now`). */
export function pilotMilestones(
  pilot: Pick<
    Pilot,
    | 'id'
    | 'status'
    | 'title'
    | 'client'
    | 'startDate'
    | 'endDate'
    | 'conversion'
    | 'owner'
    | 'createdBy'
    | 'timeZone'
    | 'evaluation'
    | 'followOn'
  >,
  policy: Pick<PilotPolicy, 'decisionDays'>,
): (Omit<RegisteredDeadlineInput, 'now'> & { milestone: PilotMilestone })[] {
  const s = pilot.status;
  const stopped = s === 'stopped';
  const evaluated = pilot.evaluation?.status === 'evaluated';
  const name = `${pilot.title} (${pilot.client})`;
  const base = (milestone: PilotMilestone) => ({
    milestone,
    tenderId: null,
    source: { type: 'pilot' as const, ref: `${pilot.id}:${milestone}` },
    kind: 'milestone' as const,
    timeZone: pilot.timeZone,
    owners: [pilot.owner ?? pilot.createdBy],
  });
  const kickoffMet = !after(s, 'draft', 'scoped', 'stopped') || (stopped && evaluated);
  const midMet = after(s, 'evaluating', 'converted', 'extended') || evaluated;
  const finalMet = evaluated && after(s, 'evaluating', 'converted', 'extended', 'stopped');
  const decided = after(s, 'extended', 'stopped');
  const followOn = s === 'converted' && pilot.followOn;
  return [
    {
      ...base('kickoff'),
      title: `Pilot kickoff: ${name}`,
      dueAt: pilot.startDate,
      risk: 'normal',
      met: kickoffMet,
      cancelled: stopped && !kickoffMet,
    },
    {
      ...base('mid-term-review'),
      title: `Pilot mid-term review: ${name}`,
      dueAt: midpoint(pilot.startDate, pilot.endDate),
      risk: 'normal',
      met: midMet,
      cancelled: stopped && !midMet,
    },
    {
      ...base('final-evaluation'),
      title: `Pilot final evaluation: ${name}`,
      dueAt: pilot.endDate,
      risk: 'high',
      met: finalMet,
      cancelled: stopped && !finalMet,
    },
    {
      ...base('conversion-decision'),
      title: followOn
        ? `Follow-on contract decision: ${name}${followOn.contractValue !== null ? `, ${followOn.contractValue} ${followOn.currency}` : ''}`
        : `Pilot conversion decision (convert / extend / stop): ${name}`,
      dueAt: followOn ? followOn.decisionBy : conversionDecisionDate(pilot, policy),
      risk: 'high',
      met: decided,
      cancelled: false,
    },
  ];
}
