import { describe, expect, it } from 'vitest';
import { readGrid } from '../../../../functions/domain/sheets/files.ts';
import { detectHeader, type Grid } from '../../../../functions/domain/sheets/header.ts';
import { readRequirementRows } from '../../../../functions/domain/sheets/requirement-rows.ts';
import type { SheetTable } from '../../../../functions/domain/sheets/tables.ts';
import { chooseSheet, type NamedSheet } from '../../../../functions/domain/sheets/workbook.ts';
import { writeXlsx } from '../../../../functions/domain/sheets/xlsx-write.ts';

/** A sheet holding exactly these rows (the first as the row writeXlsx writes as its header). */
const table = (name: string, rows: string[][]): SheetTable<string> => {
  const [first = [], ...rest] = rows;
  const keys = first.map((_, i) => `c${i}`);
  return {
    name,
    columns: first.map((header, i) => ({ key: keys[i] ?? '', header, width: 20 })),
    rows: rest.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? '']))),
  };
};

/** Every sheet of the workbook, each read by name through the project's reader. */
async function sheetsOf(bytes: Buffer, names: string[]): Promise<NamedSheet[]> {
  return Promise.all(names.map(async (name) => ({ name, rows: (await readGrid(bytes, name)).grid })));
}

// the shape of a UK/EU buyer's compliance matrix: instructions first, the matrix, then pricing
const INSTRUCTIONS = [
  ['Instructions for completing the compliance matrix'],
  ['1. Complete the Response column for each requirement on the Requirements sheet.'],
  ['2. Mandatory (M) requirements must be met; Desirable (D) requirements are scored.'],
  ['3. Do not change the Req ID or the requirement text.'],
];
const MATRIX = [
  ['ITT-2026-041 Managed print service: Schedule 2 Compliance matrix', '', '', '', '', ''],
  ['Req ID', 'Section', 'Requirement', 'M/D', 'Supplier response', 'Comments'],
  ['SR-001', 'Service', 'Devices are replaced within 2 working days of a fault report', 'M', '', ''],
  ['SR-002', 'Service', 'Toner is delivered before devices run out (automatic replenishment)', 'M', '', ''],
  ['SR-003', 'Reporting', 'A monthly usage report per department', 'D', '', ''],
  ['SR-004', 'Security', 'Secure print release with staff ID cards', 'Desirable', '', ''],
  ['SR-005', 'Sustainability', 'Devices carry the Blue Angel or an equivalent ecolabel', 'O', '', ''],
];
const PRICING = [
  ['Item', 'Unit price (GBP)', 'Quantity'],
  ['A4 mono page', '', '1000000'],
];

