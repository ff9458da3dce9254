import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../domain/reminders/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { decodeCursor } from './cursor.ts';
import { queryPage } from './query.ts';
import { keys } from './table-definition.ts';

export type OutboxAlert = Alert & {
  at: string;
  deliveries: Record<string, { status: 'sent' | 'failed'; at: string; error?: string }>;
};

/**
 * Write an alert to the outbox once: a retried sweep that makes the same alert (same id) finds it
 * there and does not write — or send — it again. Returns false when it was already there.
 */
export async function putAlertOnce(table: string, org: string, alert: Alert, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...keys.alert(org, alert.alertId),
          entity: 'alert',
          org,
          GSI1PK: keys.alertsOfOrg(org),
          GSI1SK: `${at}#${alert.alertId}`,
          ...alert,
          at,
          deliveries: {},
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function recordDelivery(
  table: string,
  org: string,
  alertId: string,
  channel: string,
  result: { status: 'sent' | 'failed'; at: string; error?: string },
) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.alert(org, alertId),
      UpdateExpression: 'SET deliveries.#c = :r',
      ExpressionAttributeNames: { '#c': channel },
      ExpressionAttributeValues: { ':r': result },
    }),
  );
}

/** The outbox, newest first; `since` and `tender` narrow it. */
export async function listAlerts(
  table: string,
  org: string,
  opts: { since?: string; tender?: string; limit: number; cursor?: string },
) {
  const list = keys.alertsOfOrg(org);
  const start = decodeCursor(opts.cursor, 'GSI1PK', list);
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: opts.since ? 'GSI1PK = :list AND GSI1SK >= :since' : 'GSI1PK = :list',
      FilterExpression: opts.tender ? 'tenderId = :t' : undefined,
      ExpressionAttributeValues: {
        ':list': list,
        ...(opts.since ? { ':since': opts.since } : {}),
        ...(opts.tender ? { ':t': opts.tender } : {}),
      },
      ScanIndexForward: false,
      Limit: opts.limit,
      ExclusiveStartKey: start,
    },
    (i) =>
      Object.fromEntries(Object.entries(i).filter(([k]) => !OUTBOX_KEYS.has(k))) as unknown as OutboxAlert,
  );
}

/** Key and index attributes of an outbox item: not part of the alert. */
const OUTBOX_KEYS = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', 'org']);

const RETRY_BACKOFF_MS = [5, 15, 60, 180, 720].map((m) => m * 60_000);

/**
 * A delivery failed: put the alert in the due index again for a later sweep to retry (5 min, 15 min,
 * 1 h, 3 h, 12 h); after the last attempt it stays failed, visible in GET /alerts.
 */
export async function scheduleRetry(
  table: string,
  org: string,
  alertId: string,
  attempt: number,
  now: string,
): Promise<boolean> {
  const delay = RETRY_BACKOFF_MS[attempt];
  if (delay === undefined) return false;
  const retryAt = new Date(Date.parse(now) + delay).toISOString();
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.alert(org, alertId),
      UpdateExpression: 'SET attempts = :n, retryAt = :at, GSI2PK = :b, GSI2SK = :s',
      ExpressionAttributeValues: {
        ':n': attempt + 1,
        ':at': retryAt,
        ':b': `DUE#${retryAt.slice(0, 13)}`,
        ':s': `${retryAt}#${org}#alert:${alertId}`,
      },
    }),
  );
  return true;
}

/** Take a due retry (only one sweep wins: conditional on the attempt count it saw); it leaves the due index. */
export async function claimRetry(
  table: string,
  org: string,
  alertId: string,
  attempts: number,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.alert(org, alertId),
        ConditionExpression: 'attempts = :n AND attribute_exists(GSI2PK)',
        UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
        ExpressionAttributeValues: { ':n': attempts },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
