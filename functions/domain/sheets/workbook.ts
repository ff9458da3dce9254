import { detectHeader, type Grid, type HeaderDetection } from './header.ts';

/** One sheet of a workbook as text; a CSV file is one sheet without a name. */
export interface NamedSheet {
  name: string | null;
  rows: Grid;
}

export interface SheetChoice {
  /** the sheet read: the one asked for, else the one whose header names its columns best */
  sheet: NamedSheet;
  /** its header, when one was found */
  detection: HeaderDetection | undefined;
  /** every sheet's name, in the workbook's order (the chosen one among them) */
  names: string[];
}

/**
 * The sheet that holds the requirements. Asked for by name: that sheet (its name exactly, else the
 * one that differs only in case and surrounding spaces), or `undefined` when there is none. Otherwise
 * every sheet is looked at and the one whose header scores best wins (a sure header beats an unsure
 * one; on a tie the earlier sheet), so an «Instructions» or cover sheet before the matrix is passed
 * over; when no sheet has a header, the first.
 */
export function chooseSheet(sheets: readonly NamedSheet[], wanted?: string): SheetChoice | undefined {
  const names = sheets.flatMap((s) => (s.name === null ? [] : [s.name]));
  if (wanted !== undefined) {
    const norm = (s: string | null) => (s ?? '').trim().toLowerCase();
    const sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => norm(s.name) === norm(wanted));
    return sheet && { sheet, detection: detectHeader(sheet.rows), names };
  }
  let best: { sheet: NamedSheet; detection: HeaderDetection | undefined } | undefined;
  for (const sheet of sheets) {
    const detection = detectHeader(sheet.rows);
    if (!best || (detection && (!best.detection || detection.score > best.detection.score + 1e-9)))
      best = { sheet, detection };
  }
  return best && { ...best, names };
}
