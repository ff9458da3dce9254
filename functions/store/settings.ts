import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { VersionConflictError } from '../lib/errors.ts';
import { keys } from './table-definition.ts';

/** An organisation's setting (e.g. its bid policy), versioned for If-Match. */
export async function getSetting(
  table: string,
  org: string,
  name: string,
): Promise<{ value: unknown; version: number } | undefined> {
  const res = await dynamo().send(new GetCommand({ TableName: table, Key: keys.setting(org, name) }));
  return res.Item ? { value: res.Item.value, version: Number(res.Item.version) } : undefined;
}

/** Write a setting if it is still at `expectedVersion` (0: it must not exist yet). */
export async function putSetting(
  table: string,
  org: string,
  name: string,
  value: unknown,
  expectedVersion: number,
  actor: string,
  now: string,
) {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...keys.setting(org, name),
          value,
          version: expectedVersion + 1,
          updatedBy: actor,
          updatedAt: now,
        },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
        ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':v': expectedVersion },
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') {
      throw new VersionConflictError(
        `the ${name} setting changed since version ${expectedVersion}; read it again`,
        { cause: e },
      );
    }
    throw e;
  }
  return expectedVersion + 1;
}
