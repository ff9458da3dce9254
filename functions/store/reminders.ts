import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeadlineLike, Reminder, StoredReminder } from '../domain/reminders/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { type DueAlert, dueAlertFromRow } from './alerts.ts';
import { queryAll } from './query.ts';
import { conditionally, rowMapper } from './rows.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

/**
 * Reminders live under their tender; a pending one is also in GSI2 under the hour it is due
 * (`DUE#yyyy-mm-ddThh`), so the sweep reads only what is due — never a scan, and as fast with
 * 100,000 reminders scheduled as with 1,000. Sending removes it from the index.
 */
export type ReminderRow = StoredReminder & {
  org: string;
  tenderId: string;
  deadline: DeadlineLike;
  state: 'pending' | 'claimed' | 'sent' | 'superseded';
  /** the later reminder of the same deadline that went out instead of this one */
  supersededBy?: string;
  claimedAt?: string;
  claimedBy?: string;
  alertId?: string;
};

export const dueBucket = (iso: string) => `DUE#${iso.slice(0, 13)}`;

const toReminder = rowMapper<ReminderRow>();

export async function remindersOf(
  table: string,
  org: string,
  tenderId: string,
  deadlineId?: string,
): Promise<ReminderRow[]> {
  const rows = await queryAll({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
    ExpressionAttributeValues: {
      ':pk': keys.tenderPartition(org, tenderId),
      ':r': `${sortKeyPrefix.reminder}${deadlineId ? `${deadlineId}#` : ''}`,
    },
  });
  return rows.map(toReminder);
}

/** A pending reminder's item: in the due index under its hour. */
export const reminderItem = (org: string, tenderId: string, r: Reminder, deadline: DeadlineLike) => ({
  ...keys.reminder(org, tenderId, r.reminderId),
  GSI2PK: dueBucket(r.sendAt),
  GSI2SK: `${r.sendAt}#${org}#${r.reminderId}`,
  ...r,
  org,
  tenderId,
  deadline,
  state: 'pending',
});

/** The transaction items that replace a deadline's unsent reminders (a sent or superseded one is never deleted). */
export const reminderWrites = (
  table: string,
  org: string,
  tenderId: string,
  deadline: DeadlineLike,
  toDelete: string[],
  toPut: Reminder[],
) => [
  ...toDelete.map((id) => ({
    Delete: {
      TableName: table,
      Key: keys.reminder(org, tenderId, id),
      ConditionExpression: 'attribute_not_exists(PK) OR #state <> :sent',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent' },
    },
  })),
  ...toPut.map((r) => ({ Put: { TableName: table, Item: reminderItem(org, tenderId, r, deadline) } })),
];

/** Replace a deadline's unsent reminders in one transaction: sent ones stay as history. */
export async function replaceReminders(
  table: string,
  org: string,
  tenderId: string,
  deadline: DeadlineLike,
  toDelete: string[],
  toPut: Reminder[],
) {
  const writes = reminderWrites(table, org, tenderId, deadline, toDelete, toPut);
  for (let i = 0; i < writes.length; i += 100) {
    await dynamo().send(new TransactWriteCommand({ TransactItems: writes.slice(i, i + 100) }));
  }
}

/** Keep each pending reminder's copy of its deadline current (status, title), so the sweep sees it as it is now. */
export async function refreshReminderDeadline(table: string, row: ReminderRow, deadline: DeadlineLike) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.reminder(row.org, row.tenderId, row.reminderId),
      ConditionExpression: 'attribute_exists(PK)',
      UpdateExpression: 'SET deadline = :d',
      ExpressionAttributeValues: { ':d': deadline },
    }),
  );
}

/** What one hour bucket of the due index holds at `now`: reminders to send and outbox alerts to deliver. */
export interface DueEntries {
  /** pending (or stale-claimed) reminders */
  reminders: ReminderRow[];
  /** outbox alerts waiting for a delivery attempt (new, retry due, or a lease run out) */
  alerts: DueAlert[];
}

/** The entries of one hour bucket of the due index (GSI2) due at or before `now`, each kind typed. */
export async function dueIn(table: string, bucket: string, now: string): Promise<DueEntries> {
  const rows = await queryAll({
    TableName: table,
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :b AND GSI2SK <= :now',
    ExpressionAttributeValues: { ':b': bucket, ':now': `${now}#~` },
  });
  const due: DueEntries = { reminders: [], alerts: [] };
  // Outbox alerts carry `entity: 'alert'` (store/alerts.ts); reminders carry none.
  for (const row of rows)
    if (row.entity === 'alert') due.alerts.push(dueAlertFromRow(row));
    else due.reminders.push(toReminder(row));
  return due;
}

/**
 * Claim a reminder before sending it: only one sweep wins. A claim older than `leaseMs` (a sweep
 * that crashed between claim and send) may be taken over, so nothing is lost.
 */
export async function claim(
  table: string,
  row: ReminderRow,
  by: string,
  now: string,
  leaseMs: number,
): Promise<boolean> {
  const staleBefore = new Date(Date.parse(now) - leaseMs).toISOString();
  return conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.reminder(row.org, row.tenderId, row.reminderId),
        ConditionExpression: '#state = :pending OR (#state = :claimed AND claimedAt < :stale)',
        UpdateExpression: 'SET #state = :claimed, claimedAt = :now, claimedBy = :by',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':claimed': 'claimed',
          ':stale': staleBefore,
          ':now': now,
          ':by': by,
        },
      }),
    ),
  );
}

/** Sent: out of the due index, kept as history with the alert it went out in. */
export async function markSent(table: string, row: ReminderRow, alertId: string, at: string) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.reminder(row.org, row.tenderId, row.reminderId),
      UpdateExpression: 'SET #state = :sent, sentAt = :at, alertId = :a REMOVE GSI2PK, GSI2SK',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': at, ':a': alertId },
    }),
  );
}

/**
 * Superseded: a later reminder of the same deadline went out (or goes out in this sweep, in `alertId`), so
 * this one never will. Out of the due index, kept as history.
 */
export async function markSuperseded(
  table: string,
  row: ReminderRow,
  by: string,
  at: string,
  alertId: string | undefined,
) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.reminder(row.org, row.tenderId, row.reminderId),
      UpdateExpression: `SET #state = :superseded, supersededAt = :at, supersededBy = :by${alertId ? ', alertId = :a' : ''} REMOVE GSI2PK, GSI2SK`,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':superseded': 'superseded',
        ':at': at,
        ':by': by,
        ...(alertId ? { ':a': alertId } : {}),
      },
    }),
  );
}

/** A reminder the sweep will never send (its deadline was met, cancelled or moved): drop it. */
export async function dropReminder(table: string, row: ReminderRow) {
  await dynamo().send(
    new DeleteCommand({ TableName: table, Key: keys.reminder(row.org, row.tenderId, row.reminderId) }),
  );
}

/** The sweep's checkpoint: the last hour bucket it fully read. */
export async function readCheckpoint(table: string): Promise<string | undefined> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'SWEEP' },
    }),
  );
  return res.Items?.[0]?.lastHour as string | undefined;
}

export async function writeCheckpoint(table: string, lastHour: string) {
  await dynamo().send(
    new PutCommand({ TableName: table, Item: { PK: 'SWEEP', SK: 'CHECKPOINT', lastHour } }),
  );
}
