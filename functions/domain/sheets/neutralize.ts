/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return may run as a formula in the recipient's spreadsheet. Every
 * text cell we write, in XLSX and CSV alike, goes through this one function: such text gets a
 * leading apostrophe, so it is shown as typed and never evaluated. `readBack` undoes it when an
 * exported file comes back, so a round trip changes nothing.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export const isDangerous = (text: string): boolean => TRIGGERS.has(text.charAt(0));

/** Apostrophes before a trigger: text typed that way gets one more, so `readBack` restores it too. */
const escaped = (text: string): boolean => /^'+[=+\-@\t\r]/.test(text);

export const neutralize = (text: string): string => (isDangerous(text) || escaped(text) ? `'${text}` : text);

/** A cell read back from a file we exported: the apostrophe we added comes off again. */
export const readBack = (text: string): string => (escaped(text) ? text.slice(1) : text);
