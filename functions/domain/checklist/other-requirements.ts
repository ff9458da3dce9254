/**
 * `otherRequirements` (ocds_otherRequirements_extension; eForms BG-705) of the tender or a lot → checklist
 * requirements: staff names and qualifications, reserved participation, qualification-system conditions
 * (with the methods that verify them), security clearance, and how candidates are shortlisted. Any other
 * field is a warning naming it.
 */
import { isObject } from '../ocds/detect.ts';
import { text, type Warn } from '../ocds/normalize.ts';
import { condition, type Place } from './condition.ts';
import { describe } from './fields.ts';
import type { Localized, RequirementSpec } from './types.ts';

/** reservedParticipation codelist (open): what each reservation means for the bidder. */
const RESERVED: Record<string, string> = {
  shelteredWorkshop:
    'sheltered workshops and economic operators whose aim is the social and professional integration of disabled or disadvantaged persons (Directive 2014/24/EU Art. 20)',
  publicServiceMissionOrganization:
    'organisations pursuing a public service mission for health, social or cultural services (Directive 2014/24/EU Art. 77)',
};
const KNOWN = new Set([
  'requiresStaffNamesAndQualifications',
  'reservedParticipation',
  'qualificationSystemConditions',
  'qualificationSystemMethods',
  'reductionCriteria',
  'securityClearance',
  // eForms profile: BT-578 Security Clearance (an indicator beside BT-732's description)
  'requiresSecurityClearance',
]);

export function otherRequirements(v: unknown, place: Place, warn: Warn): RequirementSpec[] {
  if (v === undefined || v === null) return [];
  const path = `${place.path}.otherRequirements`;
  if (!isObject(v)) {
    warn(path, 'expected an object');
    return [];
  }
  for (const key of Object.keys(v)) if (!KNOWN.has(key)) warn(`${path}.${key}`, 'not understood: ignored');
  const at = (field: string) => `${path}.${field}`;
  const lang = place.language;
  const specs: RequirementSpec[] = [];

  if (flag(v.requiresStaffNamesAndQualifications, at('requiresStaffNamesAndQualifications'), warn))
    specs.push(
      condition(place, 'otherRequirements.requiresStaffNamesAndQualifications', {
        title: {
          en: 'Name the staff who will perform the contract and give their professional qualifications',
        },
        description: {},
        category: 'selection-technical',
      }),
    );

  const reserved = strings(v.reservedParticipation, at('reservedParticipation'), warn);
  if (reserved.length > 0) {
    for (const code of reserved)
      if (!RESERVED[code])
        warn(at('reservedParticipation'), `unknown reservation ${JSON.stringify(code)}: shown as published`);
    specs.push(
      condition(place, 'otherRequirements.reservedParticipation', {
        title: { en: 'Participation is reserved: confirm that you are eligible' },
        description: { en: `Reserved for: ${reserved.map((c) => RESERVED[c] ?? c).join('; ')}` },
        category: 'other',
        dataType: 'boolean',
        expectedValue: true,
      }),
    );
  }

  const methods = strings(v.qualificationSystemMethods, at('qualificationSystemMethods'), warn);
  const verifiedBy = methods.length > 0 ? `\nVerified by: ${methods.join('; ')}` : '';
  const conditions = strings(v.qualificationSystemConditions, at('qualificationSystemConditions'), warn);
  for (const [i, c] of conditions.entries())
    specs.push(
      condition(place, `otherRequirements.qualificationSystemConditions[${i}]`, {
        title: { en: `Qualification system condition ${i + 1}` },
        description: { [lang]: `${c}${verifiedBy}` },
        category: 'other',
      }),
    );
  if (conditions.length === 0 && methods.length > 0)
    specs.push(
      condition(place, 'otherRequirements.qualificationSystemMethods', {
        title: { en: 'Qualification system: how candidates are verified' },
        description: { [lang]: methods.join('\n') },
        category: 'other',
      }),
    );

  const clearance = text(v.securityClearance);
  if (v.securityClearance !== undefined && v.securityClearance !== null && clearance === null)
    warn(at('securityClearance'), `expected a text, got ${describe(v.securityClearance)}`);
  if (flag(v.requiresSecurityClearance, at('requiresSecurityClearance'), warn) || clearance !== null)
    specs.push(
      condition(place, 'otherRequirements.securityClearance', {
        title: { en: 'Security clearance' },
        description: clearance !== null ? { [lang]: clearance } : {},
        category: 'selection-technical',
      }),
    );

  const reduction = text(v.reductionCriteria);
  if (v.reductionCriteria !== undefined && v.reductionCriteria !== null && reduction === null)
    warn(at('reductionCriteria'), `expected a text, got ${describe(v.reductionCriteria)}`);
  if (reduction !== null)
    specs.push(
      condition(place, 'otherRequirements.reductionCriteria', {
        title: { en: 'How the buyer shortlists the candidates invited to bid' },
        description: { [lang]: reduction } satisfies Localized,
        category: 'other',
        // it says how candidates are ranked, not something to answer: shown, but it does not block a bid
        mandatory: false,
      }),
    );
  return specs;
}

function flag(v: unknown, path: string, warn: Warn): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  warn(path, `expected true or false, got ${describe(v)}`);
  return false;
}

function strings(v: unknown, path: string, warn: Warn): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warn(path, `expected an array of texts, got ${describe(v)}`);
    return [];
  }
  return v.flatMap((x, i) => {
    const s = text(x);
    if (s === null) warn(`${path}[${i}]`, `expected a text, got ${describe(x)}`);
    return s === null ? [] : [s];
  });
}
