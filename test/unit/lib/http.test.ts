import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type Api, httpHandler, json, MAX_JSON_DEPTH, nestingDepth } from '../../../functions/lib/http.ts';

/** A generic route of its own: the middleware is tested without borrowing one from the route table. */
const things: Api = {
  fn: 'things',
  routes: [{ method: 'POST', path: '/things', fn: 'things', auth: ['bid-manager'] }],
  params: {},
  request: {},
};

const claims = { 'custom:org': 'acme', 'cognito:username': 'alice', 'cognito:groups': ['bid-manager'] };
const event = (
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  ({
    rawPath: '/things',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims, scopes: [] } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const echo = httpHandler(things, async (req) => json(200, { got: req.json() }), { maxBodyBytes: 64 });
const run = async (e: APIGatewayProxyEventV2WithJWTAuthorizer) => {
  const res = await echo(e, {} as Context);
  return { status: res.statusCode, type: res.headers?.['content-type'], body: JSON.parse(String(res.body)) };
};

describe('httpHandler', () => {
  it('parses a JSON body and answers JSON', async () => {
    expect(await run(event('{"a":1}'))).toEqual({
      status: 200,
      type: 'application/json',
      body: { got: { a: 1 } },
    });
  });

  it('answers problem+json naming the problem: 415, 413, 400', async () => {
    const wrongType = await run(event('{"a":1}', { 'content-type': 'text/plain' }));
    expect(wrongType).toMatchObject({ status: 415, type: 'application/problem+json' });
    expect(wrongType.body.detail).toContain('text/plain');

    const tooLarge = await run(event(JSON.stringify({ pad: 'x'.repeat(100) })));
    expect(tooLarge).toMatchObject({ status: 413, body: { title: 'Content Too Large' } });

    const broken = await run(event('{"a":'));
    expect(broken).toMatchObject({ status: 400, body: { detail: 'the body is not valid JSON' } });
    expect(broken.body.errors[0].path).toBe('');
  });

  it('hides the message of an unexpected error behind a plain 500', async () => {
    const crash = httpHandler(things, async () => {
      throw new Error('secret table name leaked');
    });
    const res = await crash(event('{}'), {} as Context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });
});

describe('httpHandler last line for service input errors', () => {
  const failWith = (error: Error) =>
    httpHandler(things, async () => {
      throw error;
    });
  const named = (name: string, status: number) =>
    Object.assign(new Error('One or more parameter values were invalid: key too large'), {
      name,
      $metadata: { httpStatusCode: status },
    });

  it('answers a DynamoDB ValidationException (a real client error, injected) as 400 without its message', async () => {
    const res = await failWith(named('ValidationException', 400))(event('{}'), {} as Context);
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.body).not.toContain('parameter values');
  });

  it('keeps other service errors a 500', async () => {
    const res = await failWith(named('InternalServerError', 500))(event('{}'), {} as Context);
    expect(res.statusCode).toBe(500);
  });
});

describe('httpHandler nesting bound', () => {
  it('answers 400 for a body nested deeper than MAX_JSON_DEPTH, and reads one at the limit', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const big = httpHandler(things, async (req) => json(200, { ok: req.json() !== undefined }));
    const run = async (body: string) =>
      (await big(event(body), {} as Context)) as { statusCode: number; body: string };
    const tooDeep = await run(deep(10_000));
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.body).toContain('nested too deeply');
    expect((await run(deep(MAX_JSON_DEPTH))).statusCode).toBe(200);
    // brackets inside strings do not count
    expect(nestingDepth(JSON.stringify({ a: '[[[[{{{{\\"[[' }))).toBe(1);
  });
});
