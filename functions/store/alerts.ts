import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../domain/reminders/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { decodeCursor } from './cursor.ts';
import { queryPage } from './query.ts';
import { conditionally, rowMapper } from './rows.ts';
import { keys } from './table-definition.ts';

/** Why a channel does not have an alert: coarse on purpose (no HTTP status, no remote text: not an oracle). */
export type DeliveryReason = 'not-allowed' | 'timeout' | 'unreachable' | 'rejected' | 'unavailable';
export type DeliveryResult = { status: 'sent' | 'failed'; at: string; reason?: DeliveryReason };

export type OutboxAlert = Alert & {
  at: string;
  deliveries: Record<string, DeliveryResult>;
};

/** An outbox alert as the sweep reads it from the due index: waiting for (another) delivery attempt. */
export type DueAlert = OutboxAlert & { entity: 'alert'; org: string; attempts: number; GSI2SK: string };

/** The alert's entry in the due index (GSI2, shared with reminders): the sweep delivers it at or after `at`. */
const dueEntry = (org: string, alertId: string, at: string) => ({
  GSI2PK: `DUE#${at.slice(0, 13)}`,
  GSI2SK: `${at}#${org}#alert:${alertId}`,
});

/** Index and lease attributes of an outbox item: not part of the alert. */
const toOutboxAlert = rowMapper<OutboxAlert>('entity', 'org', 'leasedBy');
const toDueAlert = rowMapper<Omit<DueAlert, 'GSI2SK'>>('leasedBy');

/** An outbox alert read from the due index, with the entry it was read under (a claim is conditional on it). */
export const dueAlertFromRow = (row: Record<string, unknown>): DueAlert => ({
  ...toDueAlert(row),
  GSI2SK: String(row.GSI2SK),
});

/** An alert just put in the outbox, as the due index holds it. */
export const dueAlertOf = (org: string, alert: Alert, at: string): DueAlert => ({
  ...alert,
  entity: 'alert',
  org,
  at,
  deliveries: {},
  attempts: 0,
  GSI2SK: dueEntry(org, alert.alertId, at).GSI2SK,
});

/**
 * Write an alert to the outbox once, due for delivery now: the sweep delivers it (an API request
 * never does). A retried sweep that makes the same alert (same id) finds it there and does not write
 * — or send — it again. Returns false when it was already there.
 */
export async function putAlertOnce(table: string, org: string, alert: Alert, at: string): Promise<boolean> {
  return conditionally(() => dynamo().send(new PutCommand(putAlertOnceRequest(table, org, alert, at))));
}

/** The conditional put of a new outbox alert (due for delivery at `at`), also for a transaction. */
export const putAlertOnceRequest = (table: string, org: string, alert: Alert, at: string) => ({
  TableName: table,
  Item: {
    ...keys.alert(org, alert.alertId),
    entity: 'alert',
    org,
    GSI1PK: keys.alertsOfOrg(org),
    GSI1SK: `${at}#${alert.alertId}`,
    ...dueEntry(org, alert.alertId, at),
    ...alert,
    at,
    deliveries: {},
    attempts: 0,
  },
  ConditionExpression: 'attribute_not_exists(PK)',
});

export async function recordDelivery(
  table: string,
  org: string,
  alertId: string,
  channel: string,
  result: DeliveryResult,
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
    (row) => {
      const alert = toOutboxAlert(row);
      return { ...alert, deliveries: publicDeliveries(alert.deliveries) };
    },
  );
}

const REASONS = new Set<string>(['not-allowed', 'timeout', 'unreachable', 'rejected', 'unavailable']);

/** Status, time and coarse reason only: an alert stored before reasons existed had the remote's error text. */
const publicDeliveries = (deliveries: Record<string, DeliveryResult> = {}) =>
  Object.fromEntries(
    Object.entries(deliveries).map(([channel, d]) => [
      channel,
      {
        status: d.status,
        at: d.at,
        ...(d.status === 'failed'
          ? { reason: d.reason && REASONS.has(d.reason) ? d.reason : 'rejected' }
          : {}),
      },
    ]),
  );

const RETRY_BACKOFF_MS = [5, 15, 60, 180, 720].map((m) => m * 60_000);

