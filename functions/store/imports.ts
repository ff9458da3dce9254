import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { batchWrite } from './batch.ts';
import { decodeCursor } from './cursor.ts';
import { type Page, queryPage } from './query.ts';
import { isConditionFailure as isConditionalCheckFailure, rowMapper } from './rows.ts';
import { keys, sortKeyPrefix } from './table-definition.ts';

/**
 * An import: one POST /tenders/import, its progress (total, done, failed) and one result per
 * contracting process (ocid, tenderId, status, error). GET /imports/{id} reads it.
 */
export type ImportStatus = 'running' | 'succeeded' | 'partial' | 'failed';
export type ProcessStatus = 'pending' | 'ready' | 'unchanged' | 'failed';

export interface ImportRecord {
  id: string;
  status: ImportStatus;
  kind: string;
  /** `package`: the package-intake workflow fans out over the processes; `direct`: one tender-intake */
  mode: 'package' | 'direct';
  total: number;
  done: number;
  failed: number;
  warnings: { path: string; message: string }[];
  error?: { error: string; cause: string };
  createdAt: string;
  finishedAt?: string;
}

export interface ProcessResult {
  n: number;
  ocid: string;
  tenderId: string;
  status: ProcessStatus;
  error?: { error: string; cause: string };
  at?: string;
}

/** A condition did not hold: on a single write, or on one write of a transaction. */
const isConditionFailure = (e: unknown) =>
  isConditionalCheckFailure(e) || (e instanceof Error && e.name === 'TransactionCanceledException');

const toImport = rowMapper<ImportRecord>();
const toResult = rowMapper<ProcessResult>();

export async function createImport(
  table: string,
  org: string,
  i: {
    id: string;
    kind: string;
    mode: ImportRecord['mode'];
    total: number;
    warnings: ImportRecord['warnings'];
    now: string;
  },
): Promise<void> {
  const record: ImportRecord = {
    id: i.id,
    status: 'running',
    kind: i.kind,
    mode: i.mode,
    total: i.total,
    done: 0,
    failed: 0,
    warnings: i.warnings,
    createdAt: i.now,
  };
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.import(org, i.id), ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/** The processes of an import, as they start (pending) or are skipped as unchanged (counted done). Idempotent. */
export async function putResults(table: string, org: string, importId: string, results: ProcessResult[]) {
  await batchWrite(
    table,
    results.map((r) => ({ PutRequest: { Item: { ...keys.importResult(org, importId, r.n), ...r } } })),
  );
  const unchanged = results.filter((r) => r.status === 'unchanged').length;
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.import(org, importId),
      UpdateExpression: 'SET done = :unchanged',
      ExpressionAttributeValues: { ':unchanged': unchanged },
    }),
  );
}

/**
 * One process finished: its result and the import's counter, in one transaction; recording the
 * same process twice (a retried task) counts it once.
 */
export async function recordResult(
  table: string,
  org: string,
  importId: string,
  r: { n: number; status: 'ready' | 'failed'; error?: ProcessResult['error']; at: string },
): Promise<boolean> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.importResult(org, importId, r.n),
              ConditionExpression: '#status = :pending',
              UpdateExpression: `SET #status = :status, #at = :at${r.error ? ', #error = :error' : ''}`,
              ExpressionAttributeNames: {
                '#status': 'status',
                '#at': 'at',
                ...(r.error ? { '#error': 'error' } : {}),
              },
              ExpressionAttributeValues: {
                ':pending': 'pending' satisfies ProcessStatus,
                ':status': r.status,
                ':at': r.at,
                ...(r.error ? { ':error': r.error } : {}),
              },
            },
          },
          {
            Update: {
              TableName: table,
              Key: keys.import(org, importId),
              UpdateExpression: `ADD ${r.status === 'ready' ? 'done' : 'failed'} :one`,
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** The import is over: succeeded (every process ready or unchanged), partial, or failed (with why). */
export async function finishImport(
  table: string,
  org: string,
  importId: string,
  now: string,
  error?: { error: string; cause: string },
): Promise<ImportStatus> {
  const current = await getImport(table, org, importId);
  if (!current) throw new Error(`no import ${importId} in organisation ${org}`);
  const status: ImportStatus =
    error !== undefined || current.done === 0
      ? 'failed'
      : current.failed > 0 || current.done < current.total
        ? 'partial'
        : 'succeeded';
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.import(org, importId),
      UpdateExpression: `SET #status = :status, finishedAt = :now${error ? ', #error = :error' : ''}`,
      ExpressionAttributeNames: { '#status': 'status', ...(error ? { '#error': 'error' } : {}) },
      ExpressionAttributeValues: { ':status': status, ':now': now, ...(error ? { ':error': error } : {}) },
    }),
  );
  return status;
}

export async function getImport(
  table: string,
  org: string,
  importId: string,
): Promise<ImportRecord | undefined> {
  const res = await dynamo().send(new GetCommand({ TableName: table, Key: keys.import(org, importId) }));
  return res.Item ? toImport(res.Item) : undefined;
}

/** The per-process results, in document order, one Query per page. */
export async function listResults(
  table: string,
  org: string,
  importId: string,
  limit: number,
  cursor?: string,
): Promise<Page<ProcessResult>> {
  const { PK } = keys.import(org, importId);
  return queryPage(
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :result)',
      ExpressionAttributeValues: { ':pk': PK, ':result': sortKeyPrefix.importResult },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', PK),
    },
    toResult,
  );
}
