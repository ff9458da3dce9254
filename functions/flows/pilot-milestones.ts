import { deadlineId } from '../domain/deadlines/deadline-id.ts';
import { PILOT_MILESTONES, type PilotMilestone } from '../domain/pilots/types.ts';
import { getDeadline, type StoredDeadline } from '../store/deadlines.ts';

// The read of a pilot's milestones, apart from their scheduling (pilot-deadlines.ts): GET /pilots/{id}
// needs only the ids and the store, not the date arithmetic (luxon) or the reminder planning.

/** Pilot deadlines belong to no tender: they live in the organisation's tender-less deadline partition. */
export const NO_TENDER = '-';

/**
 * The pilot's milestone deadlines as stored (status, moves, a manual "met" included), in milestone order:
 * kickoff, mid-term review, final evaluation, conversion decision. Their ids follow from the pilot id
 * (domain/deadlines deadlineId), so this is four key reads in the organisation's tender-less partition.
 */
export async function pilotMilestoneDeadlines(
  table: string,
  org: string,
  pilotId: string,
): Promise<(StoredDeadline & { milestone: PilotMilestone })[]> {
  const stored = await Promise.all(
    PILOT_MILESTONES.map(async (milestone) => {
      const id = deadlineId(null, 'milestone', null, { type: 'pilot', ref: `${pilotId}:${milestone}` });
      const d = await getDeadline(table, org, NO_TENDER, id);
      return d ? { ...d, milestone } : undefined;
    }),
  );
  return stored.filter((d) => d !== undefined);
}
