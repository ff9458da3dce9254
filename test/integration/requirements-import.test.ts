import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequirementSpec } from '../../functions/domain/checklist/types.ts';
import { writeXlsx } from '../../functions/domain/sheets/xlsx-write.ts';
import { chooseMapping, MappingNeededError } from '../../functions/flows/requirements-import.ts';
import { allItems, syncChecklist } from '../../functions/store/checklist.ts';
import { call, waitForTender } from '../support/api.ts';
import {
  b64,
  byRequirement,
  checklist,
  importSheet,
  newTenderFromSheet,
  patchItem,
  tokenFor,
} from '../support/sheets.ts';

const ruSpec = readFileSync(
  new URL('../fixtures/sheets/ru-44fz-technical-specification.xlsx', import.meta.url),
);

describe('requirement import from XLSX or CSV', () => {
  it('makes a tender from the Russian 44-FZ specification alone, reporting each unusable row, and amends it on re-import', async () => {
    const token = await tokenFor('sheets-ru');
    const { tenderId, imported } = await newTenderFromSheet(token, 'ТЗ.xlsx', ruSpec);
    expect(imported).toMatchObject({
      kind: 'spreadsheet',
      requirements: 8,
      mapping: { headerRow: 7, columns: { text: { column: 'C', header: 'Наименование требования' } } },
      rejected: [
        { row: 18, reason: 'no requirement text' },
        { row: 19, reason: 'mandatory: cannot read "возможно" as yes or no' },
        { row: 21, reason: 'no requirement text' },
      ],
    });
    const tender = await call('GET', `/tenders/${tenderId}`, { token });
    expect(String(tender.json.title)).toMatch(/ТЕХНИЧЕСКОЕ ЗАДАНИЕ/);
    const items = await checklist(token, tenderId);
    expect(items.map((i) => i.requirementId).sort()).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
    ]);
    expect(byRequirement(items, '1.1')).toMatchObject({
      title: { ru: 'Системный блок: количество ядер процессора не менее 8' },
      lotIds: ['1'],
      status: 'open',
    });
    const readiness = await call('GET', `/tenders/${tenderId}/readiness`, { token });
    expect(readiness.json.ready).toBe(false);

    // the buyer's corrected file, as CSV: 1.1 reworded, 2.4 gone
    const csv = [
      '№ п/п;Лот;Наименование требования;Категория;Обязательность;Ожидаемый ответ',
      '1. Требования к поставляемому товару;;;;;',
      '1.1;1;Системный блок: количество ядер процессора не менее 12;Технические требования;Да;Число',
      '1.2;1;Объём оперативной памяти не менее 16 ГБ;Технические требования;Да;Число',
      '1.3;2;Монитор: диагональ не менее 23,8 дюйма, матрица IPS;Технические требования;Да;Текст',
      '1.4;2;Гарантийный срок на товар не менее 36 месяцев;Технические требования;Да;Да/Нет',
      '2. Требования к участнику закупки;;;;;',
      '2.1;;Отсутствие у участника закупки недоимки по налогам, сборам, задолженности по иным обязательным платежам (п. 7 ч. 1 ст. 31 Федерального закона № 44-ФЗ);Требования к участнику (отсутствие оснований для исключения);Да;Документ',
      '2.2;;Участник закупки не является офшорной компанией (п. 10 ч. 1 ст. 31 44-ФЗ);Требования к участнику (отсутствие оснований для исключения);Да;Да/Нет',
      '2.3;;Обеспечение исполнения контракта в размере 5 % от цены контракта;Обеспечение;Да;Документ',
    ].join('\r\n');
    const again = await importSheet(token, `/tenders/${tenderId}/requirements/import`, 'ТЗ-изм1.csv', csv);
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ tenderId, requirements: 7, rejected: [] });
    await waitForTender(token, tenderId);
    const after = await checklist(token, tenderId, true);
    expect(byRequirement(after, '2.4').archived).toBe(true);
    expect(byRequirement(after, '1.1').title).toEqual({
      ru: 'Системный блок: количество ядер процессора не менее 12',
    });
    const changes = await call('GET', `/tenders/${tenderId}/changes`, { token });
    const [change] = changes.json.items as { requirements: { changed: string[]; archived: string[] } }[];
    expect(change?.requirements.changed).toEqual([byRequirement(after, '1.1').itemId]);
    expect(change?.requirements.archived).toEqual([byRequirement(after, '2.4').itemId]);
  });

  it("keeps a technical specification's required values: «не менее 16 Гбайт» is the item's minimum and unit, and answers are checked against it", async () => {
    const token = await tokenFor('sheets-values');
    const header = [
      '№ п/п',
      'Наименование показателя',
      'Значение показателя',
      'Единица измерения',
      'Обязательность',
      'Примечание',
    ];
    const keys = ['n', 'name', 'value', 'unit', 'mandatory', 'note'] as const;
    const row = (...cells: string[]) => Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
    const xlsx = await writeXlsx([
      {
        name: 'ТЗ',
        columns: keys.map((key, i) => ({ key, header: header[i] ?? '', width: 20 })),
        rows: [
          row('1', 'Объем оперативной памяти', 'не менее 16', 'Гбайт', 'Да'),
          row('2', 'Масса ноутбука', 'не более 1,8', 'кг', 'Да', 'с аккумулятором'),
          row('3', 'Встроенная веб-камера', 'наличие', '', 'Желательно'),
        ],
      },
    ]);
    const res = await importSheet(token, '/tenders/requirements/import', 'ТЗ.xlsx', xlsx, { sheet: 'ТЗ' });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json).toMatchObject({
      sheet: 'ТЗ',
      requirements: 3,
      rejected: [],
      mapping: {
        columns: {
          value: { column: 'C', header: 'Значение показателя' },
          unit: { column: 'D', header: 'Единица измерения' },
        },
      },
      warnings: [{ row: 1, reason: expect.stringMatching(/^column F "Примечание" is not imported/) }],
    });
    const tenderId = String(res.json.tenderId);
    await waitForTender(token, tenderId);
    const items = await checklist(token, tenderId);
    const memory = byRequirement(items, '1');
    expect(memory).toMatchObject({
      title: { ru: 'Объем оперативной памяти: не менее 16 Гбайт' },
      dataType: 'number',
      minValue: 16,
      maxValue: null,
      unit: 'Гбайт',
    });
    expect(byRequirement(items, '2')).toMatchObject({ maxValue: 1.8, unit: 'кг' });
    expect(byRequirement(items, '3')).toMatchObject({
      dataType: 'boolean',
      expectedValue: true,
      mandatory: false,
    });

    const short = await patchItem(token, tenderId, memory, { answer: { value: 8 } });
    expect(short.status).toBe(200);
    expect(short.json).toMatchObject({ compliant: false, nonComplianceReason: '8 is below the minimum 16' });
    const enough = await patchItem(
      token,
      tenderId,
      { itemId: memory.itemId, version: Number(short.json.version) },
      {
        answer: { value: 16 },
      },
    );
    expect(enough.status).toBe(200);
    expect(enough.json).toMatchObject({ compliant: true, nonComplianceReason: null });
  });

  it('reads every sheet of an English compliance matrix: the instructions sheet first is passed over, the 202 names the sheet read', async () => {
    const token = await tokenFor('sheets-workbook');
    const text = (name: string, lines: string[]) => ({
      name,
      columns: [{ key: 'a' as const, header: lines[0] ?? '', width: 60 }],
      rows: lines.slice(1).map((a) => ({ a })),
    });
    const keys = ['id', 'req', 'mod', 'response'] as const;
    const xlsx = await writeXlsx([
      text('Instructions', [
        'How to respond',
        'Answer every requirement in the Response column.',
        'Do not change the Req ID.',
      ]),
      {
        name: 'Requirements',
        columns: keys.map((key, i) => ({
          key,
          header: ['Req ID', 'Requirement', 'M/O/D', 'Response'][i] ?? '',
          width: 30,
        })),
        rows: [
          {
            id: 'SEC-01',
            req: 'The service is hosted in ISO 27001 certified data centres',
            mod: 'M',
            response: '',
          },
          { id: 'SEC-02', req: 'Single sign-on with SAML 2.0', mod: 'D', response: '' },
        ],
      },
      text('Pricing', ['Price schedule', 'See the separate price workbook.']),
    ]);
    const res = await importSheet(token, '/tenders/requirements/import', 'matrix.xlsx', xlsx);
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json).toMatchObject({ sheet: 'Requirements', requirements: 2, rejected: [] });
    const tenderId = String(res.json.tenderId);
    await waitForTender(token, tenderId);
    const items = await checklist(token, tenderId);
    expect(items.map((i) => [i.title.en, i.mandatory]).sort()).toEqual([
      ['Single sign-on with SAML 2.0', false],
      ['The service is hosted in ISO 27001 certified data centres', true],
    ]);
  });

  it('answers 422 with the candidate mapping when unsure, and imports with the mapping confirmed', async () => {
    const token = await tokenFor('sheets-unsure');
    const csv =
      'Item,Details of the requirement for bidders,Notes\n1,Hold a valid operating licence,\n2,Named account manager,\n';
    const unsure = await importSheet(token, '/tenders/requirements/import', 'reqs.csv', csv);
    expect(unsure.status).toBe(422);
    expect(unsure.json.candidate).toMatchObject({ headerRow: 1, columns: { text: { column: 'B' } } });
    expect(unsure.json).toMatchObject({ sheet: null, sheets: [] });
    expect((await call('GET', '/tenders', { token })).json.items).toEqual([]);
    const confirmed = await importSheet(token, '/tenders/requirements/import', 'reqs.csv', csv, {
      mapping: { headerRow: 1, columns: { reference: 'A', text: 'B' } },
    });
    expect(confirmed.status).toBe(202);
    await waitForTender(token, String(confirmed.json.tenderId));
    const items = await checklist(token, String(confirmed.json.tenderId));
    expect(items.map((i) => i.title.en).sort()).toEqual([
      'Hold a valid operating licence',
      'Named account manager',
    ]);
  });

  it('rejects a file that is not a spreadsheet, and a body without exactly one of content and s3Key, writing nothing', async () => {
    const token = await tokenFor('sheets-bad');
    const zipNotXlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const bad = await importSheet(token, '/tenders/requirements/import', 'x.xlsx', zipNotXlsx);
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toBe('file');
    const neither = await call('POST', '/tenders/requirements/import', {
      token,
      body: JSON.stringify({ file: { fileName: 'x.csv' } }),
    });
    expect(neither.status).toBe(400);
    expect(neither.json.errors?.[0]?.path).toBe('file');
    expect((await call('GET', '/tenders', { token })).json.items).toEqual([]);
  });

  it('starts one import for a repeated submission with the same Idempotency-Key, and refuses the key with another file', async () => {
    const token = await tokenFor('sheets-idem');
    const csv = (text: string) =>
      [
        '№ п/п;Наименование требования;Обязательность',
        `1;${text};Да`,
        '2;Гарантийный срок на товар не менее 36 месяцев;Да',
      ].join('\r\n');
    const send = (body: string) =>
      call('POST', '/tenders/requirements/import', {
        token,
        body: JSON.stringify({ file: { fileName: 'ТЗ.csv', content: b64(body) } }),
        headers: { 'idempotency-key': 'upload-7f3a' },
      });
    const first = await send(csv('Поставка системных блоков'));
    expect(first.status, JSON.stringify(first.json)).toBe(202);
    const again = await send(csv('Поставка системных блоков'));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.tenderId).toBe(first.json.tenderId);
    expect(again.json.importId).toBe(first.json.importId);
    const other = await send(csv('Поставка мониторов'));
    expect(other.status).toBe(422);
    expect(other.json.detail).toMatch(/Idempotency-Key/);
    await waitForTender(token, String(first.json.tenderId));
    expect((await call('GET', '/tenders', { token })).json.items).toHaveLength(1);
  });
});