describe('an English compliance matrix', () => {
  it('reads Req ID as the reference and D, Desirable and O as optional requirements', () => {
    const d = detectHeader(MATRIX);
    expect(d?.sure).toBe(true);
    expect(d?.mapping).toEqual({
      headerRow: 2,
      columns: { reference: 0, category: 1, text: 2, mandatory: 3 },
    });
    if (!d) throw new Error('no header');
    const rows = readRequirementRows(MATRIX, d.mapping);
    expect(rows.rejected).toEqual([]);
    expect(rows.requirements.map((r) => [r.reference, r.mandatory])).toEqual([
      ['SR-001', true],
      ['SR-002', true],
      ['SR-003', false],
      ['SR-004', false],
      ['SR-005', false],
    ]);
    // the supplier's columns are known and still empty: nothing is lost, nothing to say
    expect(rows.warnings).toEqual([]);
  });

  it.each([
    ['Mandatory/Desirable', 'Desirable', false],
    ['Priority', 'Must have', true],
    ['Priority', 'Should have', false],
    ['M/O/D', 'D - Desirable', false],
    ['M/O/D', 'M (Mandatory)', true],
    ['Requirement level', 'Optional', false],
    ['Обязательность', 'Желательно', false],
    ["Обов'язковість", 'Бажано', false],
  ])('maps "%s" and reads "%s" as mandatory: %s', (header, cell, mandatory) => {
    const grid: Grid = [
      ['Ref', 'Requirement', header],
      ['1', 'A named account manager', cell],
    ];
    const d = detectHeader(grid);
    expect(d?.mapping.columns.mandatory).toBe(2);
    if (!d) throw new Error('no header');
    expect(readRequirementRows(grid, d.mapping).requirements[0]?.mandatory).toBe(mandatory);
  });

  it('does not read the header legend copied into a cell ("M/D") as an answer', () => {
    const grid: Grid = [
      ['Requirement ID', 'Requirement', 'Mandatory/Desirable'],
      ['R1', 'Hold ISO 27001', 'M/D'],
    ];
    const d = detectHeader(grid);
    if (!d) throw new Error('no header');
    expect(readRequirementRows(grid, d.mapping).rejected).toEqual([
      { row: 2, reason: 'mandatory: cannot read "M/D" as yes or no' },
    ]);
  });

  it('names a supplier column that already holds answers, and a column nobody reads', () => {
    const grid: Grid = [
      ['Ref', 'Requirement', 'Compliance', 'Buyer guidance'],
      ['1', 'Hold ISO 27001', 'Yes', 'Certificate required'],
      ['2', 'Hold Cyber Essentials Plus', '', ''],
    ];
    const d = detectHeader(grid);
    expect(d?.mapping.columns).toEqual({ reference: 0, text: 1 });
    if (!d) throw new Error('no header');
    expect(readRequirementRows(grid, d.mapping).warnings).toEqual([
      {
        row: 1,
        reason: `column C "Compliance" is for the supplier's answer and is not imported (1 rows filled): answer in the checklist`,
      },
      {
        row: 1,
        reason:
          'column D "Buyer guidance" is not imported: no field is read from it (map it in the mapping if it holds one)',
      },
    ]);
  });
});

describe('a workbook of several sheets', () => {
  const workbook = () =>
    writeXlsx([
      table('Instructions', INSTRUCTIONS),
      table('Requirements', MATRIX),
      table('Pricing', PRICING),
    ]);

  it('reads the sheet whose header names its columns best, not the instructions before it', async () => {
    const sheets = await sheetsOf(await workbook(), ['Instructions', 'Requirements', 'Pricing']);
    const choice = chooseSheet(sheets);
    expect(choice?.sheet.name).toBe('Requirements');
    expect(choice?.names).toEqual(['Instructions', 'Requirements', 'Pricing']);
    expect(choice?.detection?.sure).toBe(true);
    expect(choice?.detection?.mapping.headerRow).toBe(2);
  });

  it('reads the sheet asked for, by its name in any case, and nothing for a name it does not have', async () => {
    const sheets = await sheetsOf(await workbook(), ['Instructions', 'Requirements', 'Pricing']);
    expect(chooseSheet(sheets, 'Pricing')?.sheet.name).toBe('Pricing');
    expect(chooseSheet(sheets, ' requirements ')?.sheet.name).toBe('Requirements');
    expect(chooseSheet(sheets, 'Lots')).toBeUndefined();
  });

  it('prefers a sure header to an unsure one, and the first sheet when none has a header', () => {
    const unsure: Grid = [
      ['Item', 'Details of the requirement for bidders'],
      ['1', 'x'],
    ];
    const sure: Grid = [
      ['Ref', 'Requirement', 'Mandatory'],
      ['1', 'x', 'Y'],
    ];
    expect(
      chooseSheet([
        { name: 'A', rows: unsure },
        { name: 'B', rows: sure },
      ])?.sheet.name,
    ).toBe('B');
    expect(
      chooseSheet([
        { name: 'Cover', rows: [['Tender pack']] },
        { name: 'Notes', rows: [['none']] },
      ]),
    ).toMatchObject({ sheet: { name: 'Cover' }, detection: undefined });
    expect(chooseSheet([{ name: null, rows: sure }])?.names).toEqual([]);
  });
});
