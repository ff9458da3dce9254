import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcurementEvent } from '../domain/deadlines/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { newId } from '../lib/ids.ts';
import { rowMapper } from './rows.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

export type StoredEvent = ProcurementEvent & { eventId: string; recordedBy: string; recordedAt: string };

export async function recordEvent(
  table: string,
  org: string,
  tenderId: string,
  event: ProcurementEvent,
  by: string,
  now: string,
): Promise<StoredEvent> {
  const stored: StoredEvent = {
    ...event,
    lot: event.lot ?? null,
    eventId: newId(),
    recordedBy: by,
    recordedAt: now,
  };
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.event(org, tenderId, event.at, stored.eventId), ...stored },
    }),
  );
  return stored;
}

const toEvent = rowMapper<StoredEvent>();

export async function tenderEvents(table: string, org: string, tenderId: string): Promise<StoredEvent[]> {
  const res = await dynamo().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
      ExpressionAttributeValues: { ':pk': keys.tenderPartition(org, tenderId), ':e': sortKeyPrefix.event },
    }),
  );
  return (res.Items ?? []).map(toEvent);
}
