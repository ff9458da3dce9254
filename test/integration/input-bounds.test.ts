import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { importJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/lib/clients/dynamodb.ts';
import { tenderIdFor } from '../../functions/lib/ids.ts';
import { routes } from '../../functions/routes.ts';
import { keys } from '../../functions/store/table-definition.ts';
import { localIssuer } from '../../infra/local/keys.ts';
import { call, stack, tokenFor } from '../support/api.ts';

const ORG = 'bounds';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const settingOf = async (name: string) =>
  (await dynamo().send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: keys.setting(ORG, name) })))
    .Item;

describe('input bounds: 4xx, never 5xx', () => {
  it('an id of 2 KB on every route with a path parameter is a 404 problem', async () => {
    const token = await tokenFor(ORG, ['admin']);
    const long = 'a'.repeat(2048);
    const withParams = routes.filter((r) => r.path.includes('{'));
    expect(withParams.length).toBeGreaterThanOrEqual(11);
    for (const route of withParams) {
      const path = route.path.replace(/\{\w+\}/g, long);
      const res = await call(route.method, path, {
        token,
        ...(route.method === 'GET' ? {} : { body: '{}' }),
        headers: { 'if-match': '"1"' },
      });
      expect(res.status, `${route.method} ${route.path}`).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it("a cursor in the caller's own partition with the wrong key shape is a 400 naming query:cursor", async () => {
    const token = await tokenFor(ORG, ['admin']);
    const tender = tenderIdFor('ocds-bounds-1');
    const tenderPk = keys.tender(ORG, tender).PK;
    const lists: [string, Record<string, string>][] = [
      ['/tenders', { GSI1PK: keys.tendersOfOrg(ORG) }],
      ['/evidence', { GSI1PK: keys.evidenceOfOrg(ORG), GSI1SK: 'x' }],
      ['/deadlines', { PK: 'x', SK: 'y', GSI1PK: keys.deadlinesOfOrg(ORG), GSI1SK: 'z'.repeat(3000) }],
      ['/alerts', { GSI1PK: keys.alertsOfOrg(ORG), PK: 'ORG#bounds#A', SK: 'A', GSI1SK: 'a', extra: 'b' }],
      [`/tenders/${tender}/checklist`, { PK: tenderPk, SK: 'NOT-AN-ITEM' }],
      [`/tenders/${tender}/changes`, { PK: tenderPk }],
      [`/tenders/${tender}/audit`, { PK: keys.auditTrail(ORG, { tender }), SK: 7 as unknown as string }],
    ];
    for (const [path, key] of lists) {
      const res = await call('GET', `${path}?cursor=${b64(key)}`, { token });
      expect(res.status, path).toBe(400);
      expect(
        res.json.errors?.map((e) => e.path),
        path,
      ).toContain('query:cursor');
    }
  });

  it('the bid policy refuses 10k-deep JSON and unknown fields (400 naming them), and stores nothing', async () => {
    const token = await tokenFor(ORG, ['admin']);
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const tooDeep = await call('PUT', '/settings/bid-policy', {
      token,
      body: deep,
      headers: { 'if-match': '"0"' },
    });
    expect(tooDeep.status).toBe(400);
    const unknown = await call('PUT', '/settings/bid-policy', {
      token,
      body: JSON.stringify({
        bidAt: 70,
        bidAT: 80,
        weights: { coverage: 35, time: 25, value: 15, securities: 15, risk: 10, luck: 1 },
      }),
      headers: { 'if-match': '"0"' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors?.map((e) => e.path).sort()).toEqual(['bidAT', 'weights.luck']);
    expect(await settingOf('bid-policy')).toBeUndefined();
    const ok = await call('PUT', '/settings/bid-policy', {
      token,
      body: JSON.stringify({ bidAt: 70 }),
      headers: { 'if-match': '"0"' },
    });
    expect(ok.status).toBe(200);
    expect(await settingOf('bid-policy')).toBeDefined();
  });

  it('a cursor outside the query range, which only DynamoDB itself catches, is a 400 (the last line), not a 500', async () => {
    const token = await tokenFor(ORG, ['admin']);
    const key = {
      PK: `ORG#${ORG}#ALERT#a`,
      SK: 'ALERT',
      GSI1PK: keys.alertsOfOrg(ORG),
      GSI1SK: '2020-01-01T00:00:00.000Z#a',
    };
    const res = await call('GET', `/alerts?since=2030-01-01T00:00:00Z&cursor=${b64(key)}`, { token });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('an If-Match version too large for a number is a 400, not a DynamoDB error', async () => {
    const token = await tokenFor(ORG, ['admin']);
    const res = await call('PUT', '/settings/reminder-plan', {
      token,
      body: '{}',
      headers: { 'if-match': `"${'9'.repeat(500)}"` },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.path).toBe('header:If-Match');
  });
});

describe('tokens', () => {
  const signed = async (claims: Record<string, unknown>, exp: boolean) => {
    const jwk: JWK = JSON.parse(readFileSync(join(stack().dataDir, 'keys', 'private.jwk.json'), 'utf8'));
    const jwt = new SignJWT({ 'custom:org': ORG, 'cognito:username': 'mallory', ...claims })
      .setProtectedHeader({ alg: localIssuer.alg })
      .setIssuer(localIssuer.issuer)
      .setAudience(localIssuer.audience)
      .setIssuedAt();
    if (exp) jwt.setExpirationTime('5m');
    return jwt.sign(await importJWK(jwk, localIssuer.alg));
  };

  it('a validly signed token without exp is a 401', async () => {
    const res = await call('GET', '/tenders', {
      token: await signed({ 'cognito:groups': ['admin'] }, false),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('a groups claim as a space-separated string grants no role (403); as an array it does', async () => {
    const asString = await call('GET', '/tenders', {
      token: await signed({ 'cognito:groups': 'admin viewer' }, true),
    });
    expect(asString.status).toBe(403);
    const asArray = await call('GET', '/tenders', {
      token: await signed({ 'cognito:groups': ['viewer'] }, true),
    });
    expect(asArray.status).toBe(200);
  });
});
