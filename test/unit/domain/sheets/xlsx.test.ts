import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { readGrid, UnreadableSheetError } from '../../../../functions/domain/sheets/files.ts';
import { writeXlsx } from '../../../../functions/domain/sheets/xlsx-write.ts';
import { LimitExceededError } from '../../../../functions/lib/limits.ts';

/** Parts of a minimal workbook, to be replaced one at a time by hostile ones. */
const PARTS: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Req" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  'xl/sharedStrings.xml':
    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Requirement</t></si><si><r><t>ISO </t></r><r><t>9001</t></r><rPh><t>phonetic</t></rPh></si></sst>',
  'xl/worksheets/sheet1.xml':
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>1.50</v></c><c r="C2" t="inlineStr"><is><t>inline</t></is></c></row></sheetData></worksheet>',
};

const xlsx = (replace: Record<string, string | Uint8Array> = {}) =>
  zipSync(
    Object.fromEntries(
      Object.entries({ ...PARTS, ...replace }).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v]),
    ),
  );

const refused = async (bytes: Uint8Array, message: RegExp) => {
  const read = readGrid(bytes);
  await expect(read).rejects.toBeInstanceOf(UnreadableSheetError);
  await expect(read).rejects.toThrow(message);
};

/** Past a limit (lib/limits.ts): a LimitExceededError the API answers 422, naming the limit. */
const overLimit = async (bytes: Uint8Array, limit: string, message: RegExp) => {
  const read = readGrid(bytes);
  await expect(read).rejects.toBeInstanceOf(LimitExceededError);
  await expect(read).rejects.toMatchObject({ limit, status: 422 });
  await expect(read).rejects.toThrow(message);
};

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`;

describe('XLSX reading (fflate + saxes)', () => {
  it('reads shared strings (rich text joined, phonetic hints left out), numbers and inline strings', async () => {
    expect((await readGrid(xlsx())).grid).toEqual([
      ['Requirement', '', ''],
      ['ISO 9001', '1.5', 'inline'],
    ]);
  });

  it('refuses a DOCTYPE: no entity expansion (billion laughs), no external entity (XXE)', async () => {
    const started = performance.now();
    await refused(xlsx({ 'xl/sharedStrings.xml': LAUGHS }), /sharedStrings.*DOCTYPE/);
    await refused(xlsx({ 'xl/worksheets/sheet1.xml': XXE }), /sheet1\.xml.*DOCTYPE/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses an entity it does not know, even without a DOCTYPE', async () => {
    await refused(
      xlsx({ 'xl/sharedStrings.xml': PARTS['xl/sharedStrings.xml']?.replace('Requirement', '&xxe;') ?? '' }),
      /sharedStrings/,
    );
  });

  it('stops unpacking a part past 64 MiB (a ZIP bomb): 422 naming the limit', async () => {
    const zip = new ZipFile();
    for (const [name, xml] of Object.entries(PARTS))
      if (name !== 'xl/worksheets/sheet1.xml') zip.addBuffer(Buffer.from(xml), name);
    zip.addBuffer(Buffer.alloc(65 * 1024 * 1024, 0x20), 'xl/worksheets/sheet1.xml');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const bomb = Buffer.concat(chunks);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    await overLimit(
      bomb,
      'expandedBytes',
      /unpacks to more than 67,108,864 bytes, the limit \(reached at xl\/worksheets\/sheet1\.xml\)/,
    );
  });

  it('refuses what is not an XLSX: a ZIP header and junk, a ZIP without a workbook, malformed XML', async () => {
    await refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /not a readable XLSX file/);
    await refused(zipSync({ 'readme.txt': strToU8('hello') }), /no workbook/);
    await refused(xlsx({ 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row>' }), /sheet1\.xml/);
  });

  it('names the worksheets there are when the one asked for is not', async () => {
    await expect(readGrid(xlsx(), 'Other')).rejects.toThrow(/no worksheet named "Other" \(there are: Req\)/);
  });

  it('refuses more rows than it reads', async () => {
    const far = PARTS['xl/worksheets/sheet1.xml']
      ?.replace('<row r="2">', '<row r="20002">')
      .replace(/A2|B2|C2/g, (c) => `${c[0]}20002`);
    await overLimit(
      xlsx({ 'xl/worksheets/sheet1.xml': far ?? '' }),
      'rows',
      /worksheet "Req" has more than 20,000 rows below its header; the limit is 20,000 rows/,
    );
  });
});

describe('XLSX writing', () => {
  it('writes what the reader reads back: neutralised text, XML specials, CR, tab, Cyrillic, _xHHHH_ as typed', async () => {
    const rows = [
      { a: '=1+2', b: 'x & <y> "q" \r\n line _x0041_' },
      { a: '', b: '\ttab Кириллица' },
    ];
    const bytes = await writeXlsx([
      {
        name: 'Matrix',
        header: true,
        columns: [
          { key: 'a', header: 'A', width: 10 },
          { key: 'b', header: 'B', width: 10, list: ['Yes', 'No'], hidden: true },
        ],
        rows,
      },
      { name: 'Second', columns: [{ key: 'x', header: 'X', width: 5 }], rows: [{ x: '1' }] },
    ]);
    expect((await readGrid(bytes)).grid).toEqual([
      ['A', 'B'],
      ["'=1+2", 'x & <y> "q" \r\n line _x0041_'],
      ['', "'\ttab Кириллица"],
    ]);
    expect((await readGrid(bytes, 'Second')).grid).toEqual([['X'], ['1']]);
    const sheet = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toContain('<autoFilter ref="A1:B3"/>');
    expect(sheet).toContain('sqref="B2:B3"><formula1>&quot;Yes,No&quot;</formula1>');
    expect(sheet).toContain('hidden="1"');
    expect(sheet).not.toContain('<f>');
  });

  it('reads the committed 44-FZ fixture (written by exceljs) as before', async () => {
    const fixture = readFileSync(
      new URL('../../../fixtures/sheets/ru-44fz-technical-specification.xlsx', import.meta.url),
    );
    const { grid } = await readGrid(fixture);
    expect(grid).toHaveLength(21);
    expect(grid[5]).toEqual(['№ п/п', 'Лот', 'Требования', 'Требования', 'Требования', 'Ожидаемый ответ']);
    expect(grid[6]).toEqual([
      '№ п/п',
      'Лот',
      'Наименование требования',
      'Категория',
      'Обязательность',
      'Ожидаемый ответ',
    ]);
  });
});
