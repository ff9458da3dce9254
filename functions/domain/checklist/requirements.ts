import { isObject, type JsonObject } from '../ocds/detect.ts';
import { text, type Warn } from '../ocds/normalize.ts';
import { type Use, unused } from '../ocds/reach.ts';
import {
  describe,
  idOf,
  listOf,
  localized,
  readBound,
  readClassification,
  readDataType,
  readEvidences,
  readExpected,
  readFlag,
  readLegislation,
  readPattern,
  readUnit,
} from './fields.ts';
import { extractConditions } from './selection.ts';
import type { Category, Obligation, RequirementSpec } from './types.ts';

export { DATA_TYPES, localized } from './fields.ts';
export type { Warn };

export interface CriteriaOptions {
  /** language of the unsuffixed text fields (`title`); `title_<lang>` goes under `<lang>`. Default `default`. */
  language?: string;
  /** JSON path of the criteria array, used in warnings. Default `criteria`. */
  path?: string;
  /** item id → lot id (from `items[].relatedLot`), to place criteria that relate to an item */
  itemLots?: ReadonlyMap<string, string>;
  /** the tender's lot ids: a criterion naming any other lot gets a warning */
  lotIds?: ReadonlySet<string>;
  /** told the JSON path of each criterion, group and requirement that became part of the checklist */
  use?: Use;
}

/**
 * The requirements of an OCDS release: the requirements extension's tender.criteria[] →
 * requirementGroups[] → requirements[], then the EU profile's selection criteria and other requirements
 * of the tender and its lots (selection.ts). Never throws on messy data.
 */
export function extractRequirements(
  release: JsonObject,
  warn: Warn,
  opts: Pick<CriteriaOptions, 'language' | 'use'> = {},
): RequirementSpec[] {
  const tender = isObject(release.tender) ? release.tender : undefined;
  const conditions = tender
    ? extractConditions(tender, warn, opts.language ?? 'default', opts.use ?? unused)
    : [];
  if (tender?.criteria === undefined || tender.criteria === null) return conditions;
  if (!Array.isArray(tender.criteria)) {
    warn('tender.criteria', 'expected an array of criteria');
    return conditions;
  }
  const criteria = extractCriteria(tender.criteria, warn, {
    ...opts,
    ...tenderContext(tender),
    path: 'tender.criteria',
  });
  return [...criteria, ...conditions];
}

/** Lot ids and the lot of each item, read from a tender object (OCDS `tender` or a Prozorro tender). */
export function tenderContext(tender: JsonObject): Required<Pick<CriteriaOptions, 'itemLots' | 'lotIds'>> {
  const lotIds = new Set<string>();
  for (const lot of Array.isArray(tender.lots) ? tender.lots : []) {
    const id = isObject(lot) ? text(lot.id) : null;
    if (id !== null) lotIds.add(id);
  }
  const itemLots = new Map<string, string>();
  for (const item of Array.isArray(tender.items) ? tender.items : []) {
    if (!isObject(item)) continue;
    const id = text(item.id);
    const lot = text(item.relatedLot);
    if (id !== null && lot !== null) itemLots.set(id, lot);
  }
  return { lotIds, itemLots };
}

/**
 * Read a list of criteria (a tender's, or a list of criteria templates) into requirement specs, one per
 * requirement. A criterion is met when ONE of its groups is; a group when ALL its requirements are.
 * Requirements Prozorro marks `cancelled` (superseded versions) are left out; duplicate keys keep the first.
 */
export function extractCriteria(
  criteria: readonly unknown[],
  warn: Warn,
  opts: CriteriaOptions = {},
): RequirementSpec[] {
  const base = opts.path ?? 'criteria';
  const language = opts.language ?? 'default';
  const use = opts.use ?? unused;
  const specs: RequirementSpec[] = [];
  const seen = new Set<string>();
  for (const [ci, c] of criteria.entries()) {
    const cPath = `${base}[${ci}]`;
    if (!isObject(c)) {
      warn(cPath, 'expected a criterion object');
      continue;
    }
    const criterion = readCriterion(c, ci, cPath, warn, opts, language);
    const groups = listOf(c.requirementGroups, `${cPath}.requirementGroups`, 'requirement groups', warn);
    for (const [gi, g] of groups.entries()) {
      const gPath = `${cPath}.requirementGroups[${gi}]`;
      if (!isObject(g)) {
        warn(gPath, 'expected a requirement group object');
        continue;
      }
      const groupId = idOf(g.id, gi, `${gPath}.id`, warn);
      const groupDescription = localized(g, 'description', language);
      for (const [ri, r] of listOf(g.requirements, `${gPath}.requirements`, 'requirements', warn).entries()) {
        const rPath = `${gPath}.requirements[${ri}]`;
        if (!isObject(r)) {
          warn(rPath, 'expected a requirement object');
          continue;
        }
        if (r.status === 'cancelled') {
          warn(rPath, 'cancelled by the buyer (an earlier version of a requirement): not in the checklist');
          continue;
        }
        const requirementId = idOf(r.id, ri, `${rPath}.id`, warn);
        const key = `${criterion.criterionId}/${groupId}/${requirementId}`;
        if (seen.has(key)) {
          warn(rPath, `duplicate requirement ${key}: kept the first`);
          continue;
        }
        seen.add(key);
        use(cPath);
        use(gPath);
        use(rPath);
        const { mandatory, ...rest } = structuredClone(criterion); // no arrays shared between specs
        specs.push({
          key,
          ...rest,
          groupId,
          groupDescription,
          requirementId,
          ...readRequirement(r, rPath, warn, language),
          mandatory: mandatory && readFlag(r.mandatory ?? r.isMandatory, `${rPath}.mandatory`, warn),
        });
      }
    }
  }
  return specs;
}

