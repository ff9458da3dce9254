import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemWork } from '../domain/checklist/review.ts';
import type { ChecklistItemState, RequirementSpec } from '../domain/checklist/types.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { IntakeAbandonedError } from '../lib/errors.ts';
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

/** (`intakeRawKey` is the intake's own bookkeeping, not part of the item) */
const toItem = rowMapper<ChecklistItem>('intakeRawKey');

export interface SyncResult {
  added: string[];
  changed: string[];
  archived: string[];
  unchanged: number;
  writeCalls: number;
}

/** New items are written this many at a time between two looks at whether the intake is still current. */
const CHUNK = 250;

/** The intake a sync writes for: new items carry its document, and it stops when the intake is no longer current. */
export interface IntakeFence {
  rawKey: string;
  verdict: () => Promise<'current' | 'failed' | 'superseded'>;
}

/**
 * Make the tender's checklist match its requirements: new ones are batch-written, changed ones get
 * the new text and go back to review with their answer kept, removed ones are archived (never
 * deleted) unless `keep` says this publication does not speak for them, unchanged ones are left
 * alone — so re-running intake is harmless.
 *
 * With an `intake`, new items carry its document (`intakeRawKey`: a failed intake's cleanup finds them by
 * it, removeIntakeItems) and are written a chunk at a time; between chunks the intake must still be
 * current. When it failed (its task timed out and the failure path ran), this write removes the items it
 * put — the failure path's cleanup may have looked before the last chunk landed — and stops with
 * IntakeAbandonedError; when a newer intake began, it stops and leaves them to that one.
 */
export async function syncChecklist(
  table: string,
  org: string,
  tenderId: string,
  specs: RequirementSpec[],
  now: string,
  keep: (prior: { criterionId: string }) => boolean = () => false,
  intake?: IntakeFence,
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
  const puts: { PutRequest: { Item: Record<string, unknown> } }[] = [];
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
          Item: {
            ...keys.item(org, tenderId, itemId),
            ...newItem(tenderId, itemId, spec, specHash, now),
            ...(intake ? { intakeRawKey: intake.rawKey } : {}),
          },
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
  const stillCurrent = async (written: typeof puts) => {
    const verdict = intake ? await intake.verdict() : 'current';
    if (verdict === 'current') return;
    if (verdict === 'failed')
      await batchWrite(
        table,
        written.map((p) => ({
          DeleteRequest: { Key: keys.item(org, tenderId, String(p.PutRequest.Item.itemId)) },
        })),
      );
    throw new IntakeAbandonedError(
      `the intake of tender ${tenderId} ${verdict === 'failed' ? 'failed' : 'was superseded by a newer one'} while its checklist was written: stopped${verdict === 'failed' ? `, the ${written.length} items written removed` : ''}`,
    );
  };
  for (let i = 0; i < puts.length; i += CHUNK) {
    result.writeCalls += await batchWrite(table, puts.slice(i, i + CHUNK));
    await stillCurrent(puts.slice(0, i + CHUNK));
  }
  // Revisions keep each item's answer and status, so they are updates, not puts: run them 8 at a time.
  result.writeCalls += await inParallel(updates, 8);
  return result;
}

/**
 * The failure path of an intake: remove the checklist items that intake added (tagged with its document)
 * and nobody has touched since (version 1). Items of the tender's ready document, and items from before
 * tagging, are never removed. Idempotent; returns how many it removed.
 */
export async function removeIntakeItems(
  table: string,
  org: string,
  tenderId: string,
  rawKey: string,
): Promise<number> {
  const rows = await queryAll({
    TableName: table,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
    FilterExpression: 'intakeRawKey = :raw AND version = :one',
    ExpressionAttributeValues: {
      ':pk': keys.tenderPartition(org, tenderId),
      ':item': sortKeyPrefix.item,
      ':raw': rawKey,
      ':one': 1,
    },
    ProjectionExpression: 'PK, SK',
  });
  await batchWrite(
    table,
    rows.map((r) => ({ DeleteRequest: { Key: { PK: String(r.PK), SK: String(r.SK) } } })),
  );
  return rows.length;
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
