/** Writing XML text (reading is xml.ts, with its parser: a writer does not carry it). */

/** C0 controls XML 1.0 cannot carry at all (all but tab, LF and CR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to strip
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text for element content or an attribute: escaped (lone surrogates as U+FFFD); CR kept as a reference (a parser would turn a raw one into LF). */
export const xmlText = (s: string): string =>
  s
    .toWellFormed()
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
