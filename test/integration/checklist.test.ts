import { beforeAll, describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExampleText } from '../support/fixtures.ts';

type Item = {
  itemId: string;
  key: string;
  status: string;
  version: number;
  lotIds: string[];
  category: string;
  obligation: string;
};

/** A small OCDS tender with the requirements extension: one OR-criterion (2 groups), one lot criterion, one winner criterion. */
const tenderDoc = (ocid: string) =>
  JSON.stringify({
    ocid,
    id: `${ocid}-r1`,
    date: '2026-11-01T09:00:00Z',
    language: 'en',
    buyer: { id: 'b', name: 'Buyer' },
    parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Norway' } }],
    tender: {
      title: 'Checklist test',
      tenderPeriod: { endDate: '2030-01-15T12:00:00+01:00' },
      lots: [{ id: 'L1', title: 'Lot 1' }],
      criteria: [
        {
          id: 'C1',
          title: 'Turnover',
          classification: {
            scheme: 'ESPD',
            id: 'CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.TURNOVER.GENERAL_YEARLY',
          },
          requirementGroups: [
            {
              id: 'G1',
              requirements: [
                { id: 'R1', title: 'Yearly turnover (EUR)', dataType: 'number', minValue: 1000000 },
              ],
            },
            {
              id: 'G2',
              requirements: [
                { id: 'R2', title: 'Bank guarantee provided', dataType: 'boolean', expectedValue: true },
              ],
            },
          ],
        },
        {
          id: 'C2',
          title: 'Lot staff',
          relatesTo: 'lot',
          relatedItem: 'L1',
          requirementGroups: [
            {
              id: 'G1',
              requirements: [{ id: 'R1', title: 'Engineers on the lot', dataType: 'integer', minValue: 2 }],
            },
          ],
        },
        {
          id: 'C3',
          title: 'Performance security',
          source: 'winner',
          requirementGroups: [
            { id: 'G1', requirements: [{ id: 'R1', title: 'Security provided', dataType: 'boolean' }] },
          ],
        },
      ],
    },
  });

async function importTender(
  org: string,
  ocid: string,
): Promise<{ token: string; tenderId: string; items: Item[] }> {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await call('POST', '/tenders/import', { token, body: tenderDoc(ocid) });
  expect(res.status).toBe(202);
  const tenderId = String(res.json.tenderId);
  const tender = await waitForTender(token, tenderId);
  expect(tender.status).toBe('ready');
  const list = await call('GET', `/tenders/${tenderId}/checklist`, { token });
  return { token, tenderId, items: list.json.items as Item[] };
}

const byKey = (items: Item[], key: string) => {
  const found = items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};

describe('the checklist from intake', () => {
  it('has one item per requirement, with category, obligation and lots', async () => {
    const { items, tenderId, token } = await importTender('cl-gen', 'ocds-cl-gen');
    expect(items.map((i) => i.key).sort()).toEqual(['C1/G1/R1', 'C1/G2/R2', 'C2/G1/R1', 'C3/G1/R1']);
    expect(byKey(items, 'C1/G1/R1')).toMatchObject({
      category: 'selection-economic',
      obligation: 'tenderer',
      status: 'open',
      version: 1,
    });
    expect(byKey(items, 'C2/G1/R1')).toMatchObject({ obligation: 'lot', lotIds: ['L1'] });
    expect(byKey(items, 'C3/G1/R1').obligation).toBe('winner');

    const lot = await call('GET', `/tenders/${tenderId}/checklist?category=selection-economic`, { token });
    expect((lot.json.items as Item[]).map((i) => i.key).sort()).toEqual(['C1/G1/R1', 'C1/G2/R2']);
    const paged = await call('GET', `/tenders/${tenderId}/checklist?limit=3`, { token });
    expect(paged.json.items).toHaveLength(3);
    const rest = await call('GET', `/tenders/${tenderId}/checklist?limit=3&cursor=${paged.json.nextCursor}`, {
      token,
    });
    expect(rest.json.items).toHaveLength(1);
    expect(
      (await call('GET', `/tenders/${tenderId}/checklist`, { token: await tokenFor('cl-other') })).status,
    ).toBe(404);
  });

  it('a Prozorro tender: 18 live requirements, 3 features and its award criteria become 22 items', async () => {
    const token = await tokenFor('cl-prozorro');
    const res = await call('POST', '/tenders/import', {
      token,
      body: readExampleText('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json'),
    });
    expect(res.status).toBe(202);
    expect(res.json.kind).toBe('prozorro-tender');
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender).toMatchObject({ status: 'ready', timeZone: 'Europe/Kyiv', checklist: { items: 22 } });
    const list = await call('GET', `/tenders/${res.json.tenderId}/checklist?limit=100&category=exclusion`, {
      token,
    });
    expect((list.json.items as Item[]).length).toBeGreaterThan(0);
  });
});

