/**
 * What an uploaded evidence file is: its name as kept and as sent in `Content-Disposition`, and whether
 * its bytes are of the type it was declared as. Pure (no AWS).
 */
import { create as contentDisposition } from 'content-disposition';
import { fileTypeFromBuffer } from 'file-type';
import { oneLine } from '../lib/text.ts';
import type { EVIDENCE_CONTENT_TYPES } from './evidence.ts';

type EvidenceContentType = (typeof EVIDENCE_CONTENT_TYPES)[number];

/** How many first bytes of an upload are read to detect its type (file-type reads at most this far). */
export const DETECT_BYTES = 64 * 1024;
const MAX_NAME_CHARS = 200;

/**
 * A file name as the user gave it, made safe to keep and to send: the last path segment only, in NFC,
 * no control characters, line or paragraph separators (U+2028) or NUL (a space each, collapsed), no
 * bidirectional overrides, no leading or trailing dots and spaces, at most 200 characters (the extension
 * kept); `evidence` when nothing is left. Any script is kept: `Сертификат.pdf` stays `Сертификат.pdf`.
 */
export function evidenceFileName(name: string): string {
  const base = oneLine(name.normalize('NFC'))
    .split(/[/\\]/)
    .at(-1)
    ?.replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!base) return 'evidence';
  const chars = [...base];
  if (chars.length <= MAX_NAME_CHARS) return base;
  const ext = /\.[^.]{1,10}$/.exec(base)?.[0] ?? '';
  return chars.slice(0, MAX_NAME_CHARS - ext.length).join('') + ext;
}

/** An ASCII stand-in for user agents that ignore `filename*`: accents dropped, other letters `_`. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["%\\]/g, '_')
    .replace(/_+/g, '_');
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(ascii)?.[0] ?? '';
  return /^[_\s.]*$/.test(ascii.slice(0, ascii.length - ext.length)) ? `evidence${ext}` : ascii;
}

/**
 * `Content-Disposition: attachment` for a download (RFC 6266): `filename="<ASCII fallback>"` and, when
 * the name is not plain ASCII, `filename*=UTF-8''<percent-encoded>` (RFC 5987/8187), by the
 * content-disposition package. The header is ASCII whatever the name, so S3 can sign and send it.
 */
export const downloadDisposition = (fileName: string): string => {
  const name = evidenceFileName(fileName);
  return contentDisposition(name, { type: 'attachment', fallback: asciiFallback(name) });
};

/** The types file-type may report for each declared type (a ZIP may be an Office document inside). */
const OOXML = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];
const DETECTED_AS: Record<EvidenceContentType, readonly string[]> = {
  'application/pdf': ['application/pdf'],
  'image/png': ['image/png'],
  'image/jpeg': ['image/jpeg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [OOXML[0] as string],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [OOXML[1] as string],
  'application/zip': ['application/zip', ...OOXML],
  'text/plain': [],
};

const MARKUP = /^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|meta|!--)/i;
const EMBEDDED_MARKUP = /<(?:script|iframe|html|svg|object|embed)[\s>/]/i;

/**
 * Why the first bytes of an upload are not of the declared type, as a sentence naming both, or
 * undefined. Binary types must be detected as that type by file-type (magic numbers, and for Office
 * documents the ZIP entries); plain text, which no detector can confirm, must be neither a type the
 * detector knows (an executable, an image, a PDF…), nor binary (NUL bytes), nor HTML, SVG or XML.
 */
export async function contentTypeProblem(declared: string, head: Uint8Array): Promise<string | undefined> {
  const allowed = Object.hasOwn(DETECTED_AS, declared)
    ? DETECTED_AS[declared as EvidenceContentType]
    : undefined;
  if (!allowed) return `declared ${declared}, which is not a type evidence may have`;
  const detected = await fileTypeFromBuffer(head);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const looksLikeMarkup = MARKUP.test(text) || EMBEDDED_MARKUP.test(text);
  if (declared === 'text/plain') {
    if (detected) return `declared ${declared}, but the file is ${detected.mime} (.${detected.ext})`;
    if (looksLikeMarkup) return `declared ${declared}, but the file is text/html (markup)`;
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    if (head.includes(0) && !utf16)
      return `declared ${declared}, but the file is binary (application/octet-stream)`;
    return undefined;
  }
  if (detected && allowed.includes(detected.mime)) return undefined;
  const what = detected
    ? `${detected.mime} (.${detected.ext})`
    : looksLikeMarkup
      ? 'text/html (markup)'
      : 'of no type a detector recognises';
  return `declared ${declared}, but the file is ${what}`;
}
