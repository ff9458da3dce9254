import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../lib/clients/dynamodb.ts';
import { TransientError } from '../lib/errors.ts';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const BATCH = 25;
const PARALLEL = 4;
const MAX_ATTEMPTS = 8;

/**
 * Write many items with BatchWriteItem: 25 per call, 4 calls in flight, unprocessed items retried
 * with exponential backoff. Returns the number of calls made (for the intake bench).
 */
export async function batchWrite(table: string, requests: WriteRequest[]): Promise<number> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH) chunks.push(requests.slice(i, i + BATCH));
  let calls = 0;
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new TransientError(
            `${pending.length} writes still unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        if (attempt > 0)
          await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt) * Math.random()));
        calls++;
        const res = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = res.UnprocessedItems?.[table] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, chunks.length) }, worker));
  return calls;
}

/** Run the tasks with at most `limit` in flight; returns how many ran. */
export async function inParallel(tasks: (() => Promise<unknown>)[], limit: number): Promise<number> {
  const queue = [...tasks];
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  return tasks.length;
}
