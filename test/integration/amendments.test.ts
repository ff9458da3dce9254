import { describe, expect, it } from 'vitest';
import { call, eventually, tokenFor, waitForTender } from '../support/api.ts';
import { byRequirement, checklist, importSheet } from '../support/sheets.ts';

type Item = {
  itemId: string;
  key: string;
  status: string;
  version: number;
  answer: { value: unknown } | null;
  archived: boolean;
  title: Record<string, string>;
};

const release = (version: 1 | 2) =>
  JSON.stringify({
    ocid: 'ocds-amend-1',
    id: `ocds-amend-1-r${version}`,
    date: version === 1 ? '2026-11-01T09:00:00Z' : '2026-11-10T09:00:00Z',
    language: 'en',
    buyer: { id: 'b', name: 'Buyer' },
    parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Germany' } }],
    tender: {
      title: 'Amended tender',
      tenderPeriod: { endDate: version === 1 ? '2030-01-15T12:00:00+01:00' : '2030-01-22T12:00:00+01:00' },
      criteria: [
        {
          id: 'C1',
          requirementGroups: [
            {
              id: 'G1',
              requirements: [
                { id: 'KEEP', title: 'ISO 9001 certificate held', dataType: 'boolean', expectedValue: true },
                {
                  id: 'EDIT',
                  title: version === 1 ? 'Staff count' : 'Certified staff count',
                  dataType: 'integer',
                  minValue: version === 1 ? 5 : 8,
                },
                ...(version === 1
                  ? [{ id: 'DROP', title: 'Fax number', dataType: 'string' }]
                  : [{ id: 'NEW', title: 'CO2 report', dataType: 'boolean' }]),
              ],
            },
          ],
        },
      ],
    },
  });