describe('PATCH /tenders/{id}/checklist/{itemId}', () => {
  let t: Awaited<ReturnType<typeof importTender>>;
  beforeAll(async () => {
    t = await importTender('cl-patch', 'ocds-cl-patch');
  });
  const patch = (itemId: string, etag: string | undefined, body: unknown, token = t.token) =>
    call('PATCH', `/tenders/${t.tenderId}/checklist/${itemId}`, {
      token,
      body: JSON.stringify(body),
      headers: etag ? { 'if-match': etag } : {},
    });

  it('20 parallel PATCHes with the same version: exactly one succeeds, 19 get 412, one audit entry', async () => {
    const item = byKey(t.items, 'C1/G1/R1');
    const contributor = await tokenFor('cl-patch', ['contributor'], 'carol');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        patch(
          item.itemId,
          `"${item.version}"`,
          { answer: { value: 2000000 + n, text: `run ${n}` } },
          contributor,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(19);
    const audit = await call('GET', `/tenders/${t.tenderId}/audit`, { token: t.token });
    const entries = (
      audit.json.items as { entity: string; actor: string; before: unknown; after: { status: string } }[]
    ).filter((e) => e.entity === `item:${item.itemId}`);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'carol',
      before: { status: 'open', answer: null },
      after: { status: 'answered' },
    });
  });

  it('a stale ETag writes nothing (412), a missing one is 428, a wrong type is 400 naming answer.value', async () => {
    const item = byKey(t.items, 'C2/G1/R1');
    expect((await patch(item.itemId, '"99"', { owner: 'bob' })).status).toBe(412);
    expect((await patch(item.itemId, undefined, { owner: 'bob' })).status).toBe(428);
    const wrong = await patch(item.itemId, `"${item.version}"`, { answer: { value: 'two' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([{ path: 'answer.value', message: 'expected a number, got string' }]);
    const unknownField = await patch(item.itemId, `"${item.version}"`, { colour: 'red' });
    expect(unknownField.status).toBe(400);
    const after = await call('GET', `/tenders/${t.tenderId}/checklist?lot=L1`, { token: t.token });
    expect(byKey(after.json.items as Item[], 'C2/G1/R1').version).toBe(item.version);
  });

  it('non-compliant answers are stored with the reason; illegal transitions are 409; roles are enforced', async () => {
    const item = byKey(t.items, 'C2/G1/R1');
    const answered = await patch(item.itemId, `"${item.version}"`, { answer: { value: 1 } });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({
      status: 'answered',
      compliant: false,
      nonComplianceReason: '1 is below the minimum 2',
    });
    expect(answered.headers.get('etag')).toBe(`"${item.version + 1}"`);
    const contributor = await tokenFor('cl-patch', ['contributor'], 'carol');
    expect(
      (await patch(item.itemId, String(answered.headers.get('etag')), { status: 'approved' }, contributor))
        .status,
    ).toBe(403);
    const viewer = await tokenFor('cl-patch', ['viewer']);
    expect(
      (await patch(item.itemId, String(answered.headers.get('etag')), { comment: 'hi' }, viewer)).status,
    ).toBe(403);
    const winner = byKey(t.items, 'C3/G1/R1');
    const reviewer = await tokenFor('cl-patch', ['reviewer'], 'rita');
    expect((await patch(winner.itemId, `"${winner.version}"`, { status: 'approved' }, reviewer)).status).toBe(
      409,
    );
  });
});

describe('GET /tenders/{id}/readiness', () => {
  it('blocks until ONE group of each criterion is approved and compliant, per lot; winner items never block', async () => {
    const t = await importTender('cl-ready', 'ocds-cl-ready');
    const reviewer = await tokenFor('cl-ready', ['reviewer'], 'rita');
    const before = await call('GET', `/tenders/${t.tenderId}/readiness`, { token: t.token });
    expect(before.json).toMatchObject({ ready: false });
    const codes = (before.json.blockers as { code: string; criterionId: string }[]).map(
      (b) => `${b.criterionId}:${b.code}`,
    );
    expect(codes).toContain('C1:criterion-not-met');
    expect(codes).toContain('C2:criterion-not-met');
    expect(codes.some((c) => c.startsWith('C3:'))).toBe(false);

    const work = async (key: string, value: unknown) => {
      const item = byKey(t.items, key);
      const answered = await call('PATCH', `/tenders/${t.tenderId}/checklist/${item.itemId}`, {
        token: t.token,
        body: JSON.stringify({ answer: { value } }),
        headers: { 'if-match': `"${item.version}"` },
      });
      expect(answered.status).toBe(200);
      const approved = await call('PATCH', `/tenders/${t.tenderId}/checklist/${item.itemId}`, {
        token: reviewer,
        body: JSON.stringify({ status: 'approved' }),
        headers: { 'if-match': String(answered.headers.get('etag')) },
      });
      expect(approved.status).toBe(200);
    };
    await work('C1/G2/R2', true); // the other OR-group of C1 stays open
    await work('C2/G1/R1', 3);
    const after = await call('GET', `/tenders/${t.tenderId}/readiness`, { token: t.token });
    expect(after.json).toMatchObject({ ready: true, blockers: [], perLot: [{ lotId: 'L1', ready: true }] });
    expect(after.json.coverage).toMatchObject({ approved: 2, mandatory: 2 });
  });
});

describe('rule packs', () => {
  const german = (ocid: string) =>
    JSON.stringify({
      ocid,
      buyer: { id: 'b', name: 'Stadt' },
      parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Germany' } }],
      tender: { title: 'Ohne Kriterien' },
    });

  it("adds the buyer's jurisdiction pack by itself and named packs on request", async () => {
    const token = await tokenFor('packs');
    const res = await call('POST', '/tenders/import?rulePacks=enterprise-onboarding', {
      token,
      body: german('ocds-packs-1'),
    });
    expect(res.status).toBe(202);
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender.rulePacks).toEqual(['eu-espd', 'enterprise-onboarding']);
    const items = (await call('GET', `/tenders/${res.json.tenderId}/checklist?limit=1000`, { token })).json
      .items as Item[];
    expect(items.some((i) => i.key.startsWith('pack:eu-espd:'))).toBe(true);
    expect(items.some((i) => i.key.startsWith('pack:enterprise-onboarding:'))).toBe(true);
    expect(items.filter((i) => i.category === 'exclusion').length).toBeGreaterThan(5);
  });

  it('an unknown pack is a 400 naming query:rulePacks, and nothing is stored', async () => {
    const token = await tokenFor('packs-bad');
    const res = await call('POST', '/tenders/import?rulePacks=us-far', {
      token,
      body: german('ocds-packs-2'),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.path).toBe('query:rulePacks');
    expect((await call('GET', '/tenders', { token })).json.items).toEqual([]);
  });
});
