import { alertAsOf, alertSupersededBy } from '../domain/reminders/sweep.ts';
import { log } from '../lib/log.ts';
import {
  claimDelivery,
  type DueAlert,
  finishDelivery,
  markAlertSuperseded,
  releaseDelivery,
  scheduleRetry,
} from '../store/alerts.ts';
import { inParallel } from '../store/batch.ts';
import { remindersOf } from '../store/reminders.ts';
import { type Channels, defaultWebhookPolicy, deliver } from './notify.ts';

/** Organisations delivered to at once: one organisation's slow channel holds one slot, never the others. */
export const ORG_CONCURRENCY = 8;
/** Wall time the sweep spends delivering, well under the sweep function's 60 s timeout. */
export const DELIVERY_BUDGET_MS = 40_000;
/** A claimed delivery whose sweep died is due again after this. */
const LEASE_MS = 5 * 60_000;
/** An alert skipped because its organisation's webhook is down in this sweep is due again after this. */
const SKIP_DELAY_MS = 5 * 60_000;

export interface DeliveryCounts {
  sent: number;
  failed: number;
  /** not attempted in this sweep (out of time, or the organisation's webhook is down): still due */
  deferred: number;
  /** reminder alerts not delivered: a later alert of the same deadline went out first */
  superseded: number;
}

/**
 * Deliver the due alerts of the outbox (new ones, and failed ones whose retry is due), isolating
 * organisations from each other:
 *
 * - up to `ORG_CONCURRENCY` organisations at once, each organisation's alerts one after another;
 * - each attempt is bounded (the webhook policy's timeout, 5 s); when an organisation's webhook does
 *   not answer or cannot be reached, its other alerts skip the webhook in this sweep (SNS still goes);
 * - the whole phase has a wall-time budget: an alert not started in time is released, due now, for
 *   the next sweep — nothing is lost, and the sweep never runs into its function's timeout;
 * - each alert is claimed (a lease in the due index) before it is sent, so two sweeps never both send
 *   it, and one that dies mid-way leaves it due again after the lease;
 * - a reminder alert superseded by a later one of its deadline that went out (this one waited for a
 *   retry, say) is marked superseded, not delivered; one that goes out says the time left as of now.
 */
export async function deliverDue(
  table: string,
  due: DueAlert[],
  channels: Channels,
  sweeper: string,
  opts: { budgetMs?: number } = {},
): Promise<DeliveryCounts> {
  const now = channels.now();
  const started = performance.now();
  const budgetMs = opts.budgetMs ?? DELIVERY_BUDGET_MS;
  // An attempt is started only when it can finish in budget.
  const attemptMs = (channels.webhook ?? defaultWebhookPolicy).timeoutMs + 2_000;
  const inTime = () => performance.now() - started + attemptMs <= budgetMs;
  const counts: DeliveryCounts = { sent: 0, failed: 0, deferred: 0, superseded: 0 };

  const byOrg = new Map<string, DueAlert[]>();
  for (const alert of [...due].sort((a, b) => a.GSI2SK.localeCompare(b.GSI2SK))) {
    const list = byOrg.get(alert.org);
    if (list) list.push(alert);
    else byOrg.set(alert.org, [alert]);
  }
  await inParallel(
    [...byOrg.entries()].map(([org, alerts]) => async () => {
      let webhookDown = false;
      for (const alert of alerts) {
        if (!inTime()) {
          await releaseDelivery(table, org, alert.alertId, now, { seen: alert.GSI2SK });
          counts.deferred++;
          continue;
        }
        if (!(await claimDelivery(table, alert, sweeper, now, LEASE_MS))) continue;
        try {
          const by = await supersededBy(table, alert);
          if (by) {
            await markAlertSuperseded(table, org, alert.alertId, by, now);
            counts.superseded++;
            continue;
          }
          const asOfNow = alertAsOf(alert, now);
          const outcome = await deliver(table, org, asOfNow, channels, { skipWebhook: webhookDown });
          if (outcome.ok) {
            const restated = asOfNow.text !== alert.text || asOfNow.title !== alert.title;
            await finishDelivery(table, org, alert.alertId, restated ? asOfNow : undefined);
            counts.sent++;
          } else if (outcome.skipped) {
            await releaseDelivery(table, org, alert.alertId, later(now, SKIP_DELAY_MS), { by: sweeper });
            counts.deferred++;
          } else {
            await scheduleRetry(table, org, alert.alertId, alert.attempts, now);
            counts.failed++;
          }
          webhookDown ||= outcome.webhookDown;
        } catch (error) {
          // The store failed mid-delivery: the lease makes the alert due again; the other organisations go on.
          log.error('alert delivery interrupted', { org, alertId: alert.alertId, error });
          counts.failed++;
        }
      }
    }),
    ORG_CONCURRENCY,
  );
  return counts;
}

/** The later alert of the same deadline that went out instead of this reminder alert, if any. */
async function supersededBy(table: string, alert: DueAlert): Promise<string | undefined> {
  if (alert.kind !== 'reminder' && alert.kind !== 'missed') return undefined;
  const reminders = await remindersOf(table, alert.org, alert.tenderId ?? '-', alert.deadlineId);
  return alertSupersededBy(alert, reminders);
}

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
