/**
 * EU exclusion grounds (eForms BG-701, BT-67; OCDS eForms profile `exclusionGrounds`, on the tender or a lot)
 * → checklist requirements: one per ground, in the exclusion category, answered by confirming that the ground
 * does not apply. Each keeps its codes — the eForms `exclusion-ground` code as published, the current eForms
 * code when the notice used an earlier one, and the ESPD criterion it is (its `classification`, as the ESPD
 * rule pack and Prozorro classify the same grounds) — so an answer can be matched to the same ground in
 * another tender. Whatever is not understood is a warning naming it.
 *
 * Shape (open-contracting/european-union-support, eForms guidance for BT-67(a), BT-67(b), BT-806):
 * `{ "criteria": [{ "type": "exg-crim-part", "description": "Participation in a criminal organisation: …" }],
 *    "sources": ["epo-procurement-document"] }`; the description is the code's label, ": ", then the buyer's text.
 */
import { isObject } from '../ocds/detect.ts';
import { text, type Warn } from '../ocds/normalize.ts';
import type { Use } from '../ocds/reach.ts';
import { condition, type Place } from './condition.ts';
import { describe } from './fields.ts';
import type { Code, Localized, RequirementSpec } from './types.ts';

/** The code scheme of the eForms exclusion-ground codelist (http://publications.europa.eu/resource/authority/exclusion-ground). */
export const EFORMS_EXCLUSION_GROUND = 'eforms-exclusion-ground';
/** The ESPD criterion taxonomy, as the eu-espd rule pack and Prozorro name it. */
export const ESPD = 'ESPD211';

type Ground = [label: string, espd: string | null];
const C = 'CRITERION.EXCLUSION.';

/** eForms SDK ≥ 1.12 codes (OP-TED/eForms-SDK codelists/exclusion-ground.gc), English labels, ESPD criterion. */
const GROUNDS: Record<string, Ground> = {
  'exg-crim': ['Grounds relating to criminal convictions', null],
  'exg-crim-corrpt': ['Corruption', `${C}CONVICTIONS.CORRUPTION`],
  'exg-crim-fraud': ['Fraud', `${C}CONVICTIONS.FRAUD`],
  'exg-crim-laund': ['Money laundering or terrorist financing', `${C}CONVICTIONS.MONEY_LAUNDERING`],
  'exg-crim-part': [
    'Participation in a criminal organisation',
    `${C}CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION`,
  ],
  'exg-crim-terror': [
    'Terrorist offences or offences linked to terrorist activities',
    `${C}CONVICTIONS.TERRORIST_OFFENCES`,
  ],
  'exg-crim-traffick': [
    'Child labour and including other forms of trafficking in human beings',
    `${C}CONVICTIONS.CHILD_LABOUR-HUMAN_TRAFFICKING`,
  ],
  'exg-mis': ['Grounds relating to insolvency, conflicts of interests or professional misconduct', null],
  'exg-mis-bre-env-law': [
    'Breaching of obligations in the fields of environmental law',
    `${C}SOCIAL.ENVIRONMENTAL_LAW`,
  ],
  'exg-mis-bre-lab-law': ['Breaching of obligations in the fields of labour law', `${C}SOCIAL.LABOUR_LAW`],
  'exg-mis-bre-soc-law': ['Breaching of obligations in the fields of social law', `${C}SOCIAL.SOCIAL_LAW`],
  'exg-mis-distortion': [
    'Agreements with other economic operators aimed at distorting competition',
    `${C}MISCONDUCT.MARKET_DISTORTION`,
  ],
  'exg-mis-misconduct': ['Grave professional misconduct', `${C}MISCONDUCT.MC_PROFESSIONAL`],
  'exg-mis-misrepresent': [
    'Misrepresentation, withheld information, unable to provide required documents or obtained confidential information of this procedure',
    `${C}CONFLICT_OF_INTEREST.MISINTERPRETATION`,
  ],
  'exg-mis-off-cond': [
    'Offence concerning its professional conduct in the domain of defence procurement',
    null,
  ],
  'exg-mis-partic-confl': [
    'Conflict of interest due to its participation in the procurement procedure',
    `${C}CONFLICT_OF_INTEREST.PROCEDURE_PARTICIPATION`,
  ],
  'exg-mis-prep-confl': [
    'Direct or indirect involvement in the preparation of this procurement procedure',
    `${C}CONFLICT_OF_INTEREST.PROCEDURE_PREPARATION`,
  ],
  'exg-mis-sanction': [
    'Early termination, damages, or other comparable sanctions',
    `${C}CONFLICT_OF_INTEREST.EARLY_TERMINATION`,
  ],
  'exg-mis-unrel-sec': ['Lack of reliability to exclude risks to the security of the country', null],
  'exg-natl': ['Purely national exclusion grounds', null],
  'exg-natl-bre-nat-law': [
    'Breaching of obligations set under purely national exclusion grounds',
    `${C}NATIONAL.OTHER`,
  ],
  'exg-pmt': ['Grounds relating to the payment of taxes or social security contributions', null],
  'exg-pmt-bre-ssc': [
    'Breaching obligation relating to payment of social security contributions',
    `${C}CONTRIBUTIONS.PAYMENT_OF_SOCIAL_SECURITY`,
  ],
  'exg-pmt-bre-tax': [
    'Breaching obligation relating to payment of taxes',
    `${C}CONTRIBUTIONS.PAYMENT_OF_TAXES`,
  ],
  'exg-sitn': ['Grounds relating to the situation of the economic operator', null],
  'exg-sitn-as-susp': ['Business activities are suspended', `${C}BUSINESS.ACTIVITIES_SUSPENDED`],
  'exg-sitn-bankr': ['Bankruptcy', `${C}BUSINESS.BANKRUPTCY`],
  'exg-sitn-cred-arran': ['Arrangement with creditors', `${C}BUSINESS.CREDITORS_ARRANGEMENT`],
  'exg-sitn-insolvency': ['Insolvency', `${C}BUSINESS.INSOLVENCY`],
  'exg-sitn-liq-admin': ['Assets being administered by liquidator', `${C}BUSINESS.LIQUIDATOR_ADMINISTERED`],
  'exg-sitn-other': [
    'Analogous situation like bankruptcy, insolvency or arrangement with creditors under national law',
    `${C}BUSINESS.BANKRUPTCY_ANALOGOUS`,
  ],
};

