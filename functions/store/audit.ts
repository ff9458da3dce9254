import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { VersionConflictError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { decodeCursor } from './cursor.ts';
import { queryPage } from './query.ts';
import { rowMapper, setFields } from './rows.ts';
import { type AuditSubject, keys } from './table-definition.ts';

/** One change to a mutable resource: who, when, what, and the changed fields before and after. Append-only. */
export interface AuditEntry {
  /** what changed, e.g. `item:<itemId>`, `evidence:<evidenceId>`, `setting:<name>` */
  entity: string;
  actor: string;
  at: string;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface AuditedUpdate {
  key: { PK: string; SK: string };
  /** whose audit trail the entry joins */
  subject: AuditSubject;
  /** the version the caller read (0: the item must not exist yet) */
  expectedVersion: number;
  /** the changed fields; `updatedAt` is set to the entry's instant */
  fields: Record<string, unknown>;
  audit: AuditEntry;
  /** names the resource in the conflict message, e.g. `item i-1` */
  what: string;
  /** other items written in the same transaction (a matrix row's result: applied exactly when the change is) */
  alongside?: { TableName: string; Item: Record<string, unknown> }[];
}

/**
 * The audited update every mutable resource uses: write the fields only if the item is still at
 * `expectedVersion` (the version becomes the next one) and append the audit entry in the same
 * transaction, so both land or neither does. A stale version is a VersionConflictError (412).
 */
export async function updateAudited(table: string, org: string, update: AuditedUpdate): Promise<number> {
  const { key, subject, expectedVersion, fields, audit } = update;
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: key,
              ...setFields({ ...fields, updatedAt: audit.at }, { expectedVersion }),
            },
          },
          { Put: { TableName: table, Item: { ...keys.audit(org, subject, audit.at, newId()), ...audit } } },
          ...(update.alongside ?? []).map((Put) => ({ Put })),
        ],
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException') {
      throw new VersionConflictError(
        `${update.what} changed since version ${expectedVersion}; read it again`,
        { cause: e },
      );
    }
    throw e;
  }
  return expectedVersion + 1;
}

const toEntry = rowMapper<AuditEntry>();

/** One resource's audit trail, newest first, one Query per page. */
export async function listAudit(
  table: string,
  org: string,
  subject: AuditSubject,
  limit: number,
  cursor?: string,
) {
  const pk = keys.auditTrail(org, subject);
  return queryPage(
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', pk),
    },
    toEntry,
  );
}
