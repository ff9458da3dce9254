import { deadlinesToMarkMissed, type SentReminder, sweepPlan } from '../domain/reminders/sweep.ts';
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
  markSuperseded,
  type ReminderRow,
  readCheckpoint,
  remindersOf,
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
  /** reminder alerts not delivered: a later alert of the same deadline went out */
  superseded: number;
  missed: number;
}

const hourOf = (ms: number) => new Date(Math.floor(ms / HOUR) * HOUR).toISOString();

/**
 * Send every reminder due at or before `now`, exactly once, in named steps:
 * 1. `readDue`: only the due-hour buckets since the last checkpoint (GSI2; never a scan) — reminders to
 *    send and outbox alerts waiting for delivery, each typed;
 * 2. `lockAndClaim`: lock each deadline, then claim its reminders with a conditional write (two sweeps at
 *    once: each reminder has one winner; a claim or lock left by a crashed sweep is taken over after a
 *    lease, so nothing is lost);
 * 3. `loadCurrent`: the stored deadline is the truth (met? moved?), not the copy each reminder carries;
 *    and its reminders already sent (a later one sent supersedes an earlier one claimed now);
 * 4. `alertAndMark`: one alert per deadline for the latest of its claimed reminders, put in the outbox
 *    once (its id derives from the reminder ids, so a retry finds it and does not send it again); the
 *    latest marked sent, the earlier ones — and any earlier than one already sent — marked superseded
 *    (out of the due index, never delivered); the ones never to be sent (met, cancelled, moved) dropped;
 * 5. `markMissed`: deadlines past due and still open become missed;
 * then the locks are released (in `finally`, whatever failed) and every due alert of the outbox is
 * delivered — the ones just made, the ones API requests put there (moved deadlines), and failed ones
 * whose retry is due — with per-organisation isolation and a time budget (flows/deliveries.ts).
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
  const sweeper = `sweep-${newId()}`;
  const due = await readDue(table, await readCheckpoint(table), now);
  const result: SweepResult = {
    at: now,
    buckets: due.buckets,
    due: due.reminders.length,
    claimed: 0,
    alerts: 0,
    sent: 0,
    failed: 0,
    deferred: 0,
    superseded: 0,
    missed: 0,
  };
  const deliveries = [...due.alerts];
  const locked: DeadlineRef[] = [];
  try {
    const claimed = await lockAndClaim(table, due.reminders, sweeper, now, locked);
    result.claimed = claimed.length;
    for (const [org, orgDue] of await loadCurrent(table, claimed)) {
      const made = await alertAndMark(table, org, orgDue, now);
      result.alerts += made.alerts;
      deliveries.push(...made.toDeliver);
      result.missed += await markMissed(table, org, orgDue.rows, now);
    }
  } finally {
    await releaseLocks(table, locked, sweeper);
  }
  const delivered = await deliverDue(table, deliveries, channels, sweeper, {
    budgetMs: opts.deliveryBudgetMs,
  });
  Object.assign(result, delivered);
  await writeCheckpoint(table, hourOf(nowMs - HOUR));
  log.info('alert sweep', { ...result });
  return result;
}

/** One deadline, as the sweep locks it. */
type DeadlineRef = Pick<ReminderRow, 'org' | 'tenderId' | 'deadlineId'>;
const refKey = (r: DeadlineRef) => `${r.org}|${r.tenderId}|${r.deadlineId}`;

/**
 * The due-hour buckets from the checkpoint (or a first sweep's lookback) up to `now`. A checkpoint ahead
 * of `now` (a `sweep --at` in the future was run) does not hide the present.
 */
async function readDue(table: string, checkpoint: string | undefined, now: string) {
  const nowMs = Date.parse(now);
  const from =
    checkpoint && Date.parse(checkpoint) <= nowMs
      ? Date.parse(checkpoint)
      : nowMs - FIRST_LOOKBACK_HOURS * HOUR;
  const reminders: ReminderRow[] = [];
  const alerts: DueAlert[] = [];
  let buckets = 0;
  for (let t = Math.floor(from / HOUR) * HOUR; t <= nowMs; t += HOUR) {
    const entries = await dueIn(table, dueBucket(hourOf(t)), now);
    reminders.push(...entries.reminders);
    alerts.push(...entries.alerts);
    buckets++;
  }
  return { buckets, reminders, alerts };
}

/**
 * Lock each deadline, then claim its due reminders: a concurrent sweep skips a locked deadline, so one
 * deadline's reminders are never split over two messages. Deadlines are independent: 8 at a time.
 * Every lock taken is added to `locked` as soon as it is taken, so the caller releases it whatever fails.
 */
