import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import {
  contentTypeProblem,
  downloadDisposition,
  evidenceFileName,
} from '../../../functions/domain/evidence-file.ts';
import { writeXlsx } from '../../../functions/domain/sheets/xlsx-write.ts';

/** A real 1×1 PNG, a PDF header, a Windows executable's header, an HTML page. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/steal")</script></body></html>');

describe('evidence file names', () => {
  it.each([
    ['Сертификат.pdf', 'Сертификат.pdf'],
    ['a\u0000b.pdf', 'a b.pdf'],
    ['line\u2028break.pdf', 'line break.pdf'],
    ['C:\\Users\\x\\cert.pdf', 'cert.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['  ..hidden. ', 'hidden'],
    ['\u202egpj.exe', 'gpj.exe'],
    ['\u0000', 'evidence'],
  ])('keeps %j as %j', (given, kept) => {
    expect(evidenceFileName(given)).toBe(kept);
  });

  it('cuts a long name to 200 characters, keeping the extension', () => {
    const name = evidenceFileName(`${'я'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('я.pdf')).toBe(true);
  });

  it.each([
    ['Сертификат.pdf', 'evidence.pdf'],
    ['Café déclaration.pdf', 'Cafe declaration.pdf'],
    ['a\u0000b\u2028c.pdf', 'a b c.pdf'],
    ['100% "sure".pdf', '100_ _sure_.pdf'],
  ])('sends %j as an ASCII header that reads back as the kept name (RFC 6266 / 5987)', (given, fallback) => {
    const header = downloadDisposition(given);
    expect(header).toMatch(/^attachment; /);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const parsed = parse(header);
    expect(parsed.type).toBe('attachment');
    expect(parsed.parameters.filename).toBe(evidenceFileName(given));
    // what a user agent that ignores filename* saves it as
    expect(parse(header, { extended: false }).parameters.filename).toBe(fallback);
  });
});

describe('uploaded bytes against the declared type (file-type)', () => {
  it('accepts each type for what it is', async () => {
    expect(await contentTypeProblem('application/pdf', PDF)).toBeUndefined();
    expect(await contentTypeProblem('image/png', PNG)).toBeUndefined();
    expect(
      await contentTypeProblem('text/plain', Buffer.from('Reference list\r\nAcme; 2024')),
    ).toBeUndefined();
    expect(await contentTypeProblem('text/plain', Buffer.from('Справка о выручке, 2024 г.'))).toBeUndefined();
    const xlsx = await writeXlsx([
      { name: 'Sheet', columns: [{ key: 'a', header: 'A', width: 10 }], rows: [{ a: 'x' }] },
    ]);
    expect(
      await contentTypeProblem('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx),
    ).toBeUndefined();
    expect(await contentTypeProblem('application/zip', xlsx)).toBeUndefined();
  });

  it('refuses HTML stored as a PDF and an executable as a PNG, naming the declared and the detected type', async () => {
    expect(await contentTypeProblem('application/pdf', HTML)).toBe(
      'declared application/pdf, but the file is text/html (markup)',
    );
    expect(await contentTypeProblem('image/png', EXE)).toBe(
      'declared image/png, but the file is application/x-msdownload (.exe)',
    );
    expect(await contentTypeProblem('image/jpeg', PNG)).toBe(
      'declared image/jpeg, but the file is image/png (.png)',
    );
    expect(await contentTypeProblem('application/pdf', Buffer.from('just words'))).toBe(
      'declared application/pdf, but the file is of no type a detector recognises',
    );
  });

  it('refuses "plain text" that is a detected type, binary, or HTML', async () => {
    expect(await contentTypeProblem('text/plain', EXE)).toMatch(/application\/x-msdownload/);
    expect(await contentTypeProblem('text/plain', PDF)).toMatch(/application\/pdf/);
    expect(await contentTypeProblem('text/plain', HTML)).toBe(
      'declared text/plain, but the file is text/html (markup)',
    );
    expect(await contentTypeProblem('text/plain', Buffer.from('notes <svg onload=alert(1)>'))).toMatch(
      /text\/html/,
    );
    expect(await contentTypeProblem('text/plain', Buffer.from([0x41, 0x00, 0x42, 0x01]))).toMatch(/binary/);
  });
});
