/**
 * Terms of the tender or a lot that are criteria in name but were read by nothing → checklist items:
 * - `eligibilityCriteria` (OCDS 1.1 tender): who may bid, as the buyer describes it — a requirement;
 * - `awardCriteria` (OCDS codelist, Prozorro: `lowestCost`; or the EU profile's `{ criteria: [{ type,
 *   description, numbers }] }`) and `awardCriteriaDetails`: how bids are compared — shown to the bid team,
 *   not something to answer, so not mandatory (it never blocks a bid);
 * - `hasAccessibilityCriteria` (eForms BT-754 on a lot): true means the technical specifications carry
 *   accessibility criteria for persons with disabilities, which the offer must meet; false needs nothing.
 * Whatever is not understood is a warning naming it.
 */

import type { JsonObject } from '../ocds/detect.ts';
import { isObject } from '../ocds/detect.ts';
import { readNumber, text, type Warn } from '../ocds/normalize.ts';
import type { Use } from '../ocds/reach.ts';
import { condition, type Place } from './condition.ts';
import { describe } from './fields.ts';
import type { RequirementSpec } from './types.ts';

/** OCDS 1.1 awardCriteria codelist (and the 1.0 codes Prozorro still uses). */
const AWARD: Record<string, string> = {
  priceOnly: 'the lowest price wins',
  costOnly: 'the lowest cost (life-cycle cost) wins',
  qualityOnly: 'quality alone decides, the price is fixed',
  ratedCriteria: 'price and other rated criteria are weighed together',
  lowestCost: 'the lowest cost wins',
  bestProposal: 'the best proposal wins (price and quality weighed)',
  bestValueToGovernment: 'the best value to the buyer wins',
  singleBidOnly: 'a single bid is considered',
};

const at = (place: Place, field: string) => (place.path === '' ? field : `${place.path}.${field}`);

export function tenderTerms(holder: JsonObject, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  return [
    ...eligibility(holder, place, warn, use),
    ...awardCriteria(holder, place, warn, use),
    ...accessibility(holder, place, warn, use),
  ];
}

function eligibility(holder: JsonObject, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  const v = holder.eligibilityCriteria;
  if (v === undefined || v === null) return [];
  const path = at(place, 'eligibilityCriteria');
  const description = text(v);
  if (description === null) {
    warn(path, `expected a text, got ${describe(v)}`);
    return [];
  }
  use(path);
  return [
    condition(place, 'eligibilityCriteria', {
      title: { en: 'Eligibility criteria (as described by the buyer)' },
      description: { [place.language]: description },
      category: 'other',
    }),
  ];
}

function awardCriteria(holder: JsonObject, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  const lines: string[] = [];
  const codePath = at(place, 'awardCriteria');
  const v = holder.awardCriteria;
  if (typeof v === 'string' && text(v) !== null) {
    const code = text(v) as string;
    if (!AWARD[code])
      warn(codePath, `not in the awardCriteria codelist: ${JSON.stringify(code)} (shown as published)`);
    lines.push(`Award criteria: ${AWARD[code] ?? code}`);
    use(codePath);
  } else if (isObject(v)) {
    lines.push(...structured(v, codePath, warn, use));
  } else if (v !== undefined && v !== null)
    warn(codePath, `expected a code or an object with criteria, got ${describe(v)}`);
  const detailsPath = at(place, 'awardCriteriaDetails');
  const details = text(holder.awardCriteriaDetails);
  if (details !== null) {
    lines.unshift(details);
    use(detailsPath);
  } else if (holder.awardCriteriaDetails !== undefined && holder.awardCriteriaDetails !== null)
    warn(detailsPath, `expected a text, got ${describe(holder.awardCriteriaDetails)}`);
  if (lines.length === 0) return [];
  return [
    condition(place, 'awardCriteria', {
      title: { en: 'How bids are compared (award criteria)' },
      description: { [place.language]: lines.join('\n') },
      category: 'other',
      // it says how the buyer ranks bids, not something to answer: shown, but it never blocks a bid
      mandatory: false,
    }),
  ];
}

/** The EU profile's award criteria of a lot: `{ criteria: [{ type, name, description, numbers }], … }`. */
function structured(v: JsonObject, path: string, warn: Warn, use: Use): string[] {
  const lines: string[] = [];
  const general = text(v.description);
  if (general !== null) {
    lines.push(general);
    use(`${path}.description`);
  }
  for (const key of Object.keys(v))
    if (key !== 'criteria' && key !== 'description') warn(`${path}.${key}`, 'not understood: ignored');
  const list = Array.isArray(v.criteria) ? v.criteria : [];
  if (v.criteria !== undefined && !Array.isArray(v.criteria)) warn(`${path}.criteria`, 'expected an array');
  for (const [i, c] of list.entries()) {
    const cPath = `${path}.criteria[${i}]`;
    if (!isObject(c)) {
      warn(cPath, `expected an award criterion object, got ${describe(c)}`);
      continue;
    }
    const numbers = (Array.isArray(c.numbers) ? c.numbers : [])
      .map((n) => (isObject(n) ? readNumber(n.number) : null))
      .filter((n): n is number => typeof n === 'number');
    const what = [text(c.type), text(c.name), text(c.description)].filter((x) => x !== null).join(': ');
    lines.push(`- ${what || 'criterion'}${numbers.length > 0 ? ` (${numbers.join(', ')})` : ''}`);
    use(cPath);
  }
  return lines;
}

function accessibility(holder: JsonObject, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  const v = holder.hasAccessibilityCriteria;
  if (v === undefined || v === null) return [];
  const path = at(place, 'hasAccessibilityCriteria');
  if (typeof v !== 'boolean') {
    warn(path, `expected true or false, got ${describe(v)}`);
    return [];
  }
  use(path); // false: the specifications carry no accessibility criteria, so there is nothing to meet
  if (!v) return [];
  return [
    condition(place, 'hasAccessibilityCriteria', {
      title: {
        en: 'Meet the accessibility criteria for persons with disabilities in the technical specifications',
      },
      description: {},
      category: 'other',
    }),
  ];
}
