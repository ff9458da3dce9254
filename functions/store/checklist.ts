import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemWork } from '../domain/checklist/review.ts';
import type { ChecklistItemState, RequirementSpec } from '../domain/checklist/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { sha256Hex } from '../lib/ids.ts';
import { type AuditEntry, type AuditedUpdate, updateAudited } from './audit.ts';
import { batchWrite, inParallel } from './batch.ts';
import { decodeCursor } from './cursor.ts';
import { queryAll, queryPage } from './query.ts';
import { rowMapper, setFields } from './rows.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

/** A checklist item as stored and returned: the requirement, the work on it, and its version. */
export type ChecklistItem = ChecklistItemState &
  ItemWork & { tenderId: string; specHash: string; version: number; createdAt: string; updatedAt: string } & {
    /** the custom-development request made from this item, and its status (store/custom-dev-requests.ts) */
    customDevRequest?: { requestId: string; status: string };
  };

export const itemIdFor = (requirementKey: string) => `i-${sha256Hex(requirementKey).slice(0, 20)}`;
const specHashOf = (spec: RequirementSpec) => sha256Hex(JSON.stringify(spec)).slice(0, 16);
const withoutUnit = ({ unit: _unit, ...spec }: RequirementSpec): RequirementSpec => spec;

const toItem = rowMapper<ChecklistItem>();

export interface SyncResult {
  added: string[];
  changed: string[];
  archived: string[];
  unchanged: number;
  writeCalls: number;
}

/**
 * Make the tender's checklist match its requirements: new ones are batch-written, changed ones get
 * the new text and go back to review with their answer kept, removed ones are archived (never
 * deleted) unless `keep` says this publication does not speak for them, unchanged ones are left
 * alone — so re-running intake is harmless.
 */
export async function syncChecklist(
  table: string,
  org: string,
  tenderId: string,
  specs: RequirementSpec[],
  now: string,
  keep: (prior: { criterionId: string }) => boolean = () => false,
): Promise<SyncResult> {
  const existing = await queryAll({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
    ExpressionAttributeValues: { ':pk': keys.tenderPartition(org, tenderId), ':item': sortKeyPrefix.item },
    ProjectionExpression: 'itemId, specHash, archived, #status, answer, criterionId',
    ExpressionAttributeNames: { '#status': 'status' },
  });
  const byId = new Map(existing.map((e) => [String(e.itemId), e]));
  const result: SyncResult = { added: [], changed: [], archived: [], unchanged: 0, writeCalls: 0 };
  const puts = [];
  const updates: (() => Promise<unknown>)[] = [];
  const wanted = new Set<string>();
  for (const spec of specs) {
    const itemId = itemIdFor(spec.key);
    wanted.add(itemId);
    const specHash = specHashOf(spec);
    const prior = byId.get(itemId);
    if (!prior) {
      result.added.push(itemId);
      puts.push({
        PutRequest: {
          Item: { ...keys.item(org, tenderId, itemId), ...newItem(tenderId, itemId, spec, specHash, now) },
        },
      });
    } else if (
      prior.archived !== true &&
      spec.unit !== undefined &&
      prior.specHash === specHashOf(withoutUnit(spec))
    ) {
      // the unit was published all along; an intake from before units were read left it out: written, no amendment
      result.unchanged++;
      updates.push(() =>
        dynamo().send(
          new UpdateCommand({
            TableName: table,
            Key: keys.item(org, tenderId, itemId),
            ...setFields({ unit: spec.unit, specHash }),
          }),
        ),
      );
    } else if (prior.specHash !== specHash || prior.archived === true) {
      result.changed.push(itemId);
      updates.push(() => reviseSpec(table, keys.item(org, tenderId, itemId), spec, specHash, prior, now));
    } else result.unchanged++;
  }
  for (const [itemId, prior] of byId) {
    if (wanted.has(itemId) || prior.archived === true) continue;
    if (keep({ criterionId: String(prior.criterionId ?? '') })) {
      result.unchanged++;
      continue;
    }
    result.archived.push(itemId);
    updates.push(() =>
      dynamo().send(
        new UpdateCommand({
          TableName: table,
          Key: keys.item(org, tenderId, itemId),
          ...setFields({ archived: true, updatedAt: now }),
        }),
      ),
    );
  }
  // Revisions keep each item's answer and status, so they are updates, not puts: run them 8 at a time.
  result.writeCalls += (await batchWrite(table, puts)) + (await inParallel(updates, 8));
  return result;
}