/** eForms SDK < 1.12 codes (criterion_exclusion-ground.gc), still in notices of 2023–2024: their label and current code. */
const EARLIER: Record<string, [label: string, current: string]> = {
  'bankr-nat': ['Analogous situation like bankruptcy under national law', 'exg-sitn-other'],
  bankruptcy: ['Bankruptcy', 'exg-sitn-bankr'],
  corruption: ['Corruption', 'exg-crim-corrpt'],
  'cred-arran': ['Arrangement with creditors', 'exg-sitn-cred-arran'],
  'crime-org': ['Participation in a criminal organisation', 'exg-crim-part'],
  distorsion: [
    'Agreements with other economic operators aimed at distorting competition',
    'exg-mis-distortion',
  ],
  'envir-law': ['Breaching of obligations in the fields of environmental law', 'exg-mis-bre-env-law'],
  'finan-laund': ['Money laundering or terrorist financing', 'exg-crim-laund'],
  fraud: ['Fraud', 'exg-crim-fraud'],
  'human-traffic': ['Child labour and other forms of trafficking in human beings', 'exg-crim-traffick'],
  insolvency: ['Insolvency', 'exg-sitn-insolvency'],
  'labour-law': ['Breaching of obligations in the fields of labour law', 'exg-mis-bre-lab-law'],
  'liq-admin': ['Assets being administered by liquidator', 'exg-sitn-liq-admin'],
  misrepresent: [
    'Guilty of misrepresentation, withheld information, unable to provide required documents and obtained confidential information of this procedure',
    'exg-mis-misrepresent',
  ],
  'nati-ground': ['Purely national exclusion grounds', 'exg-natl-bre-nat-law'],
  'partic-confl': [
    'Conflict of interest due to its participation in the procurement procedure',
    'exg-mis-partic-confl',
  ],
  'prep-confl': [
    'Direct or indirect involvement in the preparation of this procurement procedure',
    'exg-mis-prep-confl',
  ],
  'prof-misconduct': ['Guilty of grave professional misconduct', 'exg-mis-misconduct'],
  sanction: ['Early termination, damages or other comparable sanctions', 'exg-mis-sanction'],
  'socsec-law': ['Breaching of obligations in the fields of social law', 'exg-mis-bre-soc-law'],
  'socsec-pay': ['Payment of social security contributions', 'exg-pmt-bre-ssc'],
  'susp-act': ['Business activities are suspended', 'exg-sitn-as-susp'],
  'tax-pay': ['Payment of taxes', 'exg-pmt-bre-tax'],
  'terr-offence': ['Terrorist offences or offences linked to terrorist activities', 'exg-crim-terror'],
};

/** exclusion-grounds-source codelist (BT-806): where the grounds are set out. */
const SOURCES: Record<string, string> = {
  'epo-notice': 'the notice',
  'epo-procurement-document': 'the procurement documents',
  'epo-sub-espd': 'the European Single Procurement Document (ESPD)',
  'epo-acc-espd-request': 'the ESPD request',
};

const CRITERION_FIELDS = new Set(['id', 'type', 'description', 'languageID']);
const CONFIRM = 'Confirm that this exclusion ground does not apply to you.';

