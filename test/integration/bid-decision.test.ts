import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';

const tender = (ocid: string, endDate: string) =>
  JSON.stringify({
    ocid,
    buyer: { id: 'b', name: 'B' },
    parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Norway' } }],
    tender: {
      title: 'Decide',
      value: { amount: 1000000, currency: 'NOK' },
      tenderPeriod: { endDate },
      criteria: [
        {
          id: 'C',
          requirementGroups: [{ id: 'G', requirements: [{ id: 'R', title: 'Yes', dataType: 'boolean' }] }],
        },
      ],
    },
  });

describe('GET /tenders/{id}/bid-decision', () => {
  it('scores 0–100 with every factor, and a passed deadline is a no-bid whatever the score', async () => {
    const token = await tokenFor('bid');
    const open = await call('POST', '/tenders/import', {
      token,
      body: tender('ocds-bid-open', '2031-01-01T12:00:00Z'),
    });
    await waitForTender(token, String(open.json.tenderId));
    const decision = await call('GET', `/tenders/${open.json.tenderId}/bid-decision`, { token });
    expect(decision.status).toBe(200);
    expect(Number(decision.json.score)).toBeGreaterThanOrEqual(0);
    expect(Number(decision.json.score)).toBeLessThanOrEqual(100);
    expect((decision.json.factors as { name: string }[]).map((f) => f.name)).toEqual([
      'coverage',
      'time',
      'value',
      'securities',
      'risk',
    ]);

    const late = await call('POST', '/tenders/import', {
      token,
      body: tender('ocds-bid-late', '2020-01-01T12:00:00Z'),
    });
    await waitForTender(token, String(late.json.tenderId));
    const lateDecision = await call('GET', `/tenders/${late.json.tenderId}/bid-decision`, { token });
    expect(lateDecision.json).toMatchObject({ recommendation: 'no-bid' });
    expect(lateDecision.json.flags).toContain('deadline-passed');
  });

  it("follows the organisation's policy: admins set it with If-Match, invalid weights are a 400 naming the field", async () => {
    const admin = await tokenFor('bid-pol', ['admin']);
    const t = await call('POST', '/tenders/import', {
      token: admin,
      body: tender('ocds-bid-pol', '2031-01-01T12:00:00Z'),
    });
    await waitForTender(admin, String(t.json.tenderId));
    const bad = await call('PUT', '/settings/bid-policy', {
      token: admin,
      body: JSON.stringify({ weights: { coverage: 50, time: 50, value: 50, securities: 0, risk: 0 } }),
      headers: { 'if-match': '"0"' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toBe('weights');
    expect(
      (
        await call('PUT', '/settings/bid-policy', {
          token: await tokenFor('bid-pol', ['bid-manager']),
          body: '{}',
          headers: { 'if-match': '"0"' },
        })
      ).status,
    ).toBe(403);

    const lenient = await call('PUT', '/settings/bid-policy', {
      token: admin,
      body: JSON.stringify({ bidAt: 1, reviewAt: 0 }),
      headers: { 'if-match': '"0"' },
    });
    expect(lenient.status).toBe(200);
    expect(lenient.headers.get('etag')).toBe('"1"');
    expect(
      (await call('GET', `/tenders/${t.json.tenderId}/bid-decision`, { token: admin })).json.recommendation,
    ).toBe('bid');
    const stale = await call('PUT', '/settings/bid-policy', {
      token: admin,
      body: JSON.stringify({ bidAt: 100, reviewAt: 100 }),
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    const strict = await call('PUT', '/settings/bid-policy', {
      token: admin,
      body: JSON.stringify({ bidAt: 100, reviewAt: 100 }),
      headers: { 'if-match': '"1"' },
    });
    expect(strict.status).toBe(200);
    expect(
      (await call('GET', `/tenders/${t.json.tenderId}/bid-decision`, { token: admin })).json.recommendation,
    ).toBe('no-bid');
  });
});
