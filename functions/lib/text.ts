/**
 * Text from outside (a tender's title, a buyer's name, a requirement) made safe for a one-line field
 * of a calendar, a webhook message, an SNS subject or a log line: no character may end the line or
 * start a new record there.
 *
 * - C0 controls (CR, LF, TAB, NUL, ESC, …), DEL and C1 controls (NEL U+0085 included), the Unicode
 *   line and paragraph separators (U+2028, U+2029) become one space (runs collapse), so "a\r\nb"
 *   reads "a b" and no line break survives in any encoding.
 * - Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped: they make a
 *   text display differently from what it is.
 * - Lone surrogates become U+FFFD, so the result is well-formed UTF-16 (encodable as UTF-8).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export function oneLine(text: string): string {
  return text.toWellFormed().replace(BIDI, '').replace(BREAKS, ' ');
}

/**
 * `oneLine`, then cut to at most `max` characters (code points, never half a surrogate pair) with an
 * ellipsis when it was longer. SNS subjects, for example, must be under 100 characters.
 */
export function oneLineMax(text: string, max: number): string {
  const chars = [...oneLine(text)];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
