import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { keys } from '../functions/store/table-definition.ts';
import { mintToken } from '../infra/local/keys.ts';
import type { LocalStack } from '../infra/local/stack.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Median latency of `a` and `b`, interleaved call by call so both see the same warm-up of DynamoDB
 * Local's JVM, the same GC and the same machine load.
 */
export async function compare(
  n: number,
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  warmup = 300,
): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) await Promise.all([a(), b()]); // warm-up: connections, both JITs
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [f, t] of i % 2
      ? ([
          [a, ta],
          [b, tb],
        ] as const)
      : ([
          [b, tb],
          [a, ta],
        ] as const)) {
      const s = performance.now();
      await f();
      t.push(performance.now() - s);
    }
  }
  return [median(ta), median(tb)];
}

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;

export const eventFor = (
  org: string,
  path: string,
  pathParameters?: Record<string, string>,
  query?: Record<string, string>,
) => ({
  version: '2.0',
  rawPath: path,
  rawQueryString: '',
  headers: {},
  pathParameters,
  queryStringParameters: query,
  isBase64Encoded: false,
  requestContext: {
    http: { method: 'GET', path },
    authorizer: {
      jwt: {
        claims: { 'custom:org': org, 'cognito:username': 'bench', 'cognito:groups': ['viewer'] },
        scopes: [],
      },
    },
  },
});

/**
 * API reads against raw calls on the same DynamoDB Local. The budget (DESIGN.md §8) is on the
 * handler as Lambda runs it (event in, response out); the figure through the local gateway (HTTP +
 * JWT verification + handler) is shown too — API Gateway does that part in AWS.
 */
export async function measureReads(stack: LocalStack, org: string, tenderId: string, n = 300) {
  const token = await mintToken(stack.dataDir, { org, user: 'bench', roles: ['viewer'] });
  const headers = { authorization: `Bearer ${token}` };
  const getTender = (await import('../functions/api/get-tender.ts')).handler as unknown as Handler;
  const listTenders = (await import('../functions/api/list-tenders.ts')).handler as unknown as Handler;
  const expect200 = (r: { statusCode?: number }) => {
    if (r.statusCode !== 200) throw new Error(`handler answered ${r.statusCode}`);
  };
  const raw = new DynamoDBClient({ endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'us-east-1' });
  const key = keys.tender(org, tenderId);
  const rawGet = () =>
    raw.send(
      new GetItemCommand({ TableName: stack.env.TABLE_NAME, Key: { PK: { S: key.PK }, SK: { S: key.SK } } }),
    );
  const rawQuery = () =>
    raw.send(
      new QueryCommand({
        TableName: stack.env.TABLE_NAME,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': { S: keys.tendersOfOrg(org) } },
        ScanIndexForward: false,
        Limit: 25,
      }),
    );
  const viaGateway = (path: string) => async () => {
    const res = await fetch(`${stack.apiUrl}${path}`, { headers });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  const [handlerGet, rawGetMs] = await compare(
    n,
    async () => expect200(await getTender(eventFor(org, `/tenders/${tenderId}`, { id: tenderId }), {})),
    rawGet,
  );
  const [handlerList, rawQueryMs] = await compare(
    n,
    async () => expect200(await listTenders(eventFor(org, '/tenders', undefined, { limit: '25' }), {})),
    rawQuery,
  );
  const [apiGet, rawGet2] = await compare(n, viaGateway(`/tenders/${tenderId}`), rawGet);
  const [apiList, rawQuery2] = await compare(n, viaGateway('/tenders?limit=25'), rawQuery);
  raw.destroy();
  return {
    handlerGet,
    rawGet: rawGetMs,
    handlerList,
    rawQuery: rawQueryMs,
    apiGet,
    rawGet2,
    apiList,
    rawQuery2,
  };
}
