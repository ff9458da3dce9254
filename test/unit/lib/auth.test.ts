import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { authorize, callerFrom, parseGroups } from '../../../functions/lib/auth.ts';
import { HttpError } from '../../../functions/lib/errors.ts';
import type { Route } from '../../../functions/lib/route.ts';

const eventWith = (claims?: Record<string, unknown>) =>
  ({
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const statusOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof HttpError) return e.status;
    throw e;
  }
  return 200;
};

describe('callerFrom', () => {
  it('reads org, user and roles from Cognito-style claims', () => {
    expect(
      callerFrom(
        eventWith({
          'custom:org': 'acme',
          'cognito:username': 'alice',
          'cognito:groups': ['bid-manager', 'unknown-group'],
        }),
      ),
    ).toEqual({ org: 'acme', user: 'alice', roles: ['bid-manager'] });
  });

  it("accepts API Gateway's flattened array claim", () => {
    expect(parseGroups('[admin reviewer]')).toEqual(['admin', 'reviewer']);
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('reads no group from any other shape of the groups claim', () => {
    for (const claim of ['admin', 'admin reviewer', '[admin  reviewer]', 'admin]', [1, 'admin'], 7])
      expect(parseGroups(claim), JSON.stringify(claim)).toEqual([]);
    expect(
      callerFrom(eventWith({ 'custom:org': 'acme', 'cognito:username': 'a', 'cognito:groups': 'admin' }))
        .roles,
    ).toEqual([]);
    // a comma may be part of a Cognito group name: one group, which is no role
    expect(parseGroups('[admin,reviewer]')).toEqual(['admin,reviewer']);
  });

  it('refuses a request without claims (401) and a token without a usable org (403)', () => {
    expect(statusOf(() => callerFrom(eventWith()))).toBe(401);
    expect(statusOf(() => callerFrom(eventWith({ 'cognito:username': 'alice' })))).toBe(403);
    expect(
      statusOf(() => callerFrom(eventWith({ 'custom:org': 'ACME#1', 'cognito:username': 'alice' }))),
    ).toBe(403);
  });
});

describe('authorize', () => {
  it('lets a role named by the route through and stops others with 403', () => {
    const managed: Route = { method: 'POST', path: '/things', fn: 'things', auth: ['admin', 'bid-manager'] };
    const open: Route = { method: 'GET', path: '/status', fn: 'status', auth: 'public' };
    expect(statusOf(() => authorize({ org: 'a', user: 'u', roles: ['bid-manager'] }, managed))).toBe(200);
    expect(statusOf(() => authorize({ org: 'a', user: 'u', roles: ['viewer'] }, managed))).toBe(403);
    expect(statusOf(() => authorize({ org: 'a', user: 'u', roles: [] }, open))).toBe(200);
  });
});
