import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { NormalizedTender, TenderStatus, TenderView } from '../domain/tender.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { decodeCursor } from './cursor.ts';
import { type Page, queryPage } from './query.ts';
import { isConditionFailure, rowMapper, setFields } from './rows.ts';
import { keys } from './table-definition.ts';

/** The tender item: its key, GSI1 for the org's list, and the fields of TenderView. */
const toView = rowMapper<TenderView>('rawKey', 'readyRawKey', 'failedRawKey', 'normalizedKey', 'org');

/**
 * Start (or restart) the intake of a tender: create it as `importing`, or, when the ocid was
 * imported before, mark it `importing` again and remember the new raw document. Returns its version.
 * A tender that was ready once keeps `readyRawKey` (its last good document): a failed re-import
 * returns it to `ready` (see failIntake), never to `intake-failed`.
 */
export async function beginIntake(
  table: string,
  org: string,
  t: { tenderId: string; ocid: string; rawKey: string; now: string },
): Promise<number> {
  const res = await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.tender(org, t.tenderId),
      UpdateExpression:
        'SET #id = :id, ocid = :ocid, #status = :importing, rawKey = :raw, updatedAt = :now, ' +
        'createdAt = if_not_exists(createdAt, :now), GSI1PK = :list, GSI1SK = if_not_exists(GSI1SK, :sort), ' +
        'lastImport = :last, version = if_not_exists(version, :zero) + :one REMOVE intakeError, failedRawKey',
      ExpressionAttributeNames: { '#id': 'id', '#status': 'status' },
      ExpressionAttributeValues: {
        ':last': { status: 'importing', at: t.now },
        ':id': t.tenderId,
        ':ocid': t.ocid,
        ':importing': 'importing' satisfies TenderStatus,
        ':raw': t.rawKey,
        ':now': t.now,
        ':list': keys.tendersOfOrg(org),
        ':sort': `${t.now}#${t.tenderId}`,
        ':zero': 0,
        ':one': 1,
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(res.Attributes?.version);
}

/** Write the normalised fields (the status stays `importing` until its deadlines are scheduled). Idempotent. */
export async function completeIntake(
  table: string,
  org: string,
  tenderId: string,
  tender: NormalizedTender & {
    normalizedKey?: string;
    clipped?: string[];
    checklist?: Record<string, unknown>;
  },
  now: string,
) {
  const { status: procurementStatus, ...fields } = tender;
  const values: Record<string, unknown> = { ...fields, procurementStatus };
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.tender(org, tenderId),
      ConditionExpression: 'attribute_exists(PK)',
      ...setFields({ ...values, updatedAt: now }),
    }),
  );
}

/**
 * Intake failed. A tender that was ready before (a failed re-import) stays `ready` with its last good
 * document, the failure shown beside it in `lastImport`; only a tender never ready becomes
 * `intake-failed` with the reason. Missing tender: nothing to mark.
 *
 * With `rawKey` (the document the failed execution imported), the failed document is remembered
 * (`failedRawKey`) so a checklist write of that intake still running (a task that timed out) stops and
 * removes what it wrote (intakeVerdict). Returns whether this call marked it.
 */
