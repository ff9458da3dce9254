import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ROW_OUTCOMES } from '../domain/sheets/matrix.ts';
import { dynamo } from '../lib/clients/dynamodb.ts';
import type { Role } from '../lib/roles.ts';
import { batchWrite } from './batch.ts';
import { decodeCursor } from './cursor.ts';
import { type Page, queryPage } from './query.ts';
import { conditionally, rowMapper } from './rows.ts';
import { keys } from './table-definition.ts';

/**
 * A compliance-matrix upload (POST /tenders/{id}/compliance-matrix): its record (who sent which file
 * for which tender, its status and the counts of each page applied so far) and one result per row of
 * the file, sorted by outcome then row (`ROW#<outcome>#<row, 6 digits>`), so each kind of row is one
 * Query. A row's result is written exactly once: with the item's change in one transaction when it
 * applies, alone otherwise; a resumed run reads which rows of its page are already there and skips them.
 */
export type RowOutcomeKind = (typeof ROW_OUTCOMES)[number];
export type MatrixImportStatus = 'running' | 'succeeded' | 'failed';

export interface RowResult {
  row: number;
  itemId: string | null;
  /** the requirement's reference and text as people read them (the item's, else the file's cells) */
  reference: string;
  requirement: string;
  outcome: RowOutcomeKind;
  version?: number;
  changes?: { column: string; from: string; to: string }[];
  exportedVersion?: number;
  currentVersion?: number | null;
  conflicts?: { column: string; file: string; current: string }[];
  errors?: { column: string; message: string }[];
}

export interface OutcomeCounts {
  applied: number;
  unchanged: number;
  conflicts: number;
  invalid: number;
}

export interface MatrixImportRecord {
  importId: string;
  tenderId: string;
  fileName: string;
  sha256: string;
  /** `workflow`: the matrix-import workflow applies it; `inline`: the request did (a small file) */
  mode: 'workflow' | 'inline';
  status: MatrixImportStatus;
  /** who sent it: every row applies with this caller's permissions, audited as them */
  user: string;
  roles: Role[];
  /** the file as sent (workflow mode) */
  fileKey: string | null;
  /** rows of the file below the header (blank rows not counted); known once planned */
  total: number | null;
  /** plan pages (workflow mode): set once the plan is stored, never recomputed */
  pages: number | null;
  /** per applied page: its counts (a resumed page writes the same numbers again) */
  progress: Record<string, OutcomeCounts & { rows: number }>;
  /** some applied row moved a due date or a status: the tender's deadlines are counted again at the end */
  reschedule: boolean;
  error?: { error: string; cause: string };
  createdAt: string;
  finishedAt?: string;
}

const DAY = 24 * 60 * 60;
/** A running upload of the same file answers with its import for this long at most (a crashed request's lock lapses). */
const LOCK_SECONDS = { inline: 120, workflow: DAY };
/** Results are kept 90 days (TTL), long enough to read them back; the audit trail keeps the changes for good. */
const KEEP_SECONDS = 90 * DAY;

const toRecord = rowMapper<MatrixImportRecord>('expiresAt');
const toRow = rowMapper<RowResult>('expiresAt');
const rowKey = (org: string, importId: string, outcome: RowOutcomeKind, row: number) => ({
  PK: keys.matrixImport(org, importId).PK,
  SK: `ROW#${outcome}#${String(row).padStart(6, '0')}`,
});
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Claim the upload of these bytes for this tender: one import at a time per file. Returns null when
 * claimed, else the import already running for the same file (a retry, a double click).
 */
export async function claimUpload(
  table: string,
  org: string,
  u: { tenderId: string; sha256: string; importId: string; mode: MatrixImportRecord['mode']; now: Date },
): Promise<string | null> {
  const key = keys.matrixUploadLock(org, u.tenderId, u.sha256);
  const claimed = await conditionally(() =>
    dynamo().send(
      new PutCommand({
        TableName: table,
        Item: {
          ...key,
          importId: u.importId,
          state: 'running',
          staleAt: epoch(u.now) + LOCK_SECONDS[u.mode],
          expiresAt: epoch(u.now) + DAY,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR #state = :done OR staleAt < :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': 'done', ':now': epoch(u.now) },
      }),
    ),
  );
  if (claimed) return null;
  const res = await dynamo().send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return typeof res.Item?.importId === 'string' ? res.Item.importId : null;
}

/** The upload of this file is over: the next upload of the same bytes is a new import. */
export async function releaseUpload(
  table: string,
  org: string,
  r: { tenderId: string; sha256: string; importId: string },
): Promise<void> {
  await conditionally(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: table,
        Key: keys.matrixUploadLock(org, r.tenderId, r.sha256),
        UpdateExpression: 'SET #state = :done',
        ConditionExpression: 'importId = :id',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':done': 'done', ':id': r.importId },
      }),
    ),
  );
}