describe('units on checklist items intake wrote before units were read', () => {
  const spec = (unit?: string): RequirementSpec => ({
    key: 'C1/G1/R1',
    criterionId: 'C1',
    criterionTitle: { uk: 'Строк дії пропозиції' },
    criterionDescription: {},
    classification: null,
    legislation: [],
    groupId: 'G1',
    groupDescription: {},
    requirementId: 'R1',
    title: { uk: 'Строк дії тендерної пропозиції' },
    description: {},
    dataType: 'integer',
    expectedValue: null,
    minValue: 90,
    maxValue: null,
    pattern: null,
    ...(unit === undefined ? {} : { unit }),
    eligibleEvidences: [],
    category: 'other',
    obligation: 'tenderer',
    lotIds: [],
    mandatory: true,
  });

  it('are written on the next intake without calling the requirement changed; a changed unit is a change', async () => {
    const table = String(process.env.TABLE_NAME);
    const [org, tenderId] = ['units-backfill', 't-units-backfill'];
    const sync = (s: RequirementSpec) => syncChecklist(table, org, tenderId, [s], new Date().toISOString());
    expect((await sync(spec())).added).toHaveLength(1);
    const backfilled = await sync(spec('день'));
    expect(backfilled).toMatchObject({ changed: [], unchanged: 1 });
    const [item] = await allItems(table, org, tenderId);
    // written (its version moves, as with any write), its status and work untouched
    expect(item).toMatchObject({ unit: 'день', status: 'open', version: 2 });
    expect(await sync(spec('день'))).toMatchObject({ changed: [], unchanged: 1 });
    expect((await sync(spec('місяць'))).changed).toHaveLength(1);
  });
});

