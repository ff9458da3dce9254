import { deadlinesToMarkMissed, foldDue } from '../domain/reminders/sweep.ts';
import { newId } from '../lib/ids.ts';
import { log } from '../lib/log.ts';
import { type DueAlert, dueAlertOf, putAlertOnce } from '../store/alerts.ts';
import { inParallel } from '../store/batch.ts';
import { getDeadline, lockForSweep, putDeadlines, unlockForSweep } from '../store/deadlines.ts';
import {
  claim,
  dropReminder,
  dueBucket,
  dueIn,
  markSent,
  type ReminderRow,
  readCheckpoint,
  writeCheckpoint,
} from '../store/reminders.ts';
import { deliverDue } from './deliveries.ts';
import type { Channels } from './notify.ts';

const HOUR = 3_600_000;
/** A claim older than this belongs to a sweep that died between claim and send: take it over. */
const LEASE_MS = 5 * 60_000;
/** How far back a first sweep (no checkpoint yet) looks. */
const FIRST_LOOKBACK_HOURS = 48;

export interface SweepResult {
  at: string;
  buckets: number;
  due: number;
  claimed: number;
  alerts: number;
  sent: number;
  failed: number;
  /** due deliveries left for the next sweep (out of time, or their organisation's webhook is down) */
  deferred: number;
  missed: number;
}

const hourOf = (ms: number) => new Date(Math.floor(ms / HOUR) * HOUR).toISOString();

/**
 * Send every reminder due at or before `now`, exactly once:
 * 1. read only the due-hour buckets since the last checkpoint (GSI2; never a scan);
 * 2. claim each reminder with a conditional write (two sweeps at once: each reminder has one winner;
 *    a claim left by a crashed sweep is taken over after a lease, so nothing is lost);
 * 3. fold the claimed reminders of one deadline into one alert and put it in the outbox once (its id
 *    derives from the reminder ids, so a retry finds it and does not send it again);
 * 4. mark the reminders sent (out of the due index), mark passed deadlines missed;
 * 5. deliver every alert of the outbox that is due — the ones just made, the ones API requests put
 *    there (moved deadlines), and failed ones whose retry is due — with per-organisation isolation
 *    and a time budget (flows/deliveries.ts).
 */
export async function sweep(
  table: string,
  now: string,
  clockChannels: Channels,
  opts: { deliveryBudgetMs?: number } = {},
): Promise<SweepResult> {
  // Everything this sweep does happens as of `now` (a `sweep --at` included): delivery times, retry times.
  const channels: Channels = { ...clockChannels, now: () => now };
  const nowMs = Date.parse(now);
  const checkpoint = await readCheckpoint(table);
  // A checkpoint ahead of `now` (a `sweep --at` in the future was run) does not hide the present.
  const from =
    checkpoint && Date.parse(checkpoint) <= nowMs
      ? Date.parse(checkpoint)
      : nowMs - FIRST_LOOKBACK_HOURS * HOUR;
  const sweeper = `sweep-${newId()}`;
  const result: SweepResult = {
    at: now,
    buckets: 0,
    due: 0,
    claimed: 0,
    alerts: 0,
    sent: 0,
    failed: 0,
    deferred: 0,
    missed: 0,
  };

  const rows: ReminderRow[] = [];
  const deliveries: DueAlert[] = [];
  for (let t = Math.floor(from / HOUR) * HOUR; t <= nowMs; t += HOUR) {
    for (const row of await dueIn(table, dueBucket(hourOf(t)), now)) {
      // The due index holds reminders and the alerts waiting for delivery.
      if ((row as { entity?: string }).entity === 'alert') deliveries.push(row as unknown as DueAlert);
      else rows.push(row);
    }
    result.buckets++;
  }
  result.due = rows.length;

  // Lock each deadline, then claim its due reminders: a concurrent sweep skips a locked deadline.
  const claimed: ReminderRow[] = [];
  const locked: ReminderRow[] = [];
  const groups = new Map<string, ReminderRow[]>();
  for (const row of rows) {
    const key = `${row.org}|${row.tenderId}|${row.deadlineId}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  // Deadlines are independent (each is locked): work on 8 at a time.
  await inParallel(
    [...groups.values()].map((group) => async () => {
      const [first] = group as [ReminderRow];
      if (!(await lockForSweep(table, first.org, first.tenderId, first.deadlineId, sweeper, now, LEASE_MS)))
        return;
      locked.push(first);
      const won = await Promise.all(group.map((row) => claim(table, row, sweeper, now, LEASE_MS)));
      claimed.push(...group.filter((_, i) => won[i]));
    }),
    8,
  );
  result.claimed = claimed.length;

  // Each reminder carries a copy of its deadline; the stored deadline is the truth (met? moved?).
  const current = new Map<string, ReminderRow['deadline']>();
  for (const row of claimed) {
    const key = `${row.org}|${row.tenderId}|${row.deadlineId}`;
    if (!current.has(key))
      current.set(
        key,
        (await getDeadline(table, row.org, row.tenderId, row.deadlineId)) ?? {
          ...row.deadline,
          status: 'cancelled',
        },
      );
  }
  const byOrg = new Map<string, ReminderRow[]>();
  for (const row of claimed) {
    const deadline = current.get(`${row.org}|${row.tenderId}|${row.deadlineId}`) ?? row.deadline;
    const list = byOrg.get(row.org) ?? [];
    list.push({ ...row, deadline });
    byOrg.set(row.org, list);
  }

  for (const [org, due] of byOrg) {
    const alerts = foldDue(due, now);
    const alerted = new Set(alerts.flatMap((a) => a.reminderIds));
    for (const alert of alerts) {
      result.alerts++;
      if (await putAlertOnce(table, org, alert, now)) deliveries.push(dueAlertOf(org, alert, now));
      const ids = new Set(alert.reminderIds);
      await Promise.all(
        due.filter((r) => ids.has(r.reminderId)).map((row) => markSent(table, row, alert.alertId, now)),
      );
    }
    // Claimed but not alerted: the deadline was met, cancelled or moved since — never to be sent.
    for (const row of due) if (!alerted.has(row.reminderId)) await dropReminder(table, row);
    const missed = new Set(deadlinesToMarkMissed(due, now));
    const toMark = due.filter(
      (r, i, all) => missed.has(r.deadlineId) && all.findIndex((x) => x.deadlineId === r.deadlineId) === i,
    );
    for (const row of toMark) {
      const stored = await getDeadline(table, org, row.tenderId, row.deadlineId);
      if (stored && stored.status === 'open') {
        await putDeadlines(table, org, [{ ...stored, status: 'missed', updatedAt: now }]);
        result.missed++;
      }
    }
  }
  for (const row of locked) await unlockForSweep(table, row.org, row.tenderId, row.deadlineId, sweeper);
  const delivered = await deliverDue(table, deliveries, channels, sweeper, {
    budgetMs: opts.deliveryBudgetMs,
  });
  Object.assign(result, delivered);
  await writeCheckpoint(table, hourOf(nowMs - HOUR));
  log.info('alert sweep', { ...result });
  return result;
}
