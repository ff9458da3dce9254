/**
 * Rule packs: requirements a tender does not publish but its jurisdiction or the buyer imposes (EU ESPD
 * exclusion grounds and selection criteria, Russia's 44-FZ Art. 31 participant requirements, a
 * large-enterprise onboarding pack). The packs are data (rule-packs/*.json) in the OCDS requirements
 * extension shape, read by the same extractCriteria as a tender's own criteria.
 */
import { getAllCountries, getCountry } from 'countries-and-timezones';
import { InvalidInputError } from '../../lib/errors.ts';
import { isObject, type JsonObject } from '../ocds/detect.ts';
import type { NormalizedTender } from '../tender.ts';
import { extractCriteria, type Warn } from './requirements.ts';
import enterpriseOnboarding from './rule-packs/enterprise-onboarding.json' with { type: 'json' };
import euEspd from './rule-packs/eu-espd.json' with { type: 'json' };
import ru44fz from './rule-packs/ru-44fz.json' with { type: 'json' };
import type { Localized, RequirementSpec } from './types.ts';

export interface RulePack {
  /** stable id, used on import (`?rulePacks=`) and in requirement keys */
  id: string;
  title: string | Localized;
  /** language of the pack's plain-text fields; localized fields are maps such as { ru, en } */
  language: string;
  /** ISO 3166-1 alpha-2 countries whose buyers get the pack automatically; null = only when named */
  jurisdiction: { countries: string[] } | null;
  legalBasis: string;
  /** OCDS requirements extension criteria, each with classification and legislation */
  criteria: readonly unknown[];
}

export const rulePacks: readonly RulePack[] = [euEspd, ru44fz, enterpriseOnboarding];

/** The import option that names packs, as InvalidInputError paths name it. */
export const RULE_PACK_FIELD = 'query:rulePacks';

/** Prefix of every criterion id (and so every key) a pack contributes: never collides with a tender's own. */
export const packCriterionId = (packId: string, criterionId: string) => `pack:${packId}:${criterionId}`;

/**
 * The packs for a tender: those whose jurisdiction holds the buyer's country, plus those named on import,
 * in `rulePacks` order, each once. Throws InvalidInputError naming `query:rulePacks` for an unknown name.
 */
export function choosePacks(
  tender: Pick<NormalizedTender, 'buyer'>,
  named: readonly string[] = [],
): RulePack[] {
  const wanted = new Set(named.map((n) => n.trim().toLowerCase()).filter((n) => n !== ''));
  const unknown = [...wanted].filter((n) => !rulePacks.some((p) => p.id === n));
  if (unknown.length > 0) {
    const known = rulePacks.map((p) => p.id).join(', ');
    throw new InvalidInputError(
      `unknown rule pack${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown.map((n) => ({ path: RULE_PACK_FIELD, message: `${JSON.stringify(n)} is not among: ${known}` })),
    );
  }
  const country = tender.buyer?.countryCode ?? countryCode(tender.buyer?.country ?? null);
  return rulePacks.filter(
    (p) => wanted.has(p.id) || (country !== null && (p.jurisdiction?.countries.includes(country) ?? false)),
  );
}

/**
 * A pack's requirements as checklist specs: criterion ids become `pack:<packId>:<criterionId>` (so keys are
 * `pack:<packId>:<criterionId>/<groupId>/<requirementId>`); every one is the tenderer's, mandatory, whole-tender.
 */
export function rulePackRequirements(pack: RulePack, warn: Warn): RequirementSpec[] {
  const criteria = pack.criteria.map((c) => (isObject(c) ? withLocalizedFields(c) : c));
  return extractCriteria(criteria, warn, {
    language: pack.language,
    path: `rulePacks.${pack.id}.criteria`,
  }).map((spec) => {
    const criterionId = packCriterionId(pack.id, spec.criterionId);
    return {
      ...spec,
      key: `${criterionId}/${spec.groupId}/${spec.requirementId}`,
      criterionId,
      obligation: 'tenderer',
      mandatory: true,
      lotIds: [],
    };
  });
}

const LOCALIZED_FIELDS = ['title', 'description'] as const;

/**
 * A pack writes localized text as a map ({ "ru": "…", "en": "…" }); extractCriteria reads the OCDS way
 * (`title_ru`, `title_en`). Rewrites the criterion's, its groups' and their requirements' fields.
 */
function withLocalizedFields(criterion: JsonObject): JsonObject {
  const spread = (obj: JsonObject): JsonObject => {
    const out: JsonObject = { ...obj };
    for (const field of LOCALIZED_FIELDS) {
      const value = obj[field];
      if (!isObject(value)) continue;
      delete out[field];
      for (const [lang, text] of Object.entries(value)) out[`${field}_${lang}`] = text;
    }
    return out;
  };
  const groups = Array.isArray(criterion.requirementGroups)
    ? criterion.requirementGroups.map((g) =>
        isObject(g) && Array.isArray(g.requirements)
          ? spread({ ...g, requirements: g.requirements.map((r) => (isObject(r) ? spread(r) : r)) })
          : g,
      )
    : criterion.requirementGroups;
  return spread({ ...criterion, requirementGroups: groups });
}

/** Other spellings of the countries the packs cover: ISO alpha-3 (eForms, TED), EU's EL, common long names. */
const ALIASES = new Map(
  [
    'AUT=AT BEL=BE BGR=BG HRV=HR CYP=CY CZE=CZ DNK=DK EST=EE FIN=FI FRA=FR DEU=DE GRC=GR EL=GR HUN=HU',
    'IRL=IE ITA=IT LVA=LV LTU=LT LUX=LU MLT=MT NLD=NL POL=PL PRT=PT ROU=RO SVK=SK SVN=SI ESP=ES SWE=SE RUS=RU',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split('=') as [string, string])
    .concat([
      ['CZECH REPUBLIC', 'CZ'],
      ['THE NETHERLANDS', 'NL'],
      ['SLOVAK REPUBLIC', 'SK'],
      ['RUSSIAN FEDERATION', 'RU'],
      ['РОССИЯ', 'RU'],
      ['РОССИЙСКАЯ ФЕДЕРАЦИЯ', 'RU'],
      ['РФ', 'RU'],
    ]),
);

const BY_NAME = new Map(Object.values(getAllCountries()).map((c) => [c.name.toUpperCase(), c.id]));

/** The ISO 3166-1 alpha-2 code of a country as published (code, English name or a known alias); null if unknown. */
export function countryCode(country: string | null): string | null {
  const name = country?.trim().toUpperCase();
  if (!name) return null;
  if (/^[A-Z]{2}$/.test(name) && getCountry(name, { deprecated: true })) return name;
  return ALIASES.get(name) ?? BY_NAME.get(name) ?? null;
}
