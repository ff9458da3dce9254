import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExampleText } from '../support/fixtures.ts';
import { npmStart } from '../support/npm-start.ts';

let stack: Awaited<ReturnType<typeof npmStart>>;

beforeAll(async () => {
  stack = await npmStart();
});
afterAll(() => stack.stop());

async function http(
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>;
  return {
    status: res.status,
    etag: String(res.headers.get('etag')),
    type: res.headers.get('content-type'),
    text,
    json,
  };
}

async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('custom development against npm start', () => {
  it('non-compliant item of an imported real tender → request → technical → commercial → recommendation → decision → spec', async () => {
    const bm = await stack.token('lviv', 'bid-manager', 'bob');
    const pm = await stack.token('lviv', 'product-manager', 'pat');
    const approver = await stack.token('lviv', 'approver', 'carol');

    // the real Prozorro tender; its "bid in Ukrainian" requirement answered: the product cannot
    const imported = await http(
      'POST',
      '/tenders/import',
      bm,
      readExampleText('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json'),
    );
    expect(imported.status).toBe(202);
    const tenderId = String(imported.json.tenderId);
    await until('the tender', async () =>
      (await http('GET', `/tenders/${tenderId}`, bm)).json.status === 'ready' ? true : undefined,
    );
    const items = (await http('GET', `/tenders/${tenderId}/checklist?limit=100`, bm)).json.items as {
      itemId: string;
      version: number;
      title: Record<string, string>;
    }[];
    const item = items.find((i) =>
      Object.values(i.title).some((t) => t.startsWith('Мова тендерної пропозиції')),
    );
    if (!item) throw new Error('no language requirement');
    const answered = await http(
      'PATCH',
      `/tenders/${tenderId}/checklist/${item.itemId}`,
      bm,
      { answer: { value: false } },
      { 'if-match': `"${item.version}"` },
    );
    expect(answered.json.compliant).toBe(false);

    const created = await http(
      'POST',
      `/tenders/${tenderId}/checklist/${item.itemId}/custom-dev-request`,
      pm,
      {
        strategicFit: 4,
        requestedFunctionality:
          'Generate the bid documents in Ukrainian.\nKeep a Ukrainian glossary per client.',
      },
      { 'if-match': answered.etag },
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'submitted', neededBy: '2022-08-24', tenderId });
    const id = String(created.json.requestId);

    // 8 / 10 / 15 days at 800 EUR: E = (8 + 40 + 15) / 6 = 10.5 days, build 8,400;
    // revenue share 5% of 200,000 a year for 3 years + reuse 4 × 0.5 × 3,000
    const tech = await http(
      'PUT',
      `/custom-dev-requests/${id}/technical`,
      pm,
      {
        verdict: 'feasible',
        effortDays: { optimistic: 8, likely: 10, pessimistic: 15 },
        dependencies: ['Ukrainian translation of the document templates'],
        risks: ['legal terms need a native reviewer'],
        generic: true,
      },
      { 'if-match': created.etag },
    );
    expect(tech.status).toBe(200);
    const commercial = await http(
      'PUT',
      `/custom-dev-requests/${id}/commercial`,
      pm,
      {
        pricing: { model: 'revenue-share', percent: 5, projectedClientRevenuePerYear: 200_000 },
        reuse: { candidateClients: 4, adoptionProbability: 0.5, pricePerClient: 3_000 },
      },
      { 'if-match': tech.etag },
    );
    expect(commercial.status).toBe(202);

    const recommended = await until('the recommendation', async () => {
      const r = await http('GET', `/custom-dev-requests/${id}`, pm);
      return r.json.status === 'recommended' ? r : undefined;
    });
    const bc = recommended.json.businessCase as {
      expectedEffortDays: { value: number };
      expected: { buildCost: { value: number }; reuseRevenue: { value: number } };
    };
    expect(bc.expectedEffortDays.value).toBe(10.5);
    expect(bc.expected.buildCost.value).toBe(8_400);
    expect(bc.expected.reuseRevenue.value).toBe(6_000);
    const recommendation = recommended.json.recommendation as { decision: string; reasons: string[] };
    expect(recommendation.decision).toBe('approve');

    const list = await http('GET', `/tenders/${tenderId}/checklist?limit=100`, pm);
    const linked = (list.json.items as { itemId: string; customDevRequest?: unknown }[]).find(
      (i) => i.itemId === item.itemId,
    );
    expect(linked?.customDevRequest).toEqual({ requestId: id, status: 'recommended' });

    expect(
      (
        await http(
          'POST',
          `/custom-dev-requests/${id}/decision`,
          pm,
          { decision: 'approve' },
          { 'if-match': recommended.etag },
        )
      ).status,
    ).toBe(403);
    const decided = await http(
      'POST',
      `/custom-dev-requests/${id}/decision`,
      approver,
      { decision: 'approve' },
      { 'if-match': recommended.etag },
    );
    expect(decided.status).toBe(200);

    const spec = await until('the specification', async () => {
      const r = await http('GET', `/custom-dev-requests/${id}/spec`, pm);
      return r.status === 200 ? r : undefined;
    });
    expect(spec.type).toMatch(/^text\/markdown/);
    expect(spec.text).toContain('I want generate the bid documents in Ukrainian');
    expect(spec.text).toContain('- Revenue share: 5%');

    const other = await stack.token('globex', 'admin');
    expect((await http('GET', `/custom-dev-requests/${id}`, other)).status).toBe(404);
  });
});