describe('the sheet of a workbook (the call site hands every sheet the reader gives)', () => {
  const instructions = [
    ['Instructions for completing the compliance matrix'],
    ['1. Complete the Response column for each requirement.'],
  ];
  const matrix = [
    ['Item', 'Details of the requirement for bidders', 'M/D'],
    ['1', 'Hold a valid operating licence', 'M'],
  ];

  it('an unsure mapping names the sheet it is on and every sheet, never the instructions before it', () => {
    let problem: unknown;
    try {
      chooseMapping([
        { name: 'Instructions', rows: instructions },
        { name: 'Matrix', rows: matrix },
      ]);
    } catch (e) {
      problem = e;
    }
    expect(problem).toBeInstanceOf(MappingNeededError);
    const e = problem as MappingNeededError;
    expect(e.where).toEqual({ sheet: 'Matrix', sheets: ['Instructions', 'Matrix'] });
    expect(e.candidate).toMatchObject({ headerRow: 1, columns: { text: { column: 'B' } } });
    expect(e.message).toMatch(/read sheet "Matrix" of "Instructions", "Matrix"; send sheet to read another/);
  });

  it('the confirmed mapping applies to the sheet named, and a sheet the file lacks is a 400 naming it', () => {
    const sheets = [
      { name: 'Instructions', rows: instructions },
      { name: 'Matrix', rows: matrix },
    ];
    const chosen = chooseMapping(sheets, {
      sheet: 'Matrix',
      mapping: { headerRow: 1, columns: { text: 'B' } },
    });
    expect(chosen).toMatchObject({ sheet: 'Matrix', mapping: { headerRow: 1, columns: { text: 1 } } });
    expect(() => chooseMapping(sheets, { sheet: 'Pricing' })).toThrow(
      expect.objectContaining({
        status: 400,
        errors: [{ path: 'sheet', message: 'no sheet named "Pricing" (there are: Instructions, Matrix)' }],
      }),
    );
  });
});
