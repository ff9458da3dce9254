import { oneLine } from './text.ts';

/**
 * Text from users made literal in Markdown we generate (the custom-development specification, the
 * pilot charter), as CommonMark and GitHub Flavored Markdown read it (react-markdown, GitHub, editors):
 * a client name or a problem statement can open no heading, list, quote, code block, link, image,
 * emphasis, table cell, strikethrough or raw HTML, and no entity is decoded.
 *
 * - Every character that can open or close inline markup or raw HTML is backslash-escaped: \ ` * _ [ ]
 *   < > | ~ & ! # (CommonMark lets any ASCII punctuation be escaped, and the escape shows as the
 *   character itself).
 * - At the start of a line (after its indentation, which is dropped so it cannot open an indented code
 *   block) the block markers that the list above leaves: - + = and an ordered-list number's . or ).
 * - A bare address (https://…, www.…, name@host) is left as it is: GFM renderers may make it clickable
 *   (remark-gfm links it whatever escapes it carries), but such a link shows its own target; what could
 *   hide one, `[text](target)`, and what loads one, `![image](target)`, cannot form.
 */
const INLINE = /[\\`*_[\]<>|~&!#]/g;
const LINE_START = /^([-+=]|\d{1,9}(?=[.)]))/;

function escapeLine(line: string): string {
  const escaped = line.trim().replace(INLINE, '\\$&');
  return escaped.replace(LINE_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** One line of literal text (a name, a title, a table cell, a list item): line breaks and runs of spaces become one space. */
export function markdownText(text: string): string {
  return escapeLine(oneLine(text).replace(/\s+/g, ' '));
}

/**
 * Literal paragraphs (a problem statement, an objective): line breaks are kept, a run of blank lines
 * becomes one, and each line is escaped as `markdownText` escapes it.
 */
export function markdownBlock(text: string): string {
  return text
    .toWellFormed()
    .split(/\r\n|[\r\n\u2028\u2029\u0085]/)
    .map((line) => markdownText(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
