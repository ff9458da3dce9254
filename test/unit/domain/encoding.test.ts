import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeDocument } from '../../../functions/domain/encoding.ts';
import { readExampleText } from '../../support/fixtures.ts';

const spanish = readExampleText('paraguay-280555-record-package-1.1.json');
const ukrainian = readExampleText('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json');

describe('decodeDocument: bytes as sent → text, never a silent U+FFFD', () => {
  it('valid UTF-8 is read as is, with no warning', () => {
    expect(decodeDocument(Buffer.from(spanish))).toEqual({ text: spanish, encoding: 'utf-8' });
  });

  it('a UTF-8 byte order mark is dropped; a UTF-16 one is followed and warned about', () => {
    const bom = Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from('{"a":"é"}')]);
    expect(decodeDocument(bom)).toEqual({ text: '{"a":"é"}', encoding: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.of(0xff, 0xfe), iconv.encode('{"a":"é"}', 'utf-16le')]);
    expect(decodeDocument(utf16)).toMatchObject({ text: '{"a":"é"}', encoding: 'utf-16le', warning: {} });
  });

  it('an undeclared ISO-8859-1 document (real Paraguayan record package) is detected and transcoded', () => {
    const decoded = decodeDocument(iconv.encode(spanish, 'iso-8859-1'));
    expect(decoded.text).toBe(spanish);
    expect(decoded.encoding).toBe('iso-8859-1');
    expect(decoded.warning?.message).toContain('ISO-8859-1');
  });

  it('an undeclared Windows-1251 document (real Prozorro tender) is detected, though most of it is ASCII', () => {
    const decoded = decodeDocument(iconv.encode(ukrainian, 'windows-1251'));
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.text).toBe(ukrainian);
  });

  it('a declared charset wins over detection; a declared UTF-8 that is not is detected and said so', () => {
    const bytes = iconv.encode(spanish, 'windows-1252');
    expect(decodeDocument(bytes, 'windows-1252')).toMatchObject({ text: spanish, encoding: 'windows-1252' });
    const lying = decodeDocument(bytes, 'utf-8');
    expect(lying.text).toBe(spanish);
    expect(lying.warning?.message).toContain('declared UTF-8');
  });

  it('reads the charset parameter of a Content-Type', () => {
    expect(charsetOf('application/json; charset=ISO-8859-1')).toBe('iso-8859-1');
    expect(charsetOf('application/json;charset="windows-1251"')).toBe('windows-1251');
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf(undefined)).toBeUndefined();
  });
});

describe('short texts in 8-bit encodings (issue #19 item 6): the reading that is plausible text wins', () => {
  const doc = (name: string) => JSON.stringify({ buyer: { name } });

  it.each([
    ['Администрация г. Омска', 'windows-1251'],
    ['Администрация г. Омска', 'koi8-r'],
    ['Київ', 'windows-1251'],
    ['Київ', 'koi8-u'],
    ['м. Київ, вул. Хрещатик', 'windows-1251'],
    ['Запоріжжя', 'koi8-u'],
    ['Новосибірська область', 'windows-1251'],
    ['объявление', 'koi8-r'],
    ['поставка товаров', 'windows-1251'],
    ['Мінськ', 'windows-1251'],
    ['Gmina Łódź', 'windows-1250'],
    ['Gmina Łódź', 'iso-8859-2'],
    ['Żółć', 'windows-1250'],
    ['Zakup usług', 'windows-1250'],
    ['Škoda Plzeň', 'windows-1250'],
    ['Asunción', 'iso-8859-1'],
    ['São Paulo', 'windows-1252'],
  ])('%j in %s is read back, and the warning names the encoding used', (name, encoding) => {
    const decoded = decodeDocument(iconv.encode(doc(name), encoding));
    expect(decoded.text).toBe(doc(name));
    expect(decoded.warning?.message).toContain(`encoded in ${decoded.encoding.toUpperCase()}, not UTF-8`);
  });

  it('names the encoding that tells itself apart: Windows-1251 not ISO-8859-8, Windows-1250 not 1252', () => {
    expect(decodeDocument(iconv.encode(doc('Администрация г. Омска'), 'windows-1251')).encoding).toBe(
      'windows-1251',
    );
    expect(decodeDocument(iconv.encode(doc('Київ'), 'windows-1251')).encoding).toBe('windows-1251');
    expect(decodeDocument(iconv.encode(doc('Администрация г. Омска'), 'koi8-r')).encoding).toMatch(
      /^koi8-[ru]$/,
    );
    const polish = decodeDocument(iconv.encode(doc('Gmina Łódź'), 'windows-1250'));
    expect(polish).toMatchObject({ encoding: 'windows-1250', text: doc('Gmina Łódź') });
    expect(polish.warning?.message).toContain('WINDOWS-1250');
    expect(polish.warning?.message).toContain('Polish');
    expect(decodeDocument(iconv.encode(doc('Gmina Łódź'), 'iso-8859-2')).encoding).toBe('iso-8859-2');
  });

  it("reads the document's own language, and the languages the caller expects", () => {
    const bytes = iconv.encode(JSON.stringify({ language: 'pl', buyer: { name: 'Żółć' } }), 'windows-1250');
    expect(decodeDocument(bytes).text).toContain('Żółć');
    expect(
      decodeDocument(iconv.encode(doc('Żółć'), 'iso-8859-2'), undefined, { languages: ['pl'] }).text,
    ).toBe(doc('Żółć'));
    expect(decodeDocument(iconv.encode(doc('Ёлка'), 'koi8-r'), undefined, { languages: ['ru'] }).text).toBe(
      doc('Ёлка'),
    );
  });

  it('reads UTF-8 with and without a byte order mark, and UTF-16 with and without one', () => {
    const text = doc('Київ — Łódź');
    expect(decodeDocument(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeDocument(Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
    const le = Buffer.concat([Buffer.of(0xff, 0xfe), iconv.encode(text, 'utf-16le')]);
    expect(decodeDocument(le)).toMatchObject({ text, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.of(0xfe, 0xff), iconv.encode(text, 'utf-16be')]);
    expect(decodeDocument(be)).toMatchObject({ text, encoding: 'utf-16be' });
    const bare = decodeDocument(iconv.encode(text, 'utf-16le'));
    expect(bare).toMatchObject({ text, encoding: 'utf-16le' });
    expect(bare.warning?.message).toContain('UTF-16LE');
    expect(decodeDocument(iconv.encode(text, 'utf-16be'))).toMatchObject({ text, encoding: 'utf-16be' });
  });
});
