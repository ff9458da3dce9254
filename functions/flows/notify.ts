import { PublishCommand } from '@aws-sdk/client-sns';
import type { Alert } from '../domain/reminders/types.ts';
import { toWebhookPayload } from '../domain/reminders/webhook.ts';
import { sns } from '../lib/clients/sns.ts';
import { log } from '../lib/log.ts';
import { recordDelivery, scheduleRetry } from '../store/alerts.ts';
import { getSetting } from '../store/settings.ts';

export interface Channels {
  topicArn: string;
  /** the clock, for delivery timestamps */
  now: () => string;
  /** injectable for tests that need a failing channel */
  fetch?: typeof fetch;
}

const WEBHOOK_ATTEMPTS = 3;

/**
 * Deliver an alert that is already in the outbox: the SNS topic (email/SMS subscribers; the console
 * on the local stack) and, when the organisation set one, its webhook (Slack/Teams JSON) with retries
 * and backoff. Each channel's result is recorded on the alert; a failure is kept, visible, retryable.
 */
export async function deliver(
  table: string,
  org: string,
  alert: Alert,
  channels: Channels,
  alreadySent: readonly string[] = [],
): Promise<boolean> {
  let ok = true;
  if (!alreadySent.includes('sns'))
    try {
      await sns().send(
        new PublishCommand({
          TopicArn: channels.topicArn,
          Subject: alert.title.slice(0, 99),
          Message: alert.text,
          MessageAttributes: {
            alertId: { DataType: 'String', StringValue: alert.alertId },
            org: { DataType: 'String', StringValue: org },
            risk: { DataType: 'String', StringValue: alert.risk },
          },
        }),
      );
      await recordDelivery(table, org, alert.alertId, 'sns', { status: 'sent', at: channels.now() });
    } catch (error) {
      ok = false;
      log.error('alert delivery failed', { channel: 'sns', alertId: alert.alertId, error });
      await recordDelivery(table, org, alert.alertId, 'sns', {
        status: 'failed',
        at: channels.now(),
        error: String(error),
      });
    }
  const webhook = (await getSetting(table, org, 'webhook'))?.value as { url?: string } | undefined;
  if (webhook?.url && !alreadySent.includes('webhook'))
    ok = (await postWebhook(table, org, alert, webhook.url, channels)) && ok;
  return ok;
}

async function postWebhook(
  table: string,
  org: string,
  alert: Alert,
  url: string,
  channels: Channels,
): Promise<boolean> {
  const send = channels.fetch ?? fetch;
  let last = '';
  for (let attempt = 0; attempt < WEBHOOK_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    try {
      const res = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toWebhookPayload(alert)),
      });
      if (res.ok) {
        await recordDelivery(table, org, alert.alertId, 'webhook', { status: 'sent', at: channels.now() });
        return true;
      }
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
  }
  await recordDelivery(table, org, alert.alertId, 'webhook', {
    status: 'failed',
    at: channels.now(),
    error: last,
  });
  return false;
}

/** Deliver a new alert; when a channel fails, a later sweep retries it with backoff. */
export async function deliverOrRetry(
  table: string,
  org: string,
  alert: Alert,
  channels: Channels,
): Promise<boolean> {
  if (await deliver(table, org, alert, channels)) return true;
  await scheduleRetry(table, org, alert.alertId, 0, channels.now());
  return false;
}