describe('amendments: importing a newer release of the same ocid', () => {
  it('keeps answers, sends a changed requirement back to review, archives the removed one and records the diff', async () => {
    const token = await tokenFor('amend');
    const first = await call('POST', '/tenders/import', { token, body: release(1) });
    const tenderId = String(first.json.tenderId);
    await waitForTender(token, tenderId);
    const items = async (extra = '') =>
      (await call('GET', `/tenders/${tenderId}/checklist?limit=100${extra}`, { token })).json.items as Item[];
    const v1 = await items();
    const answer = async (key: string, value: unknown) => {
      const item = v1.find((i) => i.key === key) as Item;
      const res = await call('PATCH', `/tenders/${tenderId}/checklist/${item.itemId}`, {
        token,
        body: JSON.stringify({ answer: { value } }),
        headers: { 'if-match': `"${item.version}"` },
      });
      expect(res.status).toBe(200);
    };
    await answer('C1/G1/KEEP', true);
    await answer('C1/G1/EDIT', 6);
    await answer('C1/G1/DROP', '+47 000');

    const second = await call('POST', '/tenders/import', { token, body: release(2) });
    expect(second.status).toBe(202);
    expect(second.json.tenderId).toBe(tenderId);
    await eventually('the amendment to finish', async () => {
      const t = await call('GET', `/tenders/${tenderId}`, { token });
      return t.json.status === 'ready' && t.json.releaseId === 'ocds-amend-1-r2' ? t.json : undefined;
    });

    const v2 = await items();
    const byKey = (list: Item[], key: string) => list.find((i) => i.key === key);
    expect(byKey(v2, 'C1/G1/KEEP')).toMatchObject({ status: 'answered', answer: { value: true } });
    expect(byKey(v2, 'C1/G1/EDIT')).toMatchObject({
      status: 'answered',
      answer: { value: 6 },
      title: { en: 'Certified staff count' },
    });
    expect(byKey(v2, 'C1/G1/NEW')).toMatchObject({ status: 'open', answer: null });
    expect(byKey(v2, 'C1/G1/DROP')).toBeUndefined();
    expect(byKey(await items('&includeArchived=true'), 'C1/G1/DROP')).toMatchObject({
      archived: true,
      answer: { value: '+47 000' },
    });

    const changes = await call('GET', `/tenders/${tenderId}/changes`, { token });
    const [change] = changes.json.items as {
      releaseId: string;
      tender: { path: string; before: unknown; after: unknown }[];
      requirements: Record<string, string[]>;
    }[];
    expect(change?.releaseId).toBe('ocds-amend-1-r2');
    expect(change?.tender).toContainEqual({
      path: 'periods.tender.end',
      before: '2030-01-15T11:00:00.000Z',
      after: '2030-01-22T11:00:00.000Z',
    });
    const id = (key: string) => (byKey(v1, key) ?? byKey(v2, key))?.itemId;
    expect(change?.requirements).toEqual({
      added: [id('C1/G1/NEW')],
      changed: [id('C1/G1/EDIT')],
      archived: [id('C1/G1/DROP')],
    });

    const again = await call('POST', '/tenders/import', { token, body: release(2) });
    expect(again.status).toBe(200);
    expect(again.json.imports).toEqual([
      expect.objectContaining({ tenderId, unchanged: true, executionId: null }),
    ]);
    expect(
      ((await call('GET', `/tenders/${tenderId}/changes`, { token })).json.items as unknown[]).length,
    ).toBe(1);
  });

  it("keeps the requirements the buyer's spreadsheet added when the buyer publishes an amendment; the next spreadsheet replaces them", async () => {
    const token = await tokenFor('amend-sheet');
    const first = await call('POST', '/tenders/import', { token, body: release(1) });
    const tenderId = String(first.json.tenderId);
    await waitForTender(token, tenderId);
    // the buyer is German: the EU ESPD rule pack's items come with every intake; these are the others
    const own = <T extends { key: string }>(items: T[]) => items.filter((i) => !i.key.startsWith('pack:'));
    const sheet = (rows: string[]) =>
      ['№ п/п;Лот;Наименование требования;Категория;Обязательность;Ожидаемый ответ', ...rows].join('\r\n');
    const warranty = '1.1;;Гарантийный срок на товар не менее 36 месяцев;Технические требования;Да;Да/Нет';
    const service = '1.2;;Авторизованный сервисный центр в регионе поставки;Технические требования;Да;Да/Нет';
    const added = await importSheet(
      token,
      `/tenders/${tenderId}/requirements/import`,
      'extra.csv',
      sheet([warranty, service]),
    );
    expect(added.status, JSON.stringify(added.json)).toBe(202);
    await waitForTender(token, tenderId);
    expect(
      own(await checklist(token, tenderId))
        .map((i) => i.requirementId)
        .sort(),
    ).toEqual(['1.1', '1.2', 'DROP', 'EDIT', 'KEEP']);

    // the buyer's amendment (OCDS): it drops DROP and adds NEW, and says nothing of the spreadsheet's rows
    expect((await call('POST', '/tenders/import', { token, body: release(2) })).status).toBe(202);
    await eventually('the amendment to finish', async () => {
      const t = await call('GET', `/tenders/${tenderId}`, { token });
      return t.json.status === 'ready' && t.json.releaseId === 'ocds-amend-1-r2' ? t.json : undefined;
    });
    const amended = await checklist(token, tenderId, true);
    expect(byRequirement(amended, '1.1').archived).toBe(false);
    expect(byRequirement(amended, '1.2').archived).toBe(false);
    expect(byRequirement(amended, 'DROP').archived).toBe(true);
    expect(byRequirement(amended, 'NEW').archived).toBe(false);
    const [change] = (await call('GET', `/tenders/${tenderId}/changes`, { token })).json.items as {
      requirements: Record<string, string[]>;
    }[];
    expect(change?.requirements.archived).toEqual([byRequirement(amended, 'DROP').itemId]);

    // the buyer's next spreadsheet, without 1.2: now 1.2 goes, the published requirements stay
    expect(
      (await importSheet(token, `/tenders/${tenderId}/requirements/import`, 'extra-2.csv', sheet([warranty])))
        .status,
    ).toBe(202);
    await eventually('the second spreadsheet to apply', async () => {
      const items = await checklist(token, tenderId, true);
      return byRequirement(items, '1.2').archived ? items : undefined;
    });
    const last = await checklist(token, tenderId, true);
    expect(
      own(last)
        .filter((i) => !i.archived)
        .map((i) => i.requirementId)
        .sort(),
    ).toEqual(['1.1', 'EDIT', 'KEEP', 'NEW']);
  });
});
