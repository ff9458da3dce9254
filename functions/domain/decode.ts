import type { DecodedText } from './encoding.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * decodeDocument (encoding.ts) without its charset detection at start-up: bytes that are valid UTF-8 (with or
 * without a UTF-8 BOM) and declare no other charset decode here exactly as decodeDocument decodes
 * them; anything else goes through decodeDocument, loaded on first need with its charset detection
 * (chardet), which a handler's cold start otherwise evaluates for documents that are almost all UTF-8.
 */
export async function decodeBytes(bytes: Uint8Array, declared?: string): Promise<DecodedText> {
  const named = declared?.toLowerCase();
  if (named === undefined || named === 'utf-8' || named === 'utf8') {
    try {
      return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
    } catch {
      // not UTF-8: detection below
    }
  }
  const { decodeDocument } = await import('./encoding.ts');
  return decodeDocument(bytes, declared);
}
