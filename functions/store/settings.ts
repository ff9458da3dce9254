import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { updateAudited } from './audit.ts';
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

/**
 * Write a setting if it is still at `expectedVersion` (0: it must not exist yet), with its audit
 * entry (the value before and after) in the same transaction. Returns the new version.
 */
export async function putSetting(
  table: string,
  org: string,
  name: string,
  value: unknown,
  expectedVersion: number,
  actor: string,
  now: string,
  /** the value being replaced, for the audit entry (none when it was never set) */
  previous: unknown = null,
  /** more for the audit entry's `after`, e.g. the implausibilities an admin confirmed */
  acknowledged: Record<string, unknown> = {},
): Promise<number> {
  return updateAudited(table, org, {
    key: keys.setting(org, name),
    subject: { setting: name },
    expectedVersion,
    fields: { value, updatedBy: actor },
    audit: {
      entity: `setting:${name}`,
      actor,
      at: now,
      action: expectedVersion === 0 ? 'create' : 'replace',
      before: { value: previous ?? null },
      after: { value, ...acknowledged },
    },
    what: `the ${name} setting`,
  });
}
