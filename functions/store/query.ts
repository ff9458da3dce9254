import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { encodeCursor } from './cursor.ts';

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