export async function createMatrixImport(
  table: string,
  org: string,
  r: Omit<MatrixImportRecord, 'status' | 'progress' | 'reschedule' | 'pages'>,
  now: Date,
): Promise<MatrixImportRecord> {
  const record: MatrixImportRecord = {
    ...r,
    status: 'running',
    pages: null,
    progress: {},
    reschedule: false,
  };
  await dynamo().send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.matrixImport(org, r.importId), ...record, expiresAt: epoch(now) + KEEP_SECONDS },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return record;
}

export async function getMatrixImport(
  table: string,
  org: string,
  importId: string,
): Promise<MatrixImportRecord | undefined> {
  const res = await dynamo().send(
    new GetCommand({ TableName: table, Key: keys.matrixImport(org, importId), ConsistentRead: true }),
  );
  return res.Item ? toRecord(res.Item) : undefined;
}

/** The plan is stored (total rows, pages): from now on it is read, never recomputed. */
export async function setPlanned(table: string, org: string, importId: string, total: number, pages: number) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.matrixImport(org, importId),
      UpdateExpression: 'SET #total = :total, pages = :pages',
      ExpressionAttributeNames: { '#total': 'total' },
      ExpressionAttributeValues: { ':total': total, ':pages': pages },
    }),
  );
}

/** A page applied: its counts (SET, so a page run twice counts once) and whether deadlines must follow. */
export async function recordPage(
  table: string,
  org: string,
  importId: string,
  page: number,
  counts: OutcomeCounts & { rows: number },
  reschedule: boolean,
) {
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.matrixImport(org, importId),
      UpdateExpression: `SET progress.#page = :counts${reschedule ? ', reschedule = :true' : ''}`,
      ExpressionAttributeNames: { '#page': String(page) },
      ExpressionAttributeValues: { ':counts': counts, ...(reschedule ? { ':true': true } : {}) },
    }),
  );
}

export async function finishMatrixImport(
  table: string,
  org: string,
  importId: string,
  now: string,
  error?: { error: string; cause: string },
): Promise<MatrixImportStatus> {
  const status: MatrixImportStatus = error ? 'failed' : 'succeeded';
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: keys.matrixImport(org, importId),
      UpdateExpression: `SET #status = :status, finishedAt = :now${error ? ', #error = :error' : ''}`,
      ExpressionAttributeNames: { '#status': 'status', ...(error ? { '#error': 'error' } : {}) },
      ExpressionAttributeValues: { ':status': status, ':now': now, ...(error ? { ':error': error } : {}) },
    }),
  );
  return status;
}

/** The counts so far: the sum of the pages applied. */
export function countsOf(record: Pick<MatrixImportRecord, 'progress'>): OutcomeCounts & { done: number } {
  const sum = { applied: 0, unchanged: 0, conflicts: 0, invalid: 0, done: 0 };
  for (const p of Object.values(record.progress)) {
    sum.applied += p.applied;
    sum.unchanged += p.unchanged;
    sum.conflicts += p.conflicts;
    sum.invalid += p.invalid;
    sum.done += p.rows;
  }
  return sum;
}

/** The put of one row's result (alone, or in the transaction that applies the row's change). */
export const rowResultPut = (table: string, org: string, importId: string, r: RowResult, now: Date) => ({
  TableName: table,
  Item: { ...rowKey(org, importId, r.outcome, r.row), ...r, expiresAt: epoch(now) + KEEP_SECONDS },
});

/** Results that apply nothing (unchanged, conflict, invalid): written together, idempotently. */
export async function putRowResults(
  table: string,
  org: string,
  importId: string,
  results: RowResult[],
  now: Date,
): Promise<void> {
  await batchWrite(
    table,
    results.map((r) => ({ PutRequest: { Item: rowResultPut(table, org, importId, r, now).Item } })),
  );
}

/** The results already written for rows `from`…`to` (a resumed page skips them), whatever their outcome. */
export async function rowResultsBetween(
  table: string,
  org: string,
  importId: string,
  from: number,
  to: number,
): Promise<RowResult[]> {
  const pages = await Promise.all(
    ROW_OUTCOMES.map(async (outcome) => {
      const out: RowResult[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await dynamo().send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': keys.matrixImport(org, importId).PK,
              ':from': rowKey(org, importId, outcome, from).SK,
              ':to': rowKey(org, importId, outcome, to).SK,
            },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(res.Items ?? []).map(toRow));
        start = res.LastEvaluatedKey;
      } while (start);
      return out;
    }),
  );
  return pages.flat();
}

/** One page of the row results: of one outcome in row order, or every row (grouped by outcome). */
export function listRowResults(
  table: string,
  org: string,
  importId: string,
  outcome: RowOutcomeKind | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<RowResult>> {
  const { PK } = keys.matrixImport(org, importId);
  return queryPage(
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': outcome ? `ROW#${outcome}#` : 'ROW#' },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, 'PK', PK),
    },
    toRow,
  );
}
