import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../../functions/domain/checklist/answer.ts';
import { extractRequirements } from '../../../../functions/domain/checklist/requirements.ts';
import { readGrid } from '../../../../functions/domain/sheets/files.ts';
import { detectHeader, type Grid } from '../../../../functions/domain/sheets/header.ts';
import { sheetRelease } from '../../../../functions/domain/sheets/release.ts';
import { readRequirementRows } from '../../../../functions/domain/sheets/requirement-rows.ts';
import { writeXlsx } from '../../../../functions/domain/sheets/xlsx-write.ts';

/** A workbook of one sheet holding exactly these rows (the first row as the "header" writeXlsx writes). */
async function xlsxOf(name: string, rows: string[][]): Promise<Buffer> {
  const [first = [], ...rest] = rows;
  const keys = first.map((_, i) => `c${i}`);
  return writeXlsx([
    {
      name,
      columns: first.map((header, i) => ({ key: keys[i] ?? '', header, width: 20 })),
      rows: rest.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? '']))),
    },
  ]);
}

/** Header detection, rows, the OCDS release and intake's extraction: what the checklist gets from a file. */
function specsOf(grid: Grid) {
  const d = detectHeader(grid);
  if (!d?.sure) throw new Error(`header not sure: ${d?.doubts.join('; ')}`);
  const rows = readRequirementRows(grid, d.mapping);
  const release = sheetRelease('ocds-sheet-1', 'ТЗ', rows.requirements, {
    fileName: 'tz.xlsx',
    sha256: 'ab'.repeat(32),
    now: '2026-12-01T00:00:00Z',
  });
  const warnings: string[] = [];
  const specs = extractRequirements(release, (p, m) => warnings.push(`${p}: ${m}`), { language: 'ru' });
  expect(warnings).toEqual([]);
  const byRef = (ref: string) => {
    const spec = specs.find((s) => s.requirementId === ref);
    if (!spec) throw new Error(`no requirement ${ref}`);
    return spec;
  };
  return { detection: d, rows, specs, byRef };
}

// the shape of a 44-FZ «Техническое задание» on goods: a title, the header, its column numbers, then one row per characteristic
const TZ = [
  ['ТЕХНИЧЕСКОЕ ЗАДАНИЕ на поставку ноутбуков', '', '', '', '', '', ''],
  ['', '', '', '', '', '', ''],
  [
    '№ п/п',
    'Наименование показателя',
    'Значение показателя',
    'Единица измерения',
    'Обязательность',
    'Значение показателя, предлагаемое участником закупки',
    'Примечание',
  ],
  ['1', '2', '3', '4', '5', '6', '7'],
  ['1', 'Объем оперативной памяти', 'не менее 16', 'Гбайт', 'Да', '', ''],
  ['2', 'Масса ноутбука', 'не более 1,8', 'кг', 'Да', '', ''],
  ['3', 'Количество портов USB Type-C', 'от 2 до 4', 'шт', 'Да', '', ''],
  ['4', 'Диагональ экрана', '15,6', 'дюйм', 'Да', '', ''],
  ['5', 'Встроенная веб-камера', 'наличие', '', 'Да', '', ''],
  ['6', 'Тип матрицы', 'IPS', '', 'Желательно', '', 'допускается OLED'],
];

