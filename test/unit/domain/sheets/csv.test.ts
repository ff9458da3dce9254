import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readGrid } from '../../../../functions/domain/sheets/files.ts';

const CSV = '№ п/п;Наименование требования;Обязательность\r\n1;Гарантийный срок не менее 36 месяцев;Да\r\n';
const GRID = [
  ['№ п/п', 'Наименование требования', 'Обязательность'],
  ['1', 'Гарантийный срок не менее 36 месяцев', 'Да'],
];

describe('CSV reading in every usual encoding', () => {
  it('reads UTF-8, with or without a BOM, without a warning', async () => {
    expect(await readGrid(Buffer.from(CSV))).toEqual({ grid: GRID });
    expect(await readGrid(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]))).toEqual({
      grid: GRID,
    });
  });

  it('reads Windows-1251 and UTF-16 (the codecs loaded only for them), naming the encoding in a warning', async () => {
    const cp1251 = await readGrid(iconv.encode(CSV, 'windows-1251'));
    expect(cp1251.grid).toEqual(GRID);
    expect(cp1251.warning).toMatch(/WINDOWS-1251/);
    const utf16 = await readGrid(iconv.encode(CSV, 'utf-16le', { addBOM: true }));
    expect(utf16.grid).toEqual(GRID);
    expect(utf16.warning).toMatch(/UTF-16LE/);
  });
});
