import { type CountryYear, recomputeWindow } from '../domain/deadlines/calendar-change.ts';
import { maxWorkingDayOffset } from '../domain/deadlines/rules.ts';
import { inParallel } from '../store/batch.ts';
import { openRuleDeadlinesDueBetween } from '../store/deadlines.ts';
import { scheduleTender } from './schedule.ts';

/** Deadlines read per page (one Query); their tenders are counted again in the same task, a few at a time. */
const PAGE = 50;
const TENDERS_AT_ONCE = 4;

/**
 * calendar-recompute / FindAffected: one page of the organisation's open rule deadlines due in the window
 * a count through the changed years can end in (domain/deadlines/calendar-change.ts `recomputeWindow`),
 * reduced to their tenders. The cursor goes back to the workflow; null when this was the last page.
 * Tender-less deadlines (pilots, custom-development decisions) are never counted in working days.
 */
export async function findAffectedTenders(
  table: string,
  org: string,
  years: readonly CountryYear[],
  cursor: string | null,
): Promise<{ tenderIds: string[]; cursor: string | null }> {
  if (years.length === 0) return { tenderIds: [], cursor: null };
  const window = recomputeWindow(
    years.map((y) => y.year),
    maxWorkingDayOffset(),
  );
  const page = await openRuleDeadlinesDueBetween(table, org, window, {
    limit: PAGE,
    cursor: cursor ?? undefined,
  });
  const tenderIds = [
    ...new Set(page.items.flatMap((d) => (d.tenderId && d.tenderId !== '-' ? [d.tenderId] : []))),
  ];
  return { tenderIds, cursor: page.nextCursor };
}

/**
 * calendar-recompute / RecomputeTender: the tender's deadlines counted again with the organisation's
 * calendars as stored now — the same code path as a recorded procurement event (flows/schedule.ts):
 * a moved deadline is rewritten with its SEQUENCE bumped, its unsent reminders replaced and a "moved"
 * alert put in the outbox. Idempotent: run again, nothing differs, nothing moves.
 */
export async function recomputeTender(table: string, org: string, tenderId: string, now: string) {
  const { moved } = await scheduleTender(table, org, tenderId, now);
  return { moved: moved.length };
}

/**
 * calendar-recompute / RecomputePage: one page of affected tenders, each counted again. A page that fails
 * half-way is retried whole: the tenders already done find nothing to change.
 */
export async function recomputeCalendarPage(
  table: string,
  org: string,
  years: readonly CountryYear[],
  cursor: string | null,
  now: () => string,
): Promise<{ cursor: string | null; tenders: number; moved: number }> {
  const page = await findAffectedTenders(table, org, years, cursor);
  let moved = 0;
  await inParallel(
    page.tenderIds.map((tenderId) => async () => {
      moved += (await recomputeTender(table, org, tenderId, now())).moved;
    }),
    TENDERS_AT_ONCE,
  );
  return { cursor: page.cursor, tenders: page.tenderIds.length, moved };
}