describe('a Russian technical specification keeps its required values (XLSX)', () => {
  it('maps the value and unit columns and names the column it does not read', async () => {
    const { grid } = await readGrid(await xlsxOf('ТЗ', TZ));
    const { detection, rows } = specsOf(grid);
    expect(detection.mapping).toEqual({
      headerRow: 3,
      columns: { reference: 0, text: 1, value: 2, unit: 3, mandatory: 4 },
    });
    expect(rows.rejected).toEqual([]);
    // the supplier's column is empty: nothing to say; «Примечание» holds text nobody reads
    expect(rows.warnings).toEqual([
      { row: 3, reason: expect.stringMatching(/^column G "Примечание" is not imported/) },
    ]);
  });

  it('types each value as the requirement the answer is checked against, unit kept', async () => {
    const { grid } = await readGrid(await xlsxOf('ТЗ', TZ));
    const { byRef } = specsOf(grid);
    expect(byRef('1')).toMatchObject({
      title: { ru: 'Объем оперативной памяти: не менее 16 Гбайт' },
      dataType: 'number',
      minValue: 16,
      maxValue: null,
      expectedValue: null,
      unit: 'Гбайт',
      mandatory: true,
    });
    expect(byRef('2')).toMatchObject({ dataType: 'number', maxValue: 1.8, minValue: null, unit: 'кг' });
    expect(byRef('3')).toMatchObject({ minValue: 2, maxValue: 4, unit: 'шт' });
    expect(byRef('4')).toMatchObject({ dataType: 'number', expectedValue: 15.6, unit: 'дюйм' });
    expect(byRef('5')).toMatchObject({ dataType: 'boolean', expectedValue: true });
    expect(byRef('5').unit).toBeUndefined();
    expect(byRef('6')).toMatchObject({ dataType: 'string', expectedValue: 'IPS', mandatory: false });
  });

  it('checks answers against them exactly as an OCDS requirement', async () => {
    const { grid } = await readGrid(await xlsxOf('ТЗ', TZ));
    const { byRef } = specsOf(grid);
    expect(checkAnswer(byRef('1'), 8)).toEqual({
      ok: true,
      value: 8,
      compliant: false,
      reason: '8 is below the minimum 16',
    });
    expect(checkAnswer(byRef('1'), 16)).toMatchObject({ compliant: true });
    expect(checkAnswer(byRef('2'), 2.1)).toMatchObject({ compliant: false });
    expect(checkAnswer(byRef('3'), 5)).toMatchObject({ compliant: false });
    expect(checkAnswer(byRef('3'), 3)).toMatchObject({ compliant: true });
    expect(checkAnswer(byRef('4'), 15.6)).toMatchObject({ compliant: true });
    expect(checkAnswer(byRef('5'), false)).toMatchObject({ compliant: false });
    expect(checkAnswer(byRef('6'), 'IPS')).toMatchObject({ compliant: true });
  });

  it('says when the supplier column already holds answers, and what a strict bound leaves unchecked', async () => {
    const filled = TZ.map((r, i) => (i === 4 ? ['1', 'Количество ядер', 'более 4', 'шт', 'Да', '8', ''] : r));
    const { grid } = await readGrid(await xlsxOf('ТЗ', filled));
    const { rows } = specsOf(grid);
    expect(rows.warnings).toContainEqual({
      row: 3,
      reason: expect.stringMatching(
        /^column F ".*предлагаемое участником закупки" is for the supplier's answer/,
      ),
    });
    expect(rows.warnings).toContainEqual({ row: 5, reason: expect.stringMatching(/strict bound/) });
    expect(rows.requirements[0]).toMatchObject({ dataType: 'number', minValue: null });
  });
});

describe('a Ukrainian specification as a semicolon-separated Windows-1251 CSV', () => {
  it('keeps the values, units and the decimal comma', async () => {
    const csv = [
      '№ з/п;Найменування показника;Значення показника;Одиниця виміру;Обов’язковість',
      '1;Обсяг оперативної пам’яті;не менше 16;Гбайт;так',
      '2;Частота процесора;не менше 2,4;ГГц;так',
      '3;Гарантійний строк;від 24 до 36;місяців;бажано',
      '4;Операційна система;Windows 11 Pro;;так',
    ].join('\r\n');
    const { grid } = await readGrid(new Uint8Array(iconv.encode(csv, 'win1251')));
    const { detection, rows, byRef } = specsOf(grid);
    expect(detection.mapping.columns).toEqual({ reference: 0, text: 1, value: 2, unit: 3, mandatory: 4 });
    expect(rows.warnings).toEqual([]);
    expect(byRef('1')).toMatchObject({
      title: { ru: 'Обсяг оперативної пам’яті: не менше 16 Гбайт' },
      minValue: 16,
      unit: 'Гбайт',
    });
    expect(byRef('2')).toMatchObject({ minValue: 2.4, unit: 'ГГц' });
    expect(byRef('3')).toMatchObject({ minValue: 24, maxValue: 36, mandatory: false });
    expect(byRef('4')).toMatchObject({ dataType: 'string', expectedValue: 'Windows 11 Pro' });
  });
});

describe('min and max columns', () => {
  it('become the bounds, with the unit', () => {
    const grid: Grid = [
      ['Ref', 'Requirement', 'Min value', 'Max value', 'Unit'],
      ['R1', 'Operating temperature', '0', '40', '°C'],
      ['R2', 'Uptime', '99,9', '', '%'],
      ['R3', 'Weight', 'light', '', 'kg'],
    ];
    const { rows, byRef } = specsOf(grid);
    expect(byRef('R1')).toMatchObject({
      title: { ru: 'Operating temperature: 0–40 °C' },
      dataType: 'number',
      minValue: 0,
      maxValue: 40,
      unit: '°C',
    });
    expect(byRef('R2')).toMatchObject({ minValue: 99.9, maxValue: null });
    expect(rows.warnings).toEqual([{ row: 4, reason: 'minimum "light" is not a number: not checked' }]);
  });

  it('under a merged «Значение показателя» over «минимальное» and «максимальное», are the bounds', () => {
    const grid: Grid = [
      ['№ п/п', 'Наименование показателя', 'Значение показателя', 'Значение показателя', 'Единица измерения'],
      ['№ п/п', 'Наименование показателя', 'минимальное', 'максимальное', 'Единица измерения'],
      ['1', 'Рабочая температура', '5', '35', '°C'],
    ];
    const { detection, byRef } = specsOf(grid);
    expect(detection.mapping).toEqual({
      headerRow: 2,
      columns: { reference: 0, text: 1, minValue: 2, maxValue: 3, unit: 4 },
    });
    expect(byRef('1')).toMatchObject({ minValue: 5, maxValue: 35, expectedValue: null, unit: '°C' });
  });
});
