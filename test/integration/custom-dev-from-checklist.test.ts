import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { etag } from '../support/custom-dev.ts';
import { readExampleText } from '../support/fixtures.ts';

type Item = { itemId: string; title: Record<string, string>; version: number; compliant: boolean | null };

/**
 * The real Prozorro tender (a Lviv hospital buying microscopes) requires bids in Ukrainian: a product
 * without a Ukrainian localisation cannot meet it — the requirement a custom-development request is made from.
 */
async function nonCompliantLanguageItem(org: string) {
  const bm = await tokenFor(org, ['bid-manager'], 'bob');
  const imported = await call('POST', '/tenders/import', {
    token: bm,
    body: readExampleText('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json'),
  });
  expect(imported.status).toBe(202);
  const tenderId = String(imported.json.tenderId);
  await waitForTender(bm, tenderId);
  const list = await call('GET', `/tenders/${tenderId}/checklist?limit=100`, { token: bm });
  const item = (list.json.items as Item[]).find((i) =>
    Object.values(i.title).some((t) => t.startsWith('Мова тендерної пропозиції')),
  );
  if (!item) throw new Error('no language requirement in the Prozorro tender');
  const answered = await call('PATCH', `/tenders/${tenderId}/checklist/${item.itemId}`, {
    token: bm,
    body: JSON.stringify({ answer: { value: false, text: 'The product has no Ukrainian localisation' } }),
    headers: { 'if-match': `"${item.version}"` },
  });
  expect(answered.status).toBe(200);
  expect(answered.json.compliant).toBe(false);
  return { bm, tenderId, item: answered.json as unknown as Item, itemEtag: etag(answered) };
}

describe('a custom-development request from a checklist item', () => {
  it('is prefilled from the tender (buyer, requirement, submission date) and linked both ways; the item shows its status', async () => {
    const org = 'cdr-item';
    const { tenderId, item, itemEtag } = await nonCompliantLanguageItem(org);
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const created = await call('POST', `/tenders/${tenderId}/checklist/${item.itemId}/custom-dev-request`, {
      token: pm,
      body: JSON.stringify({
        strategicFit: 4,
        requestedFunctionality: 'Generate bid documents in Ukrainian.',
      }),
      headers: { 'if-match': itemEtag },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: 'submitted',
      client: expect.stringContaining('Львівське територіальне медичне об’єднання'),
      problem: expect.stringMatching(/^Мова тендерної пропозиції українська/),
      // the submission deadline, 2022-08-24T12:00+03:00, as a date in the buyer's zone
      neededBy: '2022-08-24',
      timeZone: 'Europe/Kyiv',
      tenderId,
      checklistItemId: item.itemId,
    });
    const requestId = String(created.json.requestId);

    const list = await call('GET', `/tenders/${tenderId}/checklist?limit=100`, { token: pm });
    const linked = (list.json.items as (Item & { customDevRequest?: unknown })[]).find(
      (i) => i.itemId === item.itemId,
    );
    expect(linked?.customDevRequest).toEqual({ requestId, status: 'submitted' });

    // a second request from the same item: the item's ETag moved (412), and with the new one, 409
    const stale = await call('POST', `/tenders/${tenderId}/checklist/${item.itemId}/custom-dev-request`, {
      token: pm,
      body: JSON.stringify({ strategicFit: 3 }),
      headers: { 'if-match': itemEtag },
    });
    expect(stale.status).toBe(412);
    const twice = await call('POST', `/tenders/${tenderId}/checklist/${item.itemId}/custom-dev-request`, {
      token: pm,
      body: JSON.stringify({ strategicFit: 3 }),
      headers: { 'if-match': `"${linked?.version}"` },
    });
    expect(twice.status).toBe(409);

    // the item mirrors the request's status as it moves
    const tech = await call('PUT', `/custom-dev-requests/${requestId}/technical`, {
      token: pm,
      body: JSON.stringify({
        verdict: 'feasible',
        effortDays: { optimistic: 10, likely: 15, pessimistic: 25 },
        dependencies: [],
        risks: [],
        generic: true,
      }),
      headers: { 'if-match': etag(created) },
    });
    await call('PUT', `/custom-dev-requests/${requestId}/commercial`, {
      token: pm,
      body: JSON.stringify({ pricing: { model: 'fixed', price: 30_000 } }),
      headers: { 'if-match': etag(tech) },
    });
    const after = await call('GET', `/tenders/${tenderId}/checklist?limit=100`, { token: pm });
    const mirrored = (after.json.items as (Item & { customDevRequest?: { status: string } })[]).find(
      (i) => i.itemId === item.itemId,
    );
    expect(['assessing', 'recommended']).toContain(mirrored?.customDevRequest?.status);

    // the tender's audit trail has the link
    const audit = await call('GET', `/tenders/${tenderId}/audit`, { token: pm });
    expect(
      (audit.json.items as { action: string }[]).some((a) => a.action === 'link-custom-dev-request'),
    ).toBe(true);
  });

  it('another organisation cannot make a request from the item (404), and a viewer may not (403)', async () => {
    const { tenderId, item, itemEtag } = await nonCompliantLanguageItem('cdr-item-2');
    const other = await tokenFor('cdr-item-other', ['product-manager']);
    const body = JSON.stringify({ strategicFit: 3 });
    const path = `/tenders/${tenderId}/checklist/${item.itemId}/custom-dev-request`;
    expect((await call('POST', path, { token: other, body, headers: { 'if-match': itemEtag } })).status).toBe(
      404,
    );
    const viewer = await tokenFor('cdr-item-2', ['viewer']);
    expect(
      (await call('POST', path, { token: viewer, body, headers: { 'if-match': itemEtag } })).status,
    ).toBe(403);
  });
});
