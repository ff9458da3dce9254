/**
 * EU-profile conditions for participation → checklist requirements, beside the criteria of the
 * requirements extension: `exclusionGrounds` (exclusion-grounds.ts, eForms BG-701), `selectionCriteria.criteria[]` (ocds_selectionCriteria_extension, eForms BG-702)
 * and `otherRequirements` (ocds_otherRequirements_extension, eForms BG-705), on the tender and on each lot.
 * Each becomes its own criterion with one requirement, so readiness asks for every one of them. Whatever
 * in these fields is not understood is a warning naming it, never dropped in silence.
 */
import { isObject, type JsonObject } from '../ocds/detect.ts';
import { readNumber, text, type Warn } from '../ocds/normalize.ts';
import type { Use } from '../ocds/reach.ts';
import { condition, type Place } from './condition.ts';
import { exclusionGrounds } from './exclusion-grounds.ts';
import { describe, localized } from './fields.ts';
import { otherRequirements } from './other-requirements.ts';
import { tenderTerms } from './tender-terms.ts';
import type { Category, Localized, RequirementSpec } from './types.ts';

/** Selection criteria and other requirements of the tender and of every lot. */
export function extractConditions(
  tender: JsonObject,
  warn: Warn,
  language: string,
  use: Use,
): RequirementSpec[] {
  const places: [JsonObject, Place][] = [[tender, { lotId: null, path: 'tender', key: '', language }]];
  for (const [i, lot] of (Array.isArray(tender.lots) ? tender.lots : []).entries()) {
    if (!isObject(lot)) continue;
    const lotId = text(lot.id) ?? `${i}`;
    places.push([lot, { lotId, path: `tender.lots[${i}]`, key: `lots[${lotId}].`, language }]);
  }
  return places.flatMap(([obj, place]) => [
    ...exclusionGrounds(obj.exclusionGrounds, place, warn, use),
    ...selectionCriteria(obj.selectionCriteria, place, warn, use),
    ...otherRequirements(obj.otherRequirements, place, warn),
    ...tenderTerms(obj, place, warn, use),
  ]);
}

/** selectionCriterionType codelist → checklist category */
const CATEGORY: Record<string, Category> = {
  economic: 'selection-economic',
  technical: 'selection-technical',
  suitability: 'selection-technical',
  other: 'other',
};
/** eForms selection-criterion (BT-747) codes by prefix, for a criterion that gives a subType but no type */
const SUBTYPE_PREFIX: [string, Category][] = [
  ['slc-stand', 'selection-economic'],
  ['slc-abil', 'selection-technical'],
  ['slc-suit', 'selection-technical'],
];
const CRITERION_FIELDS = new Set([
  'id',
  'title',
  'description',
  'minimum',
  'type',
  'subType',
  'appliesTo',
  'forReduction',
  'numbers',
  'verificationMethod',
  'languageID',
]);
const APPLIES_TO = new Set(['supplier', 'subcontractor']);

function selectionCriteria(v: unknown, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  if (v === undefined || v === null) return [];
  const path = `${place.path}.selectionCriteria`;
  if (!isObject(v)) {
    warn(path, 'expected an object with criteria');
    return [];
  }
  for (const key of Object.keys(v))
    if (key !== 'criteria' && key !== 'description') warn(`${path}.${key}`, 'not understood: ignored');
  const specs: RequirementSpec[] = [];
  const general = text(v.description);
  if (general !== null) use(`${path}.description`);
  if (general !== null)
    specs.push(
      condition(place, 'selectionCriteria.description', {
        title: { en: 'Selection criteria (as described by the buyer)' },
        description: { [place.language]: general },
        category: 'other',
      }),
    );
  if (v.criteria === undefined || v.criteria === null) return specs;
  if (!Array.isArray(v.criteria)) {
    warn(`${path}.criteria`, 'expected an array of criteria');
    return specs;
  }
  for (const [i, c] of v.criteria.entries()) {
    const spec = selectionCriterion(c, i, place, `${path}.criteria[${i}]`, warn);
    if (spec) {
      use(`${path}.criteria[${i}]`);
      specs.push(spec);
    }
  }
  return specs;
}

