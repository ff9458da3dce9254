/**
 * What kind of government a buyer is (federal / state / local), as far as the source tells: an OCDS
 * party's classification (`details.classifications`: TED authority types, `govLevel`/`level` words),
 * else words in its name. Null when nothing says: a rule for federal buyers then applies with a warning.
 */
import type { BuyerKind } from './tender.ts';

/** TED contracting-authority types (eForms `buyer-legal-type`, TED CA_TYPE) and level words. */
const CODES: Readonly<Record<string, BuyerKind>> = {
  cga: 'federal',
  ministry: 'federal',
  national_agency: 'federal',
  'cga-organ': 'federal',
  federal: 'federal',
  national: 'federal',
  central: 'federal',
  ra: 'state',
  'ra-organ': 'state',
  regional_authority: 'state',
  regional_agency: 'state',
  regional: 'state',
  state: 'state',
  provincial: 'state',
  la: 'local',
  'la-organ': 'local',
  local_authority: 'local',
  local: 'local',
  municipal: 'local',
};

/** Words in a buyer's name, checked in order (the first that matches wins). */
const NAME_PATTERNS: readonly [RegExp, BuyerKind][] = [
  [
    /\bfederal\b|\bU\.?S\.? (department|army|navy|air force)|\bdepartment of (the )?(army|navy|air force|defense|energy|state|veterans|homeland)|федеральн/i,
    'federal',
  ],
  [
    /\b(city|town|village|county|borough|municipality) of\b|муниципальн|городск(ой|ого) округ|\bмуницип|сельск(ое|ого) поселени/i,
    'local',
  ],
  [
    /\bstate of\b|\bcommonwealth of\b|субъекта российской федерации|област(ной|и)\b|краев(ой|ого)\b|республики\b/i,
    'state',
  ],
];

export function buyerKind(details: unknown, name: string | null): BuyerKind | null {
  for (const value of classificationValues(details)) {
    const kind = CODES[value.trim().toLowerCase()];
    if (kind) return kind;
  }
  if (name) for (const [pattern, kind] of NAME_PATTERNS) if (pattern.test(name)) return kind;
  return null;
}

function classificationValues(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['govLevel', 'level', 'legalType', 'buyerLegalType'])
    if (typeof d[key] === 'string') out.push(d[key] as string);
  if (Array.isArray(d.classifications))
    for (const c of d.classifications)
      if (typeof c === 'object' && c !== null) {
        const id = (c as Record<string, unknown>).id;
        if (typeof id === 'string') out.push(id);
      }
  return out;
}
