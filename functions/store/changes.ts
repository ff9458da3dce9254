import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FieldChange } from '../domain/amendments.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { newId } from '../lib/ids.ts';
import { decodeCursor } from './cursor.ts';
import { queryPage } from './query.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

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
  const start = decodeCursor(cursor, 'PK', PK, (sk) => sk.startsWith(sortKeyPrefix.change));
  return queryPage(
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :change)',
      ExpressionAttributeValues: { ':pk': PK, ':change': sortKeyPrefix.change },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    },
    ({ PK: _p, SK: _s, ...rest }) => rest,
  );
}