/**
 * Take a due alert for delivery: only one sweep wins (conditional on the due entry it read). The
 * entry moves to `now + leaseMs` instead of leaving the index, so an alert whose sweep died between
 * claim and send is due again after the lease: nothing is lost.
 */
export async function claimDelivery(
  table: string,
  alert: DueAlert,
  by: string,
  now: string,
  leaseMs: number,
): Promise<boolean> {
  const until = new Date(Date.parse(now) + leaseMs).toISOString();
  return conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.alert(alert.org, alert.alertId),
        ConditionExpression: 'GSI2SK = :seen',
        UpdateExpression: 'SET GSI2PK = :b, GSI2SK = :s, leasedBy = :by',
        ExpressionAttributeValues: {
          ':seen': alert.GSI2SK,
          ...dueValues(dueEntry(alert.org, alert.alertId, until)),
          ':by': by,
        },
      }),
    ),
  );
}

const dueValues = (entry: { GSI2PK: string; GSI2SK: string }) => ({ ':b': entry.GSI2PK, ':s': entry.GSI2SK });

/** Superseded by a later alert of the same deadline (`by`) before it went out: out of the due index, never delivered. */
export async function markAlertSuperseded(
  table: string,
  org: string,
  alertId: string,
  by: string,
  at: string,
) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.alert(org, alertId),
      UpdateExpression: 'SET supersededBy = :by, supersededAt = :at REMOVE GSI2PK, GSI2SK, leasedBy',
      ExpressionAttributeValues: { ':by': by, ':at': at },
    }),
  );
}

/** Every channel has it: out of the due index. */
export async function finishDelivery(
  table: string,
  org: string,
  alertId: string,
  /** the wording as it went out, when a later delivery stated the time left anew */
  sent?: { title: string; text: string },
) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.alert(org, alertId),
      UpdateExpression: `${sent ? 'SET #title = :title, #text = :text ' : ''}REMOVE GSI2PK, GSI2SK, leasedBy`,
      ...(sent
        ? {
            ExpressionAttributeNames: { '#title': 'title', '#text': 'text' },
            ExpressionAttributeValues: { ':title': sent.title, ':text': sent.text },
          }
        : {}),
    }),
  );
}

/**
 * Not attempted in this sweep (out of time, or its webhook is down): due again at `at`, no attempt
 * counted. Only while the entry is as this sweep left it (`seen`, or its own lease `by`): an alert
 * another sweep has claimed since is left to that sweep.
 */
export async function releaseDelivery(
  table: string,
  org: string,
  alertId: string,
  at: string,
  expect: { seen: string } | { by: string },
) {
  // Not held: the entry is no longer this sweep's to change.
  await conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.alert(org, alertId),
        ConditionExpression: 'seen' in expect ? 'GSI2SK = :seen' : 'leasedBy = :by',
        UpdateExpression: 'SET GSI2PK = :b, GSI2SK = :s REMOVE leasedBy',
        ExpressionAttributeValues: {
          ...dueValues(dueEntry(org, alertId, at)),
          ...('seen' in expect ? { ':seen': expect.seen } : { ':by': expect.by }),
        },
      }),
    ),
  );
}

/**
 * A delivery attempt failed: due again after a backoff (5 min, 15 min, 1 h, 3 h, 12 h); after the
 * last attempt it leaves the due index and stays failed, visible in GET /alerts. Returns false then.
 */
export async function scheduleRetry(
  table: string,
  org: string,
  alertId: string,
  attempt: number,
  now: string,
): Promise<boolean> {
  const delay = RETRY_BACKOFF_MS[attempt];
  if (delay === undefined) {
    await finishDelivery(table, org, alertId);
    return false;
  }
  const retryAt = new Date(Date.parse(now) + delay).toISOString();
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.alert(org, alertId),
      UpdateExpression: 'SET attempts = :n, retryAt = :at, GSI2PK = :b, GSI2SK = :s REMOVE leasedBy',
      ExpressionAttributeValues: {
        ':n': attempt + 1,
        ':at': retryAt,
        ...dueValues(dueEntry(org, alertId, retryAt)),
      },
    }),
  );
  return true;
}