/** An exclusion-ground code: its label, and every code it is known by (the first is the ESPD criterion when there is one). */
export function exclusionGround(type: string): { label: string; codes: Code[] } | null {
  const earlier = EARLIER[type];
  const current = earlier ? earlier[1] : type;
  const ground = GROUNDS[current];
  if (!ground) return null;
  const codes: Code[] = [{ scheme: EFORMS_EXCLUSION_GROUND, id: type }];
  if (current !== type) codes.push({ scheme: EFORMS_EXCLUSION_GROUND, id: current });
  if (ground[1] !== null) codes.push({ scheme: ESPD, id: ground[1] });
  return { label: earlier ? earlier[0] : ground[0], codes };
}

export function exclusionGrounds(v: unknown, place: Place, warn: Warn, use: Use): RequirementSpec[] {
  if (v === undefined || v === null) return [];
  const path = `${place.path}.exclusionGrounds`;
  if (!isObject(v)) {
    warn(path, 'expected an object with criteria');
    return [];
  }
  for (const key of Object.keys(v))
    if (!['criteria', 'sources', 'description'].includes(key))
      warn(`${path}.${key}`, 'not understood: ignored');
  const definedIn = sources(v.sources, `${path}.sources`, warn, use);
  const specs: RequirementSpec[] = [];
  const general = text(v.description);
  if (general !== null) {
    use(`${path}.description`);
    specs.push(
      condition(place, 'exclusionGrounds.description', {
        title: { en: 'Exclusion grounds (as described by the buyer)' },
        description: { [place.language]: withNotes(general, definedIn) },
        category: 'exclusion',
      }),
    );
  }
  if (v.criteria === undefined || v.criteria === null) return specs;
  if (!Array.isArray(v.criteria)) {
    warn(`${path}.criteria`, 'expected an array of exclusion grounds');
    return specs;
  }
  const seen = new Set<string>();
  for (const [i, c] of v.criteria.entries()) {
    const at = `${path}.criteria[${i}]`;
    if (!isObject(c)) {
      warn(at, `expected an exclusion ground object, got ${describe(c)}`);
      continue;
    }
    for (const key of Object.keys(c))
      if (!CRITERION_FIELDS.has(key)) warn(`${at}.${key}`, 'not understood: ignored (the ground is kept)');
    const type = text(c.type);
    const known = type !== null ? exclusionGround(type) : null;
    if (type !== null && !known)
      warn(
        `${at}.type`,
        `not in the eForms exclusion-ground codelist: ${JSON.stringify(type)} (kept as published)`,
      );
    const description = buyerText(text(c.description), known?.label ?? null);
    if (type === null && description === null) {
      warn(at, 'an exclusion ground with neither type nor description: nothing to confirm');
      continue;
    }
    let name = type ?? text(c.id) ?? `${i}`;
    if (seen.has(name)) name = `${name}@${i}`;
    seen.add(name);
    const codes = known?.codes ?? (type !== null ? [{ scheme: EFORMS_EXCLUSION_GROUND, id: type }] : []);
    const espd = codes.find((code) => code.scheme === ESPD);
    use(at);
    specs.push(
      condition(place, `exclusionGrounds[${name}]`, {
        title: known ? { en: known.label } : titleOf(description, type, place.language),
        description: {
          [place.language]: withNotes(description ?? '', definedIn, CONFIRM),
        } satisfies Localized,
        category: 'exclusion',
        classification: espd ?? codes[0] ?? null,
        ...(codes.length > 0 ? { codes } : {}),
        dataType: 'boolean',
        expectedValue: true,
      }),
    );
  }
  return specs;
}

/** The buyer's own text: the description without the code's label that eForms puts before it ("Fraud: …"). */
function buyerText(description: string | null, label: string | null): string | null {
  if (description === null || label === null) return description;
  const head = description.slice(0, label.length);
  if (head.toLowerCase() !== label.toLowerCase() || description[label.length] !== ':') return description;
  const rest = description.slice(label.length + 1).trim();
  return rest === '' ? null : rest;
}

function sources(v: unknown, path: string, warn: Warn, use: Use): string | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) {
    warn(path, `expected an array of codes, got ${describe(v)}`);
    return null;
  }
  const names = v.flatMap((s, i) => {
    const code = text(s);
    const name = code !== null ? (SOURCES[code] ?? null) : null;
    if (name === null) warn(`${path}[${i}]`, `not in the exclusion-grounds-source codelist: ${describe(s)}`);
    return name === null ? [] : [name];
  });
  if (names.length === 0) return null;
  use(path);
  return `Set out in ${names.join(' and ')}.`;
}

const withNotes = (...parts: (string | null)[]): string =>
  parts.filter((p): p is string => p !== null && p !== '').join('\n');

function titleOf(description: string | null, type: string | null, language: string): Localized {
  const first = description?.split(/[\n:.?]/)[0]?.trim();
  if (first) return { [language]: first.length > 120 ? `${first.slice(0, 119)}…` : first };
  return { en: `Exclusion ground ${type ?? ''}`.trim() };
}