function selectionCriterion(
  c: unknown,
  index: number,
  place: Place,
  path: string,
  warn: Warn,
): RequirementSpec | undefined {
  if (!isObject(c)) {
    warn(path, `expected a selection criterion object, got ${describe(c)}`);
    return undefined;
  }
  for (const key of Object.keys(c))
    if (!CRITERION_FIELDS.has(key)) warn(`${path}.${key}`, 'not understood: ignored (the criterion is kept)');
  const language = languageOf(c.languageID, `${path}.languageID`, warn) ?? place.language;
  const title = localized(c, 'title', language);
  const description = localized(c, 'description', language);
  const minimum = text(c.minimum);
  const subType = text(c.subType);
  if (Object.keys(title).length + Object.keys(description).length === 0 && minimum === null && !subType) {
    warn(path, 'a criterion with no title, description, minimum or subType: nothing to check');
    return undefined;
  }
  const notes = [
    minimum !== null ? `Minimum: ${minimum}` : null,
    appliesTo(c.appliesTo, `${path}.appliesTo`, warn),
    readFlagLike(c.forReduction, `${path}.forReduction`, warn)
      ? 'Also used to shortlist the candidates invited to bid'
      : null,
    numbers(c.numbers, `${path}.numbers`, warn),
  ].filter((n) => n !== null);
  const min = minimum !== null ? readNumber(minimum) : undefined;
  const verification = text(c.verificationMethod);
  const id = text(c.id) ?? `${index}`;
  return condition(place, `selectionCriteria[${id}]`, {
    title: Object.keys(title).length > 0 ? title : fallbackTitle(description, subType),
    description: withNotes(description, language, notes),
    category: categoryOf(c.type, subType, `${path}.type`, warn),
    classification: subType ? { scheme: 'eu-selection-criterion', id: subType } : null,
    ...(typeof min === 'number' ? { dataType: 'number' as const, minValue: min } : {}),
    eligibleEvidences: verification ? [{ id: 'verificationMethod', title: verification, type: null }] : [],
  });
}

function categoryOf(type: unknown, subType: string | null, path: string, warn: Warn): Category {
  const t = text(type);
  if (t !== null) {
    const known = CATEGORY[t];
    if (known) return known;
    warn(path, `unknown selection criterion type ${JSON.stringify(t)}: filed under other`);
  }
  return SUBTYPE_PREFIX.find(([prefix]) => subType?.startsWith(prefix))?.[1] ?? 'other';
}

function appliesTo(v: unknown, path: string, warn: Warn): string | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) {
    warn(path, 'expected an array (supplier, subcontractor)');
    return null;
  }
  const known = v.filter((x): x is string => typeof x === 'string' && APPLIES_TO.has(x));
  for (const x of v) if (!known.includes(x as string)) warn(path, `not understood: ${describe(x)}`);
  return known.length > 0 ? `Applies to: ${known.join(' and ')}` : null;
}

function numbers(v: unknown, path: string, warn: Warn): string | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) {
    warn(path, 'expected an array of numbers');
    return null;
  }
  const parts = v.flatMap((n, i) => {
    const value = isObject(n) ? readNumber(n.number) : null;
    if (!isObject(n) || typeof value !== 'number') {
      warn(`${path}[${i}]`, `not understood: ${describe(n)}`);
      return [];
    }
    const threshold = text(n.threshold);
    const weight = text(n.weight);
    return [[threshold ?? weight ?? 'number', String(value)].join(' ')];
  });
  return parts.length > 0 ? `Numbers: ${parts.join('; ')}` : null;
}

function readFlagLike(v: unknown, path: string, warn: Warn): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  warn(path, `expected true or false, got ${describe(v)}`);
  return false;
}

const withNotes = (text: Localized, language: string, notes: string[]): Localized =>
  notes.length === 0
    ? text
    : { ...text, [language]: [text[language], ...notes].filter((x) => x !== undefined).join('\n') };

/** A title from the description's first phrase, in the description's language. */
function fallbackTitle(description: Localized, subType: string | null): Localized {
  for (const [language, d] of Object.entries(description)) {
    const first = d.split(/[\n:.]/)[0]?.trim();
    if (first) return { [language]: first.length > 120 ? `${first.slice(0, 119)}…` : first };
  }
  return { en: subType ? `Selection criterion ${subType}` : 'Selection criterion' };
}

/** eForms `languageID` (ISO 639-2, e.g. NOR) as the BCP 47 code the rest of the tender uses (no). */
function languageOf(v: unknown, path: string, warn: Warn): string | null {
  const code = text(v);
  if (code === null) return null;
  try {
    return Intl.getCanonicalLocales(code)[0]?.toLowerCase() ?? null;
  } catch {
    warn(path, `not a language code: ${JSON.stringify(code)}; read as the tender's language`);
    return null;
  }
}