async function lockAndClaim(
  table: string,
  reminders: ReminderRow[],
  sweeper: string,
  now: string,
  locked: DeadlineRef[],
): Promise<ReminderRow[]> {
  const claimed: ReminderRow[] = [];
  await inParallel(
    [...groupBy(reminders, refKey).values()].map((group) => async () => {
      const [first] = group;
      if (!first) return;
      if (!(await lockForSweep(table, first.org, first.tenderId, first.deadlineId, sweeper, now, LEASE_MS)))
        return;
      locked.push(first);
      const won = await Promise.all(group.map((row) => claim(table, row, sweeper, now, LEASE_MS)));
      claimed.push(...group.filter((_, i) => won[i]));
    }),
    8,
  );
  return claimed;
}

/** One organisation's claimed reminders, each with its deadline as stored now, and the reminders of those deadlines already sent. */
interface OrgDue {
  rows: ReminderRow[];
  sent: SentReminder[];
}

/** The claimed reminders by organisation, each with its deadline as stored now (gone: cancelled). */
async function loadCurrent(table: string, claimed: ReminderRow[]): Promise<Map<string, OrgDue>> {
  const current = new Map<string, ReminderRow['deadline']>();
  const sent = new Map<string, SentReminder[]>();
  for (const [key, [row]] of groupBy(claimed, refKey)) {
    if (!row) continue;
    const [stored, history] = await Promise.all([
      getDeadline(table, row.org, row.tenderId, row.deadlineId),
      remindersOf(table, row.org, row.tenderId, row.deadlineId),
    ]);
    current.set(key, stored ?? { ...row.deadline, status: 'cancelled' });
    const out = sent.get(row.org) ?? [];
    out.push(...history.filter((r) => r.state === 'sent'));
    sent.set(row.org, out);
  }
  const byOrg = groupBy(
    claimed.map((row) => ({ ...row, deadline: current.get(refKey(row)) ?? row.deadline })),
    (row) => row.org,
  );
  return new Map([...byOrg].map(([org, rows]) => [org, { rows, sent: sent.get(org) ?? [] }]));
}

/**
 * One organisation's claimed reminders: one alert per deadline for the latest, put in the outbox once,
 * its reminder marked sent; earlier ones superseded (by the latest, or by one already sent); the
 * reminders no alert answers for dropped (the deadline was met, cancelled or moved since: never to be
 * sent). Returns the alerts made and those new to the outbox.
 */
async function alertAndMark(table: string, org: string, { rows: due, sent }: OrgDue, now: string) {
  const plan = sweepPlan(due, now, sent);
  const toDeliver: DueAlert[] = [];
  const superseded = new Map(plan.superseded.map((s) => [s.reminderId, s]));
  const rowsById = new Map(due.map((r) => [r.reminderId, r]));
  for (const alert of plan.alerts) {
    if (await putAlertOnce(table, org, alert, now)) toDeliver.push(dueAlertOf(org, alert, now));
    await Promise.all(
      alert.reminderIds
        .filter((id) => !superseded.has(id))
        .flatMap((id) => rowsById.get(id) ?? [])
        .map((row) => markSent(table, row, alert.alertId, now)),
    );
  }
  for (const s of plan.superseded) {
    const row = rowsById.get(s.reminderId);
    if (row) await markSuperseded(table, row, s.by, now, s.alertId);
  }
  const settled = new Set([...plan.alerts.flatMap((a) => a.reminderIds), ...superseded.keys()]);
  for (const row of due) if (!settled.has(row.reminderId)) await dropReminder(table, row);
  return { alerts: plan.alerts.length, toDeliver };
}

/** Deadlines of these reminders that are past due and still open (as stored) become missed. Returns how many. */
async function markMissed(table: string, org: string, due: ReminderRow[], now: string): Promise<number> {
  const missed = new Set(deadlinesToMarkMissed(due, now));
  let marked = 0;
  const toMark = groupBy(
    due.filter((r) => missed.has(r.deadlineId)),
    (r) => r.deadlineId,
  );
  for (const [row] of toMark.values()) {
    if (!row) continue;
    const stored = await getDeadline(table, org, row.tenderId, row.deadlineId);
    if (stored && stored.status === 'open') {
      await putDeadlines(table, org, [{ ...stored, status: 'missed', updatedAt: now }]);
      marked++;
    }
  }
  return marked;
}

async function releaseLocks(table: string, locked: DeadlineRef[], sweeper: string) {
  for (const ref of locked) await unlockForSweep(table, ref.org, ref.tenderId, ref.deadlineId, sweeper);
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}
