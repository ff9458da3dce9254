import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FieldChange } from '../domain/amendments.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { badRequest } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { keys } from './table-definition.ts';

/** What one import changed: tender fields and checklist items (by item id and requirement key). */
export interface ChangeRecord {
  at: string;
  releaseId: string | null;
  tender: FieldChange[];
  requirements: { added: string[]; changed: string[]; archived: string[] };
}

export async function recordChange(
  table: string,
  org: string,
  tenderId: string,
  change: ChangeRecord,
): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.change(org, tenderId, change.at, newId()), ...change },
    }),
  );
}

export async function listChanges(
  table: string,
  org: string,
  tenderId: string,
  limit: number,
  cursor?: string,
) {
  const { PK } = keys.tender(org, tenderId);
  let start: Record<string, unknown> | undefined;
  if (cursor) {
    try {
      const k: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (
        typeof k === 'object' &&
        k !== null &&
        'PK' in k &&
        k.PK === PK &&
        'SK' in k &&
        typeof k.SK === 'string'
      )
        start = { PK, SK: k.SK };
    } catch {
      start = undefined;
    }
    if (!start)
      throw badRequest('invalid cursor', [
        { path: 'query:cursor', message: 'not a cursor returned by this list' },
      ]);
  }
  const res = await dynamo().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :change)',
      ExpressionAttributeValues: { ':pk': PK, ':change': 'CHANGE#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: (res.Items ?? []).map(({ PK: _p, SK: _s, ...rest }) => rest),
    nextCursor: res.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString('base64url')
      : null,
  };
}
