import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Pilot, PilotStatus } from '../domain/pilots/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { type AuditEntry, updateAudited } from './audit.ts';
import { queryOrgListPage } from './query.ts';
import { rowMapper } from './rows.ts';
import { keys } from './table-definition.ts';

/** Pilots: one item each (`keys.pilot`), listed newest first on GSI1 (`keys.pilotsOfOrg`); every change audited. */
const toPilot = rowMapper<Pilot>();

export async function getPilot(table: string, org: string, pilotId: string): Promise<Pilot | undefined> {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.pilot(org, pilotId), ConsistentRead: true }),
  );
  return res.Item ? toPilot(res.Item) : undefined;
}

/** Create a pilot (it must not exist yet) with its `create` audit entry, in one transaction. */
export async function createPilot(
  table: string,
  org: string,
  pilot: Pilot,
  audit: AuditEntry,
): Promise<void> {
  const { version: _version, updatedAt: _updatedAt, ...fields } = pilot;
  await updateAudited(table, org, {
    key: keys.pilot(org, pilot.id),
    subject: { pilot: pilot.id },
    expectedVersion: 0,
    fields: {
      ...fields,
      GSI1PK: keys.pilotsOfOrg(org),
      GSI1SK: `${pilot.createdAt}#${pilot.id}`,
    },
    audit,
    what: `pilot ${pilot.id}`,
  });
}

/** Set fields on a pilot still at `expectedVersion`, with its audit entry (412 when it moved on). Returns the new version. */
export async function updatePilotAudited(
  table: string,
  org: string,
  pilotId: string,
  expectedVersion: number,
  fields: Partial<Pilot>,
  audit: AuditEntry,
): Promise<number> {
  return updateAudited(table, org, {
    key: keys.pilot(org, pilotId),
    subject: { pilot: pilotId },
    expectedVersion,
    fields,
    audit,
    what: `pilot ${pilotId}`,
  });
}

/** The organisation's pilots, newest first, one Query per page; `status` and `client` filter within it. */
export function listPilots(
  table: string,
  org: string,
  opts: { status?: PilotStatus; client?: string; limit: number; cursor?: string },
) {
  return queryOrgListPage(table, keys.pilotsOfOrg(org), opts, toPilot);
}
