import type { Category } from '../checklist/types.ts';
import type { JsonObject } from '../ocds/detect.ts';
import type { Grid } from './header.ts';
import type { SheetRequirement } from './requirement-rows.ts';

/**
 * A spreadsheet's requirements as an OCDS release (the requirements extension's criteria), so that
 * they go through the very intake an OCDS tender does: the same checklist items, review, readiness
 * and amendments when the file is imported again. Each row is one criterion (`sheet-<reference>`)
 * with one group holding one requirement: every row must be met on its own.
 */
export const SHEET_CRITERION_PREFIX = 'sheet-';

/** Whether a criterion came from the buyer's spreadsheet (a requirements import) rather than a publication. */
export const isSheetCriterion = (criterionId: string) => criterionId.startsWith(SHEET_CRITERION_PREFIX);

/**
 * Which existing checklist items an intake leaves in place although its requirements lack them: a
 * buyer's publication (OCDS, Prozorro) does not speak for the rows their spreadsheet added, so those
 * stay; a spreadsheet import (its requirements include sheet rows) replaces them, so none stay.
 */
export const keptBeyondPublication = (
  specs: readonly { criterionId: string }[],
): ((prior: { criterionId: string }) => boolean) =>
  specs.some((s) => isSheetCriterion(s.criterionId))
    ? () => false
    : (prior) => isSheetCriterion(prior.criterionId);

const CLASSIFICATION: Record<Exclude<Category, 'other'>, string> = {
  exclusion: 'CRITERION.EXCLUSION.SHEET',
  'selection-economic': 'CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.SHEET',
  'selection-technical': 'CRITERION.SELECTION.TECHNICAL_PROFESSIONAL_ABILITY.SHEET',
  guarantee: 'CRITERION.OTHER.GUARANTEE.SHEET',
};

/** The language of the requirement texts: Ukrainian letters, other Cyrillic, or English. */
export function sheetLanguage(rows: readonly SheetRequirement[]): string {
  const all = rows.map((r) => r.text).join(' ');
  if (/[іїєґІЇЄҐ]/.test(all)) return 'uk';
  if (/[а-яА-ЯёЁ]/.test(all)) return 'ru';
  return 'en';
}

export function sheetCriteria(rows: readonly SheetRequirement[]): JsonObject[] {
  return rows.map((r) => ({
    id: `${SHEET_CRITERION_PREFIX}${r.reference}`,
    title: r.section ?? r.categoryLabel ?? r.reference,
    ...(r.category === 'other'
      ? {}
      : { classification: { scheme: 'TENDERFLOW-SHEET', id: CLASSIFICATION[r.category] } }),
    ...(r.lot ? { relatedLots: [r.lot] } : {}),
    requirementGroups: [
      {
        id: '1',
        requirements: [
          {
            id: r.reference,
            title: requirementTitle(r),
            ...(r.dataType ? { dataType: r.dataType } : {}),
            ...(r.expectedValue !== null ? { expectedValue: r.expectedValue } : {}),
            ...(r.minValue !== null ? { minValue: r.minValue } : {}),
            ...(r.maxValue !== null ? { maxValue: r.maxValue } : {}),
            ...(r.unit ? { unit: { name: r.unit } } : {}),
            mandatory: r.mandatory,
            ...(r.document ? { eligibleEvidences: [{ id: '1', title: 'Document', type: 'document' }] } : {}),
          },
        ],
      },
    ],
  }));
}

/**
 * What the item says: the row's text with its required value and unit, as the buyer wrote them
 * («Объем оперативной памяти: не менее 16 Гбайт»); bounds from min / max columns as ≥, ≤ or a range.
 */
export function requirementTitle(
  r: Pick<SheetRequirement, 'text' | 'value' | 'unit' | 'minValue' | 'maxValue'>,
): string {
  const unit = r.unit ? ` ${r.unit}` : '';
  if (r.value) return `${r.text}: ${r.value}${r.unit && !r.value.includes(r.unit) ? unit : ''}`;
  if (r.minValue !== null && r.maxValue !== null) return `${r.text}: ${r.minValue}–${r.maxValue}${unit}`;
  if (r.minValue !== null) return `${r.text}: ≥ ${r.minValue}${unit}`;
  if (r.maxValue !== null) return `${r.text}: ≤ ${r.maxValue}${unit}`;
  return r.unit ? `${r.text}, ${r.unit}` : r.text;
}

/** The title block above the header (its distinct texts), e.g. «ТЕХНИЧЕСКОЕ ЗАДАНИЕ — на поставку …». */
export function titleBlock(grid: Grid, headerRow: number, headerSpan = 2): string | null {
  const texts = grid
    .slice(0, Math.max(0, headerRow - headerSpan))
    .flatMap((row) => [...new Set(row.map((c) => c.trim()).filter(Boolean))]);
  const title = [...new Set(texts)].join(' — ').slice(0, 500);
  return title === '' ? null : title;
}

export interface SheetSource {
  fileName: string;
  sha256: string;
  /** the instant of the import: the release's date */
  now: string;
}

/** A new tender from a spreadsheet alone: its lots are the lots the rows name. */
export function sheetRelease(
  ocid: string,
  title: string,
  rows: readonly SheetRequirement[],
  source: SheetSource,
): JsonObject {
  const lots = [...new Set(rows.flatMap((r) => (r.lot ? [r.lot] : [])))].map((id) => ({
    id,
    title: `Lot ${id}`,
  }));
  return {
    ocid,
    id: `${ocid}-sheet-${source.sha256.slice(0, 16)}`,
    date: source.now,
    tag: ['tender'],
    initiationType: 'tender',
    language: sheetLanguage(rows),
    tender: {
      id: ocid,
      title,
      status: 'active',
      ...(lots.length ? { lots } : {}),
      criteria: sheetCriteria(rows),
      documents: [sourceDocument(source)],
    },
  };
}

/**
 * An existing tender's compiled release with the spreadsheet's requirements: the criteria an earlier
 * spreadsheet added are replaced (so a row removed from the file is archived like any amendment),
 * the published criteria are kept.
 */
export function withSheetRequirements(
  release: JsonObject,
  rows: readonly SheetRequirement[],
  source: SheetSource,
): JsonObject {
  const tender = (
    typeof release.tender === 'object' && release.tender !== null && !Array.isArray(release.tender)
      ? release.tender
      : {}
  ) as JsonObject;
  const published = (Array.isArray(tender.criteria) ? tender.criteria : []).filter(
    (c) => !(typeof c === 'object' && c !== null && 'id' in c && isSheetCriterion(String(c.id))),
  );
  const documents = (Array.isArray(tender.documents) ? tender.documents : []).filter(
    (d) => !(typeof d === 'object' && d !== null && 'id' in d && d.id === 'buyer-sheet'),
  );
  return {
    ...release,
    id: `${String(release.ocid ?? '')}-sheet-${source.sha256.slice(0, 16)}`,
    date: source.now,
    tender: {
      ...tender,
      criteria: [...published, ...sheetCriteria(rows)],
      documents: [...documents, sourceDocument(source)],
    },
  };
}

const sourceDocument = (source: SheetSource) => ({
  id: 'buyer-sheet',
  documentType: 'technicalSpecifications',
  title: source.fileName,
  description: `requirements imported from the buyer's spreadsheet (SHA-256 ${source.sha256})`,
});
