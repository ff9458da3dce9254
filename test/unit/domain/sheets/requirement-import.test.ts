import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRequirements } from '../../../../functions/domain/checklist/requirements.ts';
import { readGrid } from '../../../../functions/domain/sheets/files.ts';
import {
  columnIndex,
  columnLetter,
  detectHeader,
  type Grid,
} from '../../../../functions/domain/sheets/header.ts';
import {
  sheetRelease,
  titleBlock,
  withSheetRequirements,
} from '../../../../functions/domain/sheets/release.ts';
import { readRequirementRows } from '../../../../functions/domain/sheets/requirement-rows.ts';

const fixture = readFileSync(
  new URL('../../../fixtures/sheets/ru-44fz-technical-specification.xlsx', import.meta.url),
);

describe('header detection and column mapping', () => {
  it('finds an English header below a title block', () => {
    const grid: Grid = [
      ['Invitation to tender ITT-2026-041', '', ''],
      ['Annex B: requirements', '', ''],
      ['', '', ''],
      ['Ref', 'Requirement', 'Mandatory (Y/N)', 'Lot', 'Expected answer'],
      ['R1', 'ISO 27001 certificate', 'Y', '1', 'Document'],
    ];
    const d = detectHeader(grid);
    expect(d?.sure).toBe(true);
    expect(d?.mapping).toEqual({
      headerRow: 4,
      columns: { reference: 0, text: 1, mandatory: 2, lot: 3, answerType: 4 },
    });
  });

  it('maps Ukrainian header names', () => {
    const grid: Grid = [
      ['№ з/п', 'Вимога', 'Обов’язковість', 'Категорія', 'Лот', 'Тип відповіді'],
      ['1', 'Наявність ліцензії', 'так', 'Кваліфікація', '', 'Документ'],
    ];
    const d = detectHeader(grid);
    expect(d?.sure).toBe(true);
    expect(d?.mapping.columns).toEqual({
      reference: 0,
      text: 1,
      mandatory: 2,
      category: 3,
      lot: 4,
      answerType: 5,
    });
  });

  it('is unsure when no column is named as the requirement text exactly', () => {
    const grid: Grid = [
      ['Item', 'Details of the requirement for bidders', 'Notes'],
      ['1', 'Hold a licence', ''],
    ];
    const d = detectHeader(grid);
    expect(d?.sure).toBe(false);
    expect(d?.doubts.join(' ')).toMatch(/requirement text/);
    expect(d?.mapping.columns.text).toBe(1);
  });

  it('finds no header in a sheet that names no requirement column', () => {
    expect(
      detectHeader([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBeUndefined();
  });

  it('converts column letters both ways', () => {
    expect([0, 25, 26, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ']);
    expect(['A', 'z', 'AA', 'ZZ'].map(columnIndex)).toEqual([0, 25, 26, 701]);
    expect(columnIndex('A1')).toBeUndefined();
  });
});

describe('the Russian 44-FZ technical specification (title block, merged two-row header, sections)', () => {
  it('detects the two-row merged header and maps every column', async () => {
    const { grid } = await readGrid(fixture);
    const d = detectHeader(grid);
    expect(d?.sure).toBe(true);
    expect(d?.mapping).toEqual({
      headerRow: 7,
      columns: { reference: 0, lot: 1, text: 2, category: 3, mandatory: 4, answerType: 5 },
    });
    expect(titleBlock(grid, 7)).toMatch(
      /^Приложение № 1 .* — ТЕХНИЧЕСКОЕ ЗАДАНИЕ — на поставку компьютерного/,
    );
  });

  it('reads requirements under their sections and reports every unusable row with the reason', async () => {
    const { grid } = await readGrid(fixture);
    const d = detectHeader(grid);
    if (!d) throw new Error('no header');
    const rows = readRequirementRows(grid, d.mapping);
    expect(rows.requirements.map((r) => r.reference)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
    ]);
    const [first] = rows.requirements;
    expect(first).toMatchObject({
      row: 9,
      lot: '1',
      dataType: 'number',
      mandatory: true,
      category: 'selection-technical',
      section: '1. Требования к поставляемому товару',
    });
    const byRef = new Map(rows.requirements.map((r) => [r.reference, r]));
    expect(byRef.get('2.1')).toMatchObject({ category: 'exclusion', document: true, lot: null });
    expect(byRef.get('2.2')?.dataType).toBe('boolean');
    expect(byRef.get('2.3')?.category).toBe('guarantee');
    expect(byRef.get('2.4')?.mandatory).toBe(false);
    expect(rows.rejected).toEqual([
      { row: 18, reason: 'no requirement text' },
      { row: 19, reason: 'mandatory: cannot read "возможно" as yes or no' },
      { row: 21, reason: 'no requirement text' },
    ]);
  });

  it('becomes requirements exactly as the OCDS intake extracts them', async () => {
    const { grid } = await readGrid(fixture);
    const d = detectHeader(grid);
    if (!d) throw new Error('no header');
    const rows = readRequirementRows(grid, d.mapping).requirements;
    const release = sheetRelease('ocds-sheet-1', 'ТЗ', rows, {
      fileName: 'tz.xlsx',
      sha256: 'ab'.repeat(32),
      now: '2026-12-01T00:00:00Z',
    });
    const warnings: string[] = [];
    const specs = extractRequirements(release, (p, m) => warnings.push(`${p}: ${m}`), { language: 'ru' });
    expect(warnings).toEqual([]);
    expect(specs).toHaveLength(8);
    expect(specs[0]).toMatchObject({
      key: 'sheet-1.1/1/1.1',
      title: { ru: 'Системный блок: количество ядер процессора не менее 8' },
      lotIds: ['1'],
      obligation: 'lot',
      dataType: 'number',
      category: 'selection-technical',
      mandatory: true,
    });
    expect(specs.find((s) => s.requirementId === '2.1')).toMatchObject({
      category: 'exclusion',
      eligibleEvidences: [{ type: 'document' }],
    });
    expect(specs.find((s) => s.requirementId === '2.4')?.mandatory).toBe(false);
  });

  it('re-importing into a tender replaces the earlier spreadsheet criteria and keeps the published ones', () => {
    const published = {
      id: 'EXCL-1',
      requirementGroups: [{ id: 'g', requirements: [{ id: 'r', title: 'x' }] }],
    };
    const before = {
      ocid: 'ocds-1',
      id: 'rel-1',
      date: '2026-01-01T00:00:00Z',
      tender: { criteria: [published, { id: 'sheet-9', requirementGroups: [] }] },
    };
    const row = {
      row: 2,
      reference: '1',
      text: 'New',
      mandatory: true,
      category: 'other' as const,
      categoryLabel: null,
      lot: null,
      dataType: null,
      value: null,
      expectedValue: null,
      minValue: null,
      maxValue: null,
      unit: null,
      document: false,
      section: null,
    };
    const after = withSheetRequirements(before, [row], {
      fileName: 'f.csv',
      sha256: 'cd'.repeat(32),
      now: '2026-12-01T00:00:00Z',
    });
    const criteria = (after.tender as { criteria: { id: string }[] }).criteria;
    expect(criteria.map((c) => c.id)).toEqual(['EXCL-1', 'sheet-1']);
    expect(after.date).toBe('2026-12-01T00:00:00Z');
    expect(after.id).not.toBe('rel-1');
  });
});

describe('CSV', () => {
  it('reads a semicolon-separated Windows-1251 file, as Excel saves it in Russian', async () => {
    const text = 'Номер;Требование;Обязательно\r\n1;Наличие лицензии;Да\r\n';
    const bytes = new Uint8Array(
      [...text].map((ch) => {
        const code = ch.charCodeAt(0);
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        return code;
      }),
    );
    const { grid } = await readGrid(bytes);
    expect(grid[1]).toEqual(['1', 'Наличие лицензии', 'Да']);
    expect(detectHeader(grid)?.mapping.columns).toEqual({ reference: 0, text: 1, mandatory: 2 });
  });
});

describe('sections', () => {
  it('reads a CSV section heading (one numbered cell outside the text column) as the section, not a rejected row', () => {
    const grid: Grid = [
      ['Ref', 'Requirement', 'Mandatory'],
      ['2. Qualification', '', ''],
      ['2.1', 'Three similar contracts', 'Yes'],
      ['Signed: the buyer', '', ''],
    ];
    const d = detectHeader(grid);
    if (!d) throw new Error('no header');
    const rows = readRequirementRows(grid, d.mapping);
    expect(rows.requirements).toMatchObject([{ reference: '2.1', section: '2. Qualification' }]);
    expect(rows.rejected).toEqual([{ row: 4, reason: 'no requirement text' }]);
  });
});
