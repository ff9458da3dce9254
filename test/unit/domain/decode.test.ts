import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../functions/domain/decode.ts';
import { decodeDocument } from '../../../functions/domain/encoding.ts';

const BOM = [0xef, 0xbb, 0xbf];

describe('decodeBytes: decodeDocument, its codecs loaded only for bytes that are not UTF-8', () => {
  it('answers exactly what decodeDocument answers, for any bytes and declared charset', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'grapheme', maxLength: 32 }).map((s) => new TextEncoder().encode(s)),
      fc
        .string({ unit: 'grapheme', maxLength: 32 })
        .map((s) => Uint8Array.from([...BOM, ...new TextEncoder().encode(s)])),
    );
    const declared = fc.constantFrom(
      undefined,
      'utf-8',
      'UTF8',
      'windows-1251',
      'iso-8859-1',
      'no-such-charset',
    );
    await fc.assert(
      fc.asyncProperty(bytes, declared, async (b, d) => {
        expect(await decodeBytes(b, d)).toEqual(decodeDocument(b, d));
      }),
    );
  });
});