type CriterionPart = Pick<
  RequirementSpec,
  | 'criterionId'
  | 'criterionTitle'
  | 'criterionDescription'
  | 'classification'
  | 'legislation'
  | 'category'
  | 'obligation'
  | 'lotIds'
  | 'mandatory'
>;

function readCriterion(
  c: JsonObject,
  index: number,
  path: string,
  warn: Warn,
  opts: CriteriaOptions,
  language: string,
): CriterionPart {
  const classification = readClassification(c.classification, `${path}.classification`, warn);
  const source = text(c.source);
  const { lotIds, relatesTo } = readLots(c, path, warn, opts);
  const obligation: Obligation =
    source === 'winner' ? 'winner' : lotIds.length > 0 || relatesTo === 'lot' ? 'lot' : 'tenderer';
  return {
    criterionId: idOf(c.id, index, `${path}.id`, warn),
    criterionTitle: localized(c, 'title', language),
    criterionDescription: localized(c, 'description', language),
    classification,
    legislation: readLegislation(c.legislation, `${path}.legislation`, warn),
    category: categoryOf(classification?.id ?? null),
    obligation,
    lotIds,
    // Prozorro: the procuring entity, not the tenderer, answers these; they never block a submission.
    mandatory:
      source !== 'procuringEntity' && readFlag(c.mandatory ?? c.isMandatory, `${path}.mandatory`, warn),
  };
}

/** The checklist category of an ESPD-style classification id (e.g. CRITERION.EXCLUSION.CONVICTIONS.FRAUD). */
export function categoryOf(classificationId: string | null): Category {
  const id = (classificationId ?? '').toUpperCase();
  if (id.includes('GUARANTEE')) return 'guarantee';
  if (id.startsWith('CRITERION.EXCLUSION.')) return 'exclusion';
  if (id.startsWith('CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.')) return 'selection-economic';
  if (
    id.startsWith('CRITERION.SELECTION.TECHNICAL_PROFESSIONAL_ABILITY.') ||
    id.startsWith('CRITERION.SELECTION.SUITABILITY.')
  )
    return 'selection-technical';
  return 'other';
}

type RequirementPart = Pick<
  RequirementSpec,
  | 'title'
  | 'description'
  | 'dataType'
  | 'expectedValue'
  | 'minValue'
  | 'maxValue'
  | 'pattern'
  | 'unit'
  | 'eligibleEvidences'
>;

function readRequirement(r: JsonObject, path: string, warn: Warn, language: string): RequirementPart {
  const dataType = readDataType(r.dataType, `${path}.dataType`, warn);
  const minValue = readBound(r.minValue, `${path}.minValue`, warn);
  const maxValue = readBound(r.maxValue, `${path}.maxValue`, warn);
  const unit = readUnit(r.unit, `${path}.unit`, warn);
  if (minValue !== null && maxValue !== null && minValue > maxValue)
    warn(`${path}.maxValue`, `less than minValue (${maxValue} < ${minValue})`);
  if (Array.isArray(r.expectedValues))
    warn(
      `${path}.expectedValues`,
      `a list of ${r.expectedValues.length} allowed values is not supported; answers are not checked against it`,
    );
  return {
    title: localized(r, 'title', language),
    description: localized(r, 'description', language),
    dataType,
    expectedValue: readExpected(r.expectedValue, dataType, `${path}.expectedValue`, warn),
    minValue,
    maxValue,
    pattern: readPattern(r.pattern, `${path}.pattern`, warn),
    ...(unit === null ? {} : { unit }),
    eligibleEvidences: readEvidences(r.eligibleEvidences, `${path}.eligibleEvidences`, warn),
  };
}

/**
 * Lots a criterion applies to: `relatedLots` (current extension), or `relatedItem` read by `relatesTo`
 * (Prozorro and the earlier extension: a lot id when relatesTo is `lot`, else an item id whose lot we look up).
 */
function readLots(
  c: JsonObject,
  path: string,
  warn: Warn,
  opts: CriteriaOptions,
): { lotIds: string[]; relatesTo: string | null } {
  const relatesTo = text(c.relatesTo)?.toLowerCase() ?? null;
  const ids = new Set<string>();
  const add = (id: string, at: string) => {
    if (opts.lotIds && opts.lotIds.size > 0 && !opts.lotIds.has(id))
      warn(at, `no lot ${JSON.stringify(id)} in the tender`);
    ids.add(id);
  };
  if (Array.isArray(c.relatedLots)) {
    for (const [i, lot] of c.relatedLots.entries()) {
      const id = text(lot);
      if (id === null) warn(`${path}.relatedLots[${i}]`, `not a lot id: ${describe(lot)}`);
      else add(id, `${path}.relatedLots[${i}]`);
    }
  } else if (c.relatedLots !== undefined && c.relatedLots !== null) {
    warn(`${path}.relatedLots`, 'expected an array of lot ids');
  }
  const related = text(c.relatedItem);
  if (related !== null) {
    const itemLot = opts.itemLots?.get(related);
    if (relatesTo === 'lot' || (relatesTo === null && !itemLot && opts.lotIds?.has(related)))
      add(related, `${path}.relatedItem`);
    else if (itemLot) ids.add(itemLot);
    else if (relatesTo !== 'item' && relatesTo !== null)
      warn(`${path}.relatedItem`, `ignored: the criterion relates to the ${relatesTo}`);
  }
  return { lotIds: [...ids], relatesTo };
}
