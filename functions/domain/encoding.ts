import chardet from 'chardet';
import type { Warning } from './tender.ts';

/**
 * Documents arrive in the bytes their publisher used: UTF-8 mostly, but ISO-8859-1 and
 * Windows-1251/1252 are common in Latin American and Russian publications. Decode them to text
 * without ever turning a character into U+FFFD silently: a BOM wins, then a charset the sender
 * declared, then valid UTF-8, then detection (chardet); anything not UTF-8 is named in a warning.
 * The decoders are the platform's (TextDecoder, the WHATWG Encoding Standard's charsets and labels):
 * no codec tables in the bundle; a byte a charset leaves undefined reads as its C1 control, never U+FFFD.
 */
export interface DecodedText {
  text: string;
  /** the encoding the bytes were read in, lower case (`utf-8`, `iso-8859-1`, `windows-1251`, …) */
  encoding: string;
  /** set when the document was not UTF-8 (or its encoding was guessed) */
  warning?: Warning;
}

const BOMS: [Uint8Array, string][] = [
  [Uint8Array.of(0xef, 0xbb, 0xbf), 'utf-8'],
  [Uint8Array.of(0xff, 0xfe), 'utf-16le'],
  [Uint8Array.of(0xfe, 0xff), 'utf-16be'],
];

const UTF8 = new Set(['utf-8', 'utf8']);
/** how many bytes of non-ASCII strings detection reads */
const DETECTION_SAMPLE_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A decoder for a charset name or label, or undefined when the platform knows no such charset. */
function decoderFor(encoding: string): { decode(input: Uint8Array): string } | undefined {
  try {
    return new TextDecoder(encoding);
  } catch {
    return undefined;
  }
}

const decode = (bytes: Uint8Array, encoding: string): string =>
  (decoderFor(encoding) ?? strictUtf8).decode(bytes);

function validUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Detection reads only the JSON strings that hold non-ASCII bytes: in a tender the keys and most
 * values are ASCII, which drowns the signal (a Windows-1251 Prozorro tender whole reads as 1252).
 */
function nonAsciiStrings(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  const QUOTE = 0x22;
  let i = 0;
  while (i < bytes.length && out.length < DETECTION_SAMPLE_BYTES) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && bytes[start - 1] !== QUOTE) start--;
    let end = i;
    while (end < bytes.length && bytes[end] !== QUOTE) end++;
    for (let k = start; k < end; k++) out.push(bytes[k] as number);
    out.push(0x20);
    i = end + 1;
  }
  return Uint8Array.from(out);
}

/** ISO-8859-1 is read as Windows-1252 (as browsers do): 0x80–0x9F are printable there, never C1 controls. */
const READ_AS: Record<string, string> = { 'iso-8859-1': 'windows-1252' };

const startsWith = (bytes: Uint8Array, prefix: Uint8Array) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** The charset parameter of a Content-Type header, lower case, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

const transcoded = (encoding: string, how: string): Warning => ({
  path: '',
  message: `the document is encoded in ${encoding.toUpperCase()}, not UTF-8 (${how}); it was transcoded to UTF-8 and stored as sent`,
});

/**
 * Bytes → text. `declared` is the charset the sender named (Content-Type), if any; an unknown
 * declared charset is ignored. Throws nothing: undecodable input falls back to detection.
 */
export function decodeDocument(bytes: Uint8Array, declared?: string): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (!startsWith(bytes, bom)) continue;
    const text = decode(bytes.subarray(bom.length), encoding);
    return encoding === 'utf-8'
      ? { text, encoding }
      : { text, encoding, warning: transcoded(encoding, 'byte order mark') };
  }
  const named = declared?.toLowerCase();
  if (named !== undefined && !UTF8.has(named) && decoderFor(named))
    return {
      text: decode(bytes, READ_AS[named] ?? named),
      encoding: named,
      warning: transcoded(named, 'declared charset'),
    };
  const utf8 = validUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const guess = chardet.detect(nonAsciiStrings(bytes))?.toLowerCase();
  // Detection can only name an 8-bit charset here (the bytes are not UTF-8); Windows-1252 is the
  // safe superset of ISO-8859-1 when it cannot tell.
  const encoding = guess !== undefined && !UTF8.has(guess) && decoderFor(guess) ? guess : 'windows-1252';
  return {
    text: decode(bytes, READ_AS[encoding] ?? encoding),
    encoding,
    warning: transcoded(
      encoding,
      named !== undefined && UTF8.has(named) ? 'declared UTF-8, but the bytes are not; detected' : 'detected',
    ),
  };
}
