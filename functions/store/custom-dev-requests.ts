import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomDevRequest } from '../domain/custom-dev/request.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { s3 } from '../lib/clients/s3.ts';
import { VersionConflictError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { type AuditEntry, updateAudited } from './audit.ts';
import { queryOrgListPage } from './query.ts';
import { conditionally, rowMapper, setFields } from './rows.ts';
import { keys } from './table-definition.ts';

const toRequest = rowMapper<CustomDevRequest>();

/** What a checklist item shows of the request made from it (a mirror of the request's status). */
export interface ItemLink {
  requestId: string;
  status: CustomDevRequest['status'];
}

/**
 * Create a request (its audit trail starts with it). Made from a checklist item, the item gets the
 * link in the same transaction, conditional on the version the caller read and on having no link yet,
 * with its own audit entry: both land or neither does (a lost race: VersionConflictError, 412).
 */
export async function createRequest(
  table: string,
  org: string,
  r: CustomDevRequest,
  item?: { expectedVersion: number },
): Promise<void> {
  const at = r.createdAt;
  const audit = (entity: string, after: Record<string, unknown>): AuditEntry => ({
    entity,
    actor: r.createdBy,
    at,
    action: 'create',
    before: {},
    after,
  });
  const link: ItemLink = { requestId: r.requestId, status: r.status };
  const itemWrites =
    item && r.tenderId && r.checklistItemId
      ? (() => {
          const parts = setFields(
            { customDevRequest: link, updatedAt: at },
            { expectedVersion: item.expectedVersion },
          );
          return [
            {
              Update: {
                TableName: table,
                Key: keys.item(org, r.tenderId, r.checklistItemId),
                ...parts,
                ConditionExpression: `${parts.ConditionExpression} AND attribute_not_exists(customDevRequest.requestId)`,
              },
            },
            {
              Put: {
                TableName: table,
                Item: {
                  ...keys.audit(org, { tender: r.tenderId }, at, newId()),
                  ...audit(`item:${r.checklistItemId}`, { customDevRequest: link }),
                  before: { customDevRequest: null },
                  action: 'link-custom-dev-request',
                },
              },
            },
          ];
        })()
      : [];
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: {
                ...keys.customDevRequest(org, r.requestId),
                GSI1PK: keys.customDevRequestsOfOrg(org),
                GSI1SK: `${r.createdAt}#${r.requestId}`,
                ...r,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                ...keys.audit(org, { customDevRequest: r.requestId }, at, newId()),
                ...audit(`custom-dev-request:${r.requestId}`, {
                  status: r.status,
                  client: r.client,
                  title: r.title,
                }),
              },
            },
          },
          ...itemWrites,
        ],
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'TransactionCanceledException')
      throw new VersionConflictError(
        `item ${r.checklistItemId} changed since version ${item?.expectedVersion}, or already has a request; read it again`,
        { cause: e },
      );
    throw e;
  }
}

export async function getRequest(
  table: string,
  org: string,
  requestId: string,
): Promise<CustomDevRequest | undefined> {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.customDevRequest(org, requestId), ConsistentRead: true }),
  );
  return res.Item ? toRequest(res.Item) : undefined;
}

/** The organisation's requests, newest first, one Query per page (status and client filter the page). */
export function listRequests(
  table: string,
  org: string,
  opts: { status?: string; client?: string; limit: number; cursor?: string },
) {
  return queryOrgListPage(table, keys.customDevRequestsOfOrg(org), opts, toRequest);
}

/**
 * Change a request if it is still at `expectedVersion`, with its audit entry in the same transaction
 * (412 when stale). A status change is mirrored on the linked checklist item afterwards. Returns the
 * request as it now is.
 */
export async function updateRequest(
  table: string,
  org: string,
  current: CustomDevRequest,
  fields: Partial<CustomDevRequest>,
  audit: Omit<AuditEntry, 'entity'>,
): Promise<CustomDevRequest> {
  const id = current.requestId;
  const version = await updateAudited(table, org, {
    key: keys.customDevRequest(org, id),
    subject: { customDevRequest: id },
    expectedVersion: current.version,
    fields,
    audit: { entity: `custom-dev-request:${id}`, ...audit },
    what: `custom-development request ${id}`,
  });
  const next = { ...current, ...fields, version, updatedAt: audit.at };
  if (fields.status && fields.status !== current.status) await mirrorStatusOnItem(table, org, next);
  return next;
}

/** The checklist item shows the request's status: a derived mirror, not the item's own work (no version bump). */
async function mirrorStatusOnItem(table: string, org: string, r: CustomDevRequest): Promise<void> {
  if (!r.tenderId || !r.checklistItemId) return;
  const link: ItemLink = { requestId: r.requestId, status: r.status };
  await conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.item(org, r.tenderId as string, r.checklistItemId as string),
        ConditionExpression: 'customDevRequest.requestId = :id',
        UpdateExpression: 'SET customDevRequest = :link',
        ExpressionAttributeValues: { ':id': r.requestId, ':link': link },
      }),
    ),
  );
}

/** The specification's key: server-generated, under the organisation's `specs` space. */
export const specKeyOf = (org: string, requestId: string) => `orgs/${org}/specs/${requestId}.md`;

export async function putSpec(bucket: string, key: string, markdown: string): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: markdown,
      ContentType: 'text/markdown; charset=utf-8',
    }),
  );
}

export async function getSpec(bucket: string, key: string): Promise<string> {
  const res = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await res.Body?.transformToString('utf8')) ?? '';
}
