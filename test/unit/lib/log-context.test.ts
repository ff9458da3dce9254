import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { type Api, httpHandler, json } from '../../../functions/lib/http.ts';
import { log } from '../../../functions/lib/log.ts';
import { taskHandler } from '../../../functions/lib/task.ts';

/** Error lines are always written (console.error), so they can be read back whatever TENDERFLOW_QUIET says. */
const captured = () => {
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null) lines.push({ ...parsed });
  });
  return lines;
};
afterEach(() => vi.restoreAllMocks());

const items: Api = {
  fn: 'items',
  routes: [{ method: 'GET', path: '/items/{id}', fn: 'items', auth: ['viewer'] }],
  params: { id: /^[a-z]+$/ },
  request: {},
};
const event = (org: string, requestId: string) =>
  ({
    rawPath: '/items/abc',
    routeKey: 'GET /items/{id}',
    headers: {},
    pathParameters: { id: 'abc' },
    isBase64Encoded: false,
    requestContext: {
      requestId,
      authorizer: {
        jwt: {
          claims: { 'custom:org': org, 'cognito:username': 'u', 'cognito:groups': ['viewer'] },
          scopes: [],
        },
      },
    },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('log context', () => {
  it('every line of an API request carries its request id, route and org, also for concurrent requests', async () => {
    const lines = captured();
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handler = httpHandler(items, async (_req, input) => {
      log.error('before the gate', { id: input.path.id });
      await gate;
      log.error('after the gate');
      return json(200, {});
    });
    const a = handler(event('acme', 'req-a'), {} as Context);
    const b = handler(event('globex', 'req-b'), {} as Context);
    release();
    await Promise.all([a, b]);
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.route).toBe('GET /items/{id}');
      expect(line.org).toBe(line.requestId === 'req-a' ? 'acme' : 'globex');
    }
    expect(lines.filter((l) => l.requestId === 'req-b' && l.message === 'after the gate')).toHaveLength(1);
  });

  it('a task line carries the task, the Lambda request id and the org of its input', async () => {
    const lines = captured();
    const task = taskHandler('persistThing', z.object({ org: z.string() }), async () => {
      log.error('working');
      return 'done';
    });
    await task({ org: 'acme' }, { awsRequestId: 'lambda-1' });
    expect(lines).toEqual([
      expect.objectContaining({ task: 'persistThing', requestId: 'lambda-1', org: 'acme' }),
    ]);
  });

  it('a line outside any invocation carries no context', () => {
    const lines = captured();
    log.error('at cold start');
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[0]).not.toHaveProperty('org');
  });
});