function newItem(
  tenderId: string,
  itemId: string,
  spec: RequirementSpec,
  specHash: string,
  now: string,
): ChecklistItem {
  return {
    ...spec,
    tenderId,
    itemId,
    specHash,
    status: 'open',
    owner: null,
    dueAt: null,
    answer: null,
    compliant: null,
    nonComplianceReason: null,
    notApplicable: false,
    justification: null,
    lastComment: null,
    evidence: [],
    archived: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

async function reviseSpec(
  table: string,
  key: { PK: string; SK: string },
  spec: RequirementSpec,
  specHash: string,
  prior: Record<string, unknown>,
  now: string,
) {
  const fields: Record<string, unknown> = { ...spec, specHash, archived: false, updatedAt: now };
  // The requirement changed: an answered item needs review again; its answer is kept.
  if (prior.answer) fields.status = 'answered';
  await dynamo().send(new UpdateCommand({ TableName: table, Key: key, ...setFields(fields) }));
}

export interface ItemFilters {
  status?: string;
  owner?: string;
  lot?: string;
  category?: string;
  includeArchived?: boolean;
}

/** One page of the checklist: one Query (never a Scan); filters apply within the page. */
export async function listItems(
  table: string,
  org: string,
  tenderId: string,
  filters: ItemFilters,
  limit: number,
  cursor?: string,
) {
  const pk = keys.tenderPartition(org, tenderId);
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':pk': pk, ':item': sortKeyPrefix.item };
  const names: Record<string, string> = {};
  const where = (condition: string, vals: Record<string, unknown>, alias?: [string, string]) => {
    conditions.push(condition);
    Object.assign(values, vals);
    if (alias) names[alias[0]] = alias[1];
  };
  if (!filters.includeArchived) where('archived = :false', { ':false': false });
  if (filters.status) where('#status = :status', { ':status': filters.status }, ['#status', 'status']);
  if (filters.owner) where('#owner = :owner', { ':owner': filters.owner }, ['#owner', 'owner']);
  if (filters.category) where('category = :category', { ':category': filters.category });
  // a lot filter keeps the lot's own items and the whole-tender ones
  if (filters.lot)
    where('(contains(lotIds, :lot) OR size(lotIds) = :zero)', { ':lot': filters.lot, ':zero': 0 });
  return queryPage(
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
      FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
      ExpressionAttributeValues: values,
      ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', pk, (sk) => sk.startsWith(sortKeyPrefix.item)),
    },
    toItem,
  );
}

/** Every live item of a tender (readiness needs all of them). */
export async function allItems(table: string, org: string, tenderId: string): Promise<ChecklistItem[]> {
  const rows = await queryAll({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
    FilterExpression: 'archived = :false',
    ExpressionAttributeValues: {
      ':pk': keys.tenderPartition(org, tenderId),
      ':item': sortKeyPrefix.item,
      ':false': false,
    },
  });
  return rows.map(toItem);
}

export async function getItem(
  table: string,
  org: string,
  tenderId: string,
  itemId: string,
): Promise<ChecklistItem | undefined> {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.item(org, tenderId, itemId) }),
  );
  return res.Item ? toItem(res.Item) : undefined;
}

/**
 * Write the item's new state only if it is still at `expectedVersion`, and its audit entry in the
 * same transaction: either both land or neither does. A stale version is a VersionConflictError.
 */
export async function updateItemAudited(
  table: string,
  org: string,
  tenderId: string,
  itemId: string,
  expectedVersion: number,
  fields: Partial<ItemWork & Pick<ChecklistItemState, 'evidence'>>,
  audit: AuditEntry,
  alongside?: AuditedUpdate['alongside'],
): Promise<void> {
  await updateAudited(table, org, {
    key: keys.item(org, tenderId, itemId),
    subject: { tender: tenderId },
    expectedVersion,
    fields,
    audit,
    what: `item ${itemId}`,
    ...(alongside ? { alongside } : {}),
  });
}
