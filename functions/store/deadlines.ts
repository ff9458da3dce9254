import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deadline } from '../domain/deadlines/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { badRequest } from '../lib/errors.ts';
import { decodeCursor } from './cursor.ts';
import { queryAll, queryPage } from './query.ts';
import { conditionally, rowMapper } from './rows.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

/** A stored deadline: the computed one, its SEQUENCE (bumped on every move) and a manual "met" if someone recorded it. */
export type StoredDeadline = Deadline & {
  sequence: number;
  metManually?: { by: string; at: string };
  updatedAt: string;
};

const toDeadline = rowMapper<StoredDeadline>('sweepLock', 'sweepLockAt');

/** The id the API shows: the tender and the deadline, so one read finds it. */
export const publicDeadlineId = (d: Pick<Deadline, 'tenderId' | 'deadlineId'>) =>
  `${d.tenderId ?? '-'}.${d.deadlineId}`;
export function parsePublicDeadlineId(id: string): { tenderId: string; deadlineId: string } {
  const m = /^([^.]+)\.([^.]+)$/.exec(id);
  if (!m)
    throw badRequest('invalid deadline id', [{ path: 'id', message: 'expected <tenderId>.<deadlineId>' }]);
  return { tenderId: m[1] as string, deadlineId: m[2] as string };
}

export async function tenderDeadlines(
  table: string,
  org: string,
  tenderId: string,
): Promise<StoredDeadline[]> {
  const out = (
    await queryAll({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :d)',
      ExpressionAttributeValues: {
        ':pk': keys.tenderPartition(org, tenderId),
        ':d': sortKeyPrefix.deadline,
      },
    })
  ).map(toDeadline);
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export async function getDeadline(table: string, org: string, tenderId: string, deadlineId: string) {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.deadline(org, tenderId, deadlineId) }),
  );
  return res.Item ? toDeadline(res.Item) : undefined;
}

/** A deadline's item: under its tender, and in the org-wide list (GSI1) by due instant. */
export const deadlineItem = (org: string, d: StoredDeadline) => ({
  ...keys.deadline(org, d.tenderId ?? '-', d.deadlineId),
  GSI1PK: keys.deadlinesOfOrg(org),
  GSI1SK: `${d.dueAt}#${d.deadlineId}`,
  ...d,
});

/** Write deadlines (new or changed) in transactions of up to 100; the org-wide list is GSI1 by due instant. */
export async function putDeadlines(table: string, org: string, deadlines: StoredDeadline[]): Promise<void> {
  for (let i = 0; i < deadlines.length; i += 100) {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: deadlines.slice(i, i + 100).map((d) => ({
          Put: { TableName: table, Item: deadlineItem(org, d) },
        })),
      }),
    );
  }
}

export async function markDeadlineMet(
  table: string,
  org: string,
  tenderId: string,
  deadlineId: string,
  by: string,
  at: string,
) {
  const res = await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.deadline(org, tenderId, deadlineId),
      ConditionExpression: 'attribute_exists(PK)',
      UpdateExpression: 'SET #status = :met, metManually = :m, updatedAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':met': 'met', ':m': { by, at }, ':at': at },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return toDeadline(res.Attributes ?? {});
}

/** The organisation's deadlines due before an instant, soonest first: one Query per page on GSI1. */
export async function orgDeadlines(
  table: string,
  org: string,
  opts: { before?: string; risk?: string; limit: number; cursor?: string },
) {
  const list = keys.deadlinesOfOrg(org);
  const start = decodeCursor(opts.cursor, 'GSI1PK', list, (sk) => !opts.before || sk < opts.before);
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: opts.before ? 'GSI1PK = :list AND GSI1SK < :before' : 'GSI1PK = :list',
      FilterExpression: opts.risk ? 'risk = :risk' : undefined,
      ExpressionAttributeValues: {
        ':list': list,
        ...(opts.before ? { ':before': opts.before } : {}),
        ...(opts.risk ? { ':risk': opts.risk } : {}),
      },
      Limit: opts.limit,
      ExclusiveStartKey: start,
    },
    toDeadline,
  );
}

/**
 * One page of the organisation's open rule deadlines due in [from, to] (UTC instants): the candidates of
 * a working-calendar recompute. A key-range Query on GSI1 (the org's deadlines by due instant), never a
 * Scan: it reads only that organisation's deadlines due in the window; the filter (open, computed by a
 * rule — the only deadlines counted in working days) trims what it returns. `cursor` is the internal
 * LastEvaluatedKey of the previous page (a workflow's, never a client's).
 */
export async function openRuleDeadlinesDueBetween(
  table: string,
  org: string,
  window: { from: string; to: string },
  opts: { limit: number; cursor?: string | undefined },
) {
  const list = keys.deadlinesOfOrg(org);
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :list AND GSI1SK BETWEEN :from AND :to',
      FilterExpression: '#status = :open AND #source.#type = :rule',
      ExpressionAttributeNames: { '#status': 'status', '#source': 'source', '#type': 'type' },
      ExpressionAttributeValues: {
        ':list': list,
        ':from': window.from,
        ':to': `${window.to}#~`,
        ':open': 'open',
        ':rule': 'rule',
      },
      Limit: opts.limit,
      ExclusiveStartKey: decodeCursor(
        opts.cursor,
        'GSI1PK',
        list,
        (sk) => sk >= window.from && sk <= `${window.to}#~`,
      ),
    },
    toDeadline,
  );
}

/**
 * One sweep at a time per deadline, so concurrent sweeps cannot split one deadline's due reminders
 * into two messages. A lock older than `leaseMs` (a crashed sweep) is taken over.
 */
export async function lockForSweep(
  table: string,
  org: string,
  tenderId: string,
  deadlineId: string,
  by: string,
  now: string,
  leaseMs: number,
): Promise<boolean> {
  return conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.deadline(org, tenderId, deadlineId),
        ConditionExpression:
          'attribute_exists(PK) AND (attribute_not_exists(sweepLock) OR sweepLockAt < :stale)',
        UpdateExpression: 'SET sweepLock = :by, sweepLockAt = :now',
        ExpressionAttributeValues: {
          ':by': by,
          ':now': now,
          ':stale': new Date(Date.parse(now) - leaseMs).toISOString(),
        },
      }),
    ),
  );
}

export async function unlockForSweep(
  table: string,
  org: string,
  tenderId: string,
  deadlineId: string,
  by: string,
) {
  // Not held: the entry is no longer this sweep's to change.
  await conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.deadline(org, tenderId, deadlineId),
        ConditionExpression: 'sweepLock = :by',
        UpdateExpression: 'REMOVE sweepLock, sweepLockAt',
        ExpressionAttributeValues: { ':by': by },
      }),
    ),
  );
}