export async function failIntake(
  table: string,
  org: string,
  tenderId: string,
  reason: { error: string; cause: string },
  now: string,
  rawKey?: string,
): Promise<boolean> {
  const last = { status: 'failed', at: now, ...reason };
  const remember = rawKey ? ', failedRawKey = :mine' : '';
  const update = (ready: boolean) =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.tender(org, tenderId),
        ConditionExpression: ready
          ? 'attribute_exists(PK) AND attribute_exists(readyRawKey)'
          : 'attribute_exists(PK) AND attribute_not_exists(readyRawKey)',
        UpdateExpression: ready
          ? `SET #status = :ready, rawKey = readyRawKey, lastImport = :last, updatedAt = :now, version = version + :one${remember}`
          : `SET #status = :failed, intakeError = :reason, lastImport = :last, updatedAt = :now, version = version + :one${remember}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ...(ready
            ? { ':ready': 'ready' satisfies TenderStatus }
            : { ':failed': 'intake-failed' satisfies TenderStatus, ':reason': reason }),
          ':last': last,
          ':now': now,
          ':one': 1,
          ...(rawKey ? { ':mine': rawKey } : {}),
        },
      }),
    );
  for (const ready of [true, false]) {
    try {
      await update(ready);
      return true;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
    }
  }
  return false;
}

/**
 * Is the intake of `rawKey` still the tender's current one? `current`: it is importing that document;
 * `failed`: that intake was marked failed (its items are being removed); `superseded`: anything else (a
 * newer intake began, or it finished). Read by a long checklist write between its chunks.
 */
export async function intakeVerdict(
  table: string,
  org: string,
  tenderId: string,
  rawKey: string,
): Promise<'current' | 'failed' | 'superseded'> {
  const res = await dynamo().send(
    new GetCommand({
      TableName: table,
      Key: keys.tender(org, tenderId),
      ProjectionExpression: '#status, rawKey, readyRawKey, failedRawKey',
      ExpressionAttributeNames: { '#status': 'status' },
      ConsistentRead: true,
    }),
  );
  const t = res.Item;
  if (!t) return 'failed';
  if (t.status === 'importing' && t.rawKey === rawKey) return 'current';
  if (t.failedRawKey === rawKey && t.readyRawKey !== rawKey) return 'failed';
  return 'superseded';
}

/** The documents of a tender's intakes: the one last begun and the last that made it ready (none: never ready). */
export async function intakeDocuments(
  table: string,
  org: string,
  tenderId: string,
): Promise<{ rawKey?: string; readyRawKey?: string } | undefined> {
  const res = await dynamo().send(
    new GetCommand({
      TableName: table,
      Key: keys.tender(org, tenderId),
      ProjectionExpression: 'rawKey, readyRawKey',
      ConsistentRead: true,
    }),
  );
  return res.Item as { rawKey?: string; readyRawKey?: string } | undefined;
}

/** Intake finished (checklist, fields and deadlines written): the tender is ready. Idempotent. */
export async function markReady(table: string, org: string, tenderId: string, now: string) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.tender(org, tenderId),
      ConditionExpression: 'attribute_exists(PK)',
      UpdateExpression:
        'SET #status = :ready, readyRawKey = rawKey, lastImport = :last, updatedAt = :now, version = version + :one REMOVE intakeError',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':ready': 'ready' satisfies TenderStatus,
        ':last': { status: 'ready', at: now },
        ':now': now,
        ':one': 1,
      },
    }),
  );
}

/** The raw document a tender was last imported from, and its status (for "same document again?"). */
export async function getIntakeState(
  table: string,
  org: string,
  tenderId: string,
): Promise<{ status: string; rawKey: string } | undefined> {
  const res = await dynamo().send(
    new GetCommand({
      TableName: table,
      Key: keys.tender(org, tenderId),
      ProjectionExpression: '#status, rawKey',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  return res.Item ? { status: String(res.Item.status), rawKey: String(res.Item.rawKey) } : undefined;
}

/** getIntakeState for many tenders: BatchGetItem, 100 keys a call, unprocessed keys retried. */
export async function getIntakeStates(
  table: string,
  org: string,
  tenderIds: string[],
): Promise<Map<string, { status: string; rawKey: string }>> {
  const out = new Map<string, { status: string; rawKey: string }>();
  for (let i = 0; i < tenderIds.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = tenderIds
      .slice(i, i + 100)
      .map((id) => keys.tender(org, id));
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const res: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ProjectionExpression: 'id, #status, rawKey',
              ExpressionAttributeNames: { '#status': 'status' },
            },
          },
        }),
      );
      for (const item of res.Responses?.[table] ?? [])
        out.set(String(item.id), { status: String(item.status), rawKey: String(item.rawKey) });
      pending = res.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return out;
}

/** Does the organisation have this tender? (Reads only the key.) */
export async function tenderExists(table: string, org: string, tenderId: string): Promise<boolean> {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.tender(org, tenderId), ProjectionExpression: 'PK' }),
  );
  return res.Item !== undefined;
}

export async function getTender(
  table: string,
  org: string,
  tenderId: string,
): Promise<TenderView | undefined> {
  const res = await dynamo().send(new GetCommand({ TableName: table, Key: keys.tender(org, tenderId) }));
  return res.Item ? toView(res.Item) : undefined;
}

/** The org's tenders, newest first, one Query per page; the cursor is opaque and bound to the org. */
export async function listTenders(
  table: string,
  org: string,
  limit: number,
  cursor?: string,
): Promise<Page<TenderView>> {
  const list = keys.tendersOfOrg(org);
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :list',
      ExpressionAttributeValues: { ':list': list },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'GSI1PK', list),
    },
    toView,
  );
}
