import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { keys, sortKeyPrefix } from '../functions/store/table-definition.ts';
import type { LocalStack } from '../infra/local/stack.ts';

/**
 * DynamoDB Local's own write floor for an intake: the tender's checklist items, read back raw, written
 * again under a scratch partition with raw BatchWriteItem calls of 25, 4 in flight (what
 * store/batch.ts does), no Lambda, no workflow, no parsing. The intake cannot be faster than this on the
 * same endpoint; the difference is what our code costs.
 */
export async function measureWriteFloor(stack: LocalStack, org: string, tenderId: string) {
  const table = stack.env.TABLE_NAME;
  if (!table) throw new Error('the local stack has no TABLE_NAME');
  const raw = new DynamoDBClient({ endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1' });
  try {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await raw.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
          ExpressionAttributeValues: {
            ':pk': { S: keys.tenderPartition(org, tenderId) },
            ':item': { S: sortKeyPrefix.item },
          },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const scratch = keys.tenderPartition(`${org}-floor`, `${tenderId}-${Date.now()}`);
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < items.length; i += 25)
      chunks.push(
        items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item: { ...Item, PK: { S: scratch } } } })),
      );
    const bytes = items.reduce((n, i) => n + JSON.stringify(i).length, 0);
    let calls = 0;
    const t0 = performance.now();
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        for (let pending: WriteRequest[] = chunk; pending.length > 0; ) {
          calls++;
          const res = await raw.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = res.UnprocessedItems?.[table] ?? [];
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const seconds = (performance.now() - t0) / 1000;
    return {
      items: items.length,
      averageItemBytes: Math.round(bytes / items.length),
      calls,
      seconds: +seconds.toFixed(2),
    };
  } finally {
    raw.destroy();
  }
}
