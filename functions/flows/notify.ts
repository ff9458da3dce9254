import { PublishCommand } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import { toWebhookPayload } from '../domain/reminders/webhook.ts';
import { isPublicAddress, webhookUrlProblems } from '../domain/reminders/webhook-target.ts';
import { sns } from '../lib/clients/sns.ts';
import { log } from '../lib/log.ts';
import { oneLine, oneLineMax } from '../lib/text.ts';
import { type PostOptions, postJson } from '../lib/webhook-post.ts';
import { type DeliveryReason, type OutboxAlert, recordDelivery } from '../store/alerts.ts';
import { getSetting } from '../store/settings.ts';

/** How webhooks are checked and sent. Production uses `defaultWebhookPolicy`; a test may admit its own local server. */
export interface WebhookPolicy {
  /** why this URL may not receive alerts (empty: it may) */
  urlProblems: (url: string, allowHosts: readonly string[]) => string[];
  /** may the socket connect to this resolved address */
  allowAddress: (address: string) => boolean;
  /** one attempt's deadline: resolve, connect, send, answer */
  timeoutMs: number;
  lookup?: PostOptions['lookup'];
}

export const defaultWebhookPolicy: WebhookPolicy = {
  urlProblems: webhookUrlProblems,
  allowAddress: isPublicAddress,
  timeoutMs: 5_000,
};

export interface Channels {
  topicArn: string;
  /** the clock, for delivery timestamps */
  now: () => string;
  /** defaults to `defaultWebhookPolicy` */
  webhook?: WebhookPolicy;
}

/** The webhook setting as stored: `allowHosts` extends the Slack/Teams hosts for this organisation. */
export const WebhookSetting = z.object({
  url: z.string(),
  allowHosts: z.optional(z.array(z.string())),
});

export interface DeliveryOutcome {
  /** every channel has the alert now */
  ok: boolean;
  /** the webhook did not answer or could not be reached: later alerts of this organisation skip it in this sweep */
  webhookDown: boolean;
  /** the webhook was not tried (`skipWebhook`) */
  skipped: boolean;
}

/**
 * Deliver an alert that is already in the outbox to the channels that do not have it yet: the SNS
 * topic (email/SMS subscribers; the console on the local stack) and, when the organisation set one,
 * its webhook (Slack/Teams JSON; one attempt — a failure is retried by a later sweep with backoff).
 * Each channel's result is recorded on the alert with a coarse reason only; the detail (an HTTP
 * status, a resolver error) goes to the log, never to the API.
 *
 * Only the sweep calls this: an API request never waits on a third party.
 */
export async function deliver(
  table: string,
  org: string,
  alert: OutboxAlert,
  channels: Channels,
  opts: { skipWebhook?: boolean } = {},
): Promise<DeliveryOutcome> {
  const sent = (channel: string) => alert.deliveries?.[channel]?.status === 'sent';
  let ok = true;
  if (!sent('sns')) ok = (await publish(table, org, alert, channels)) && ok;
  const done = { ok, webhookDown: false, skipped: false };
  if (sent('webhook')) return done;
  const setting = WebhookSetting.safeParse((await getSetting(table, org, 'webhook'))?.value);
  if (!setting.success) return done;
  if (opts.skipWebhook) return { ok: false, webhookDown: true, skipped: true };
  const reason = await postWebhook(org, alert, setting.data, channels.webhook ?? defaultWebhookPolicy);
  await recordDelivery(table, org, alert.alertId, 'webhook', {
    status: reason ? 'failed' : 'sent',
    at: channels.now(),
    ...(reason ? { reason } : {}),
  });
  return { ok: ok && !reason, webhookDown: reason === 'timeout' || reason === 'unreachable', skipped: false };
}

async function publish(table: string, org: string, alert: OutboxAlert, channels: Channels) {
  try {
    await sns().send(
      new PublishCommand({
        TopicArn: channels.topicArn,
        // SNS: no line breaks or control characters, under 100 characters
        Subject: oneLineMax(alert.title, 99),
        Message: oneLine(alert.text),
        MessageAttributes: {
          alertId: { DataType: 'String', StringValue: alert.alertId },
          org: { DataType: 'String', StringValue: org },
          risk: { DataType: 'String', StringValue: alert.risk },
        },
      }),
    );
    await recordDelivery(table, org, alert.alertId, 'sns', { status: 'sent', at: channels.now() });
    return true;
  } catch (error) {
    log.error('alert delivery failed', { channel: 'sns', org, alertId: alert.alertId, error });
    await recordDelivery(table, org, alert.alertId, 'sns', {
      status: 'failed',
      at: channels.now(),
      reason: 'unavailable',
    });
    return false;
  }
}

/** One attempt; undefined when it went through, else the coarse reason. */
async function postWebhook(
  org: string,
  alert: OutboxAlert,
  setting: z.infer<typeof WebhookSetting>,
  policy: WebhookPolicy,
): Promise<DeliveryReason | undefined> {
  const problems = policy.urlProblems(setting.url, setting.allowHosts ?? []);
  if (problems.length > 0) {
    log.warn('webhook refused', { org, alertId: alert.alertId, problems });
    return 'not-allowed';
  }
  const outcome = await postJson(new URL(setting.url), JSON.stringify(toWebhookPayload(alert)), {
    allowAddress: policy.allowAddress,
    timeoutMs: policy.timeoutMs,
    lookup: policy.lookup,
  });
  if (outcome.ok) return undefined;
  log.warn('webhook delivery failed', {
    org,
    alertId: alert.alertId,
    reason: outcome.reason,
    detail: outcome.detail,
  });
  return outcome.reason;
}
