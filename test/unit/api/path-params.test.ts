import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineId } from '../../../functions/domain/deadlines/deadline-id.ts';
import { httpHandler, json } from '../../../functions/lib/http.ts';
import { newId, tenderIdFor } from '../../../functions/lib/ids.ts';
import { paramPatternsOf, pathParamPatterns } from '../../../functions/path-params.ts';
import { api, routes } from '../../../functions/routes.ts';
import { itemIdFor } from '../../../functions/store/checklist.ts';
import { publicDeadlineId } from '../../../functions/store/deadlines.ts';

describe('path parameter patterns', () => {
  it('declares a pattern for every parameter of every route', () => {
    for (const route of routes) expect(() => paramPatternsOf(route.path), route.path).not.toThrow();
    expect(Object.keys(paramPatternsOf('/tenders/{id}/checklist/{itemId}'))).toEqual(['id', 'itemId']);
  });

  it('accepts every id the system generates', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (ocid, ref) => {
        const tenderId = tenderIdFor(ocid);
        expect(tenderId).toMatch(pathParamPatterns.tenders as RegExp);
        expect(itemIdFor(ref)).toMatch(pathParamPatterns.checklist as RegExp);
        const dl = deadlineId(tenderId, 'submission', null, { type: 'tender', ref });
        expect(publicDeadlineId({ tenderId, deadlineId: dl })).toMatch(pathParamPatterns.deadlines as RegExp);
        expect(publicDeadlineId({ tenderId: null, deadlineId: dl })).toMatch(
          pathParamPatterns.deadlines as RegExp,
        );
      }),
    );
    expect(`e-${newId()}`).toMatch(pathParamPatterns.evidence as RegExp);
    for (const name of ['bid-policy', 'reminder-plan', 'webhook', 'working-calendar'])
      expect(name).toMatch(pathParamPatterns.settings as RegExp);
  });
});

const claims = { 'custom:org': 'acme', 'cognito:username': 'alice', 'cognito:groups': ['bid-manager'] };
const event = (over: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>) =>
  ({
    rawPath: '/x',
    headers: {},
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims, scopes: [] } } },
    ...over,
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

describe('httpHandler bounds (before the handler runs)', () => {
  let ran = 0;
  const tender = httpHandler(api('getTender', {}), async (req, input) => {
    ran++;
    return json(200, { id: input.path.id, h: req.header('if-match') ?? null });
  });
  const run = async (e: APIGatewayProxyEventV2WithJWTAuthorizer) => {
    const res = await tender(e, {} as Context);
    return { status: res.statusCode, body: JSON.parse(String(res.body)) };
  };

  it('answers 404 for an id of the wrong shape (2 KB, unicode, .., %2F) without running the handler', async () => {
    ran = 0;
    for (const id of ['x'.repeat(2048), 't-ünïcødé', '..', 't-%2F..%2F', `${tenderIdFor('a')}x`]) {
      const res = await run(event({ pathParameters: { id } }));
      expect(res.status, id.slice(0, 20)).toBe(404);
      expect(res.body.title).toBe('Not Found');
    }
    expect(ran).toBe(0);
    expect((await run(event({ pathParameters: { id: tenderIdFor('a') } }))).status).toBe(200);
    expect(ran).toBe(1);
  });

  it('answers 400 naming a too-long query parameter or header', async () => {
    const id = tenderIdFor('a');
    const q = await run(
      event({ pathParameters: { id }, queryStringParameters: { cursor: 'a'.repeat(5000) } }),
    );
    expect(q.status).toBe(400);
    expect(q.body.errors).toEqual([expect.objectContaining({ path: 'query:cursor' })]);
    const h = await run(event({ pathParameters: { id }, headers: { 'if-match': `"${'1'.repeat(5000)}"` } }));
    expect(h.status).toBe(400);
    expect(h.body.errors).toEqual([expect.objectContaining({ path: 'header:if-match' })]);
  });
});
