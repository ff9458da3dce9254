import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { keys } from '../functions/store/table-definition.ts';
import type { LocalStack } from '../infra/local/stack.ts';
import { compare, eventFor } from './reads.ts';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;

export interface ChecklistPage {
  handlerMs: number;
  rawMs: number;
  /** items in the handler's response (one Query, so at most what DynamoDB returned) */
  handlerItems: number;
  /** items in the raw Query's page: DynamoDB stops a page at 1 MB of data read, before Limit if need be */
  rawItems: number;
  /** whether each stopped early and handed back a cursor */
  handlerMore: boolean;
  rawMore: boolean;
  /** the handler's response body */
  responseBytes: number;
}

/**
 * The checklist page of DESIGN.md §8: the listChecklist handler (event in, response out, as Lambda
 * runs it) for `?limit=1000` against the raw Query on the same partition and endpoint — the same
 * key condition, live-items filter and Limit the handler sends, with the low-level client (no
 * unmarshalling), like the raw calls in reads.ts.
 */
export async function measureChecklistPage(
  stack: LocalStack,
  org: string,
  tenderId: string,
  n = 100,
): Promise<ChecklistPage> {
  const listChecklist = (await import('../functions/api/list-checklist.ts')).handler as unknown as Handler;
  const event = eventFor(org, `/tenders/${tenderId}/checklist`, { id: tenderId }, { limit: '1000' });
  const viaHandler = async () => {
    const res = await listChecklist(event, {});
    if (res.statusCode !== 200) throw new Error(`listChecklist answered ${res.statusCode}: ${res.body}`);
    return res;
  };
  const raw = new DynamoDBClient({ endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1' });
  const rawQuery = () =>
    raw.send(
      new QueryCommand({
        TableName: stack.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :item)',
        FilterExpression: 'archived = :false',
        ExpressionAttributeValues: {
          ':pk': { S: keys.tender(org, tenderId).PK },
          ':item': { S: 'ITEM#' },
          ':false': { BOOL: false },
        },
        Limit: 1000,
      }),
    );
  try {
    // a 1 MB page takes ~100 ms locally: 30 warm-up pairs warm the JITs as well as reads.ts's 300 small ones
    const [handlerMs, rawMs] = await compare(n, viaHandler, rawQuery, 30);
    const res = await viaHandler();
    const page = JSON.parse(res.body ?? '{}') as { items: unknown[]; nextCursor: string | null };
    const rawPage = await rawQuery();
    return {
      handlerMs,
      rawMs,
      handlerItems: page.items.length,
      rawItems: rawPage.Count ?? 0,
      handlerMore: page.nextCursor !== null,
      rawMore: rawPage.LastEvaluatedKey !== undefined,
      responseBytes: Buffer.byteLength(res.body ?? ''),
    };
  } finally {
    raw.destroy();
  }
}
