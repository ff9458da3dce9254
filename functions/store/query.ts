import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** Every page of a Query (for reads that need all of a partition: a tender's items, deadlines, reminders). */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One page of a Query (one call, never a Scan) with its opaque cursor. */
export async function queryPage<T>(
  input: QueryCommandInput,
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const res = await dynamo().send(new QueryCommand(input));
  return { items: (res.Items ?? []).map(toItem), nextCursor: encodeCursor(res.LastEvaluatedKey) };
}

/**
 * One page of an organisation's list on GSI1 (GSI1PK = `list`), newest first, with optional equality
 * filters on `status` and `client` applied within the page (custom-development requests, pilots).
 */
export function queryOrgListPage<T>(
  table: string,
  list: string,
  opts: { status?: string; client?: string; limit: number; cursor?: string },
  toItem: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const filters = [
    ...(opts.status ? ['#status = :status'] : []),
    ...(opts.client ? ['client = :client'] : []),
  ];
  return queryPage(
    {
      TableName: table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :list',
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(opts.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':list': list,
        ...(opts.status ? { ':status': opts.status } : {}),
        ...(opts.client ? { ':client': opts.client } : {}),
      },
      ScanIndexForward: false,
      Limit: opts.limit,
      ExclusiveStartKey: decodeCursor(opts.cursor, 'GSI1PK', list),
    },
    toItem,
  );
}
