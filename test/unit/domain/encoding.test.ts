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
