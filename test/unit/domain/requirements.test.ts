import { describe, expect, it } from 'vitest';
import { intakeRelease } from '../../../functions/domain/checklist/intake.ts';
import {
  categoryOf,
  extractCriteria,
  extractRequirements,
} from '../../../functions/domain/checklist/requirements.ts';
import type { Warning } from '../../../functions/domain/tender.ts';
import { readExample } from '../../support/fixtures.ts';

const collect = () => {
  const warnings: Warning[] = [];
  return { warnings, warn: (path: string, message: string) => warnings.push({ path, message }) };
};

const countBy = <T>(list: T[], key: (t: T) => string) =>
  list.reduce<Record<string, number>>((acc, t) => {
    acc[key(t)] = (acc[key(t)] ?? 0) + 1;
    return acc;
  }, {});

/** Requirements counted straight from the raw JSON, to cross-check the hard-coded numbers. */
const rawRequirementCount = (criteria: unknown): number =>
  (criteria as { requirementGroups: { requirements: unknown[] }[] }[])
    .flatMap((c) => c.requirementGroups)
    .flatMap((g) => g.requirements).length;

describe('extractCriteria on the Prozorro criteria templates', () => {
  const templates = (name: string) => {
    const doc = readExample(name);
    if (!Array.isArray(doc)) throw new Error(`${name} is not an array`);
    const { warnings, warn } = collect();
    return { doc, specs: extractCriteria(doc, warn, { language: 'uk' }), warnings };
  };

  it('article 17: 13 criteria, 21 groups, 24 requirements; exclusion grounds, winner and buyer-side ones', () => {
    const { doc, specs, warnings } = templates('prozorro-standards-criteria-article_17.json');
    expect(doc).toHaveLength(13);
    expect(specs).toHaveLength(24);
    expect(rawRequirementCount(doc)).toBe(24);
    expect(new Set(specs.map((s) => s.criterionId)).size).toBe(13);
    expect(new Set(specs.map((s) => `${s.criterionId}/${s.groupId}`)).size).toBe(21);
    expect(countBy(specs, (s) => s.category)).toEqual({ exclusion: 22, 'selection-technical': 2 });
    expect(countBy(specs, (s) => s.obligation)).toEqual({ winner: 16, tenderer: 8 });
    // the procuring entity answers MARKET_DISTORTION and MISINTERPRETATION itself: not the tenderer's blocker
    expect(specs.filter((s) => !s.mandatory).map((s) => s.classification?.id)).toEqual([
      'CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.MISINTERPRETATION',
      'CRITERION.EXCLUSION.MISCONDUCT.MARKET_DISTORTION',
    ]);
    expect(specs.flatMap((s) => s.eligibleEvidences)).toHaveLength(14);
    expect(specs[0]?.legislation[0]).toMatch(/^922-VIII art\. /);
    // templates carry no ids: positions are used, and each is reported
    expect(specs[0]?.key).toBe('0/0/0');
    expect(warnings).toContainEqual({ path: 'criteria[0].id', message: 'missing: using the position 0' });
    expect(warnings.filter((w) => w.path.endsWith('expectedValues'))).toHaveLength(1);
  });

  it('other: guarantees per lot and for the winner, an empty dataType reported, allowed-value lists reported', () => {
    const { doc, specs, warnings } = templates('prozorro-standards-criteria-other.json');
    expect(doc).toHaveLength(7);
    expect(specs).toHaveLength(13);
    expect(rawRequirementCount(doc)).toBe(13);
    expect(new Set(specs.map((s) => `${s.criterionId}/${s.groupId}`)).size).toBe(9);
    expect(countBy(specs, (s) => s.category)).toEqual({ other: 5, guarantee: 7, 'selection-technical': 1 });
    expect(countBy(specs, (s) => s.obligation)).toEqual({ tenderer: 6, lot: 2, winner: 5 });
    const bid = specs.find((s) => s.classification?.id === 'CRITERION.OTHER.BID.GUARANTEE');
    expect(bid).toMatchObject({
      dataType: 'number',
      minValue: 0,
      maxValue: 3,
      obligation: 'lot',
      lotIds: [],
      unit: 'відсоток',
    });
    expect(specs.filter((s) => s.unit !== undefined).map((s) => s.unit)).toContain('день');
    expect(bid?.eligibleEvidences).toEqual([
      {
        id: '0',
        title: 'Банківська гарантія забезпечення тендерної пропозиції/пропозиції',
        type: 'document',
      },
    ]);
    expect(warnings).toContainEqual({
      path: 'criteria[1].requirementGroups[0].requirements[0].dataType',
      message: expect.stringContaining('not in the dataType codelist'),
    });
    expect(warnings.filter((w) => w.path.endsWith('expectedValues')).map((w) => w.path)).toEqual([
      'criteria[0].requirementGroups[1].requirements[0].expectedValues',
      'criteria[3].requirementGroups[0].requirements[0].expectedValues',
    ]);
  });
});

describe('extractRequirements on messy OCDS criteria', () => {
  const release = {
    ocid: 'ocds-x-1',
    language: 'en',
    tender: {
      lots: [{ id: 'L1' }, { id: 'L2' }],
      items: [{ id: 'I1', relatedLot: 'L2' }],
      criteria: [
        {
          id: 'C1',
          title: 'Turnover',
          title_fr: "Chiffre d'affaires",
          classification: { scheme: 'ESPD', id: 'CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.TURNOVER' },
          relatesTo: 'lot',
          relatedItem: 'L1',
          requirementGroups: [
            {
              id: 'G1',
              requirements: [
                { id: 'R1', dataType: 'number', minValue: '1 000 000', maxValue: 'lots', expectedValue: '5' },
                { id: 'R2', dataType: 'boolean', expectedValue: 'TRUE' },
                { id: 'R3', dataType: 'money', expectedValue: { amount: 1 } },
                { dataType: 'integer', expectedValue: 2.5, pattern: '([' },
                { id: 'R1', title: 'duplicate' },
                null,
              ],
            },
            null,
            { id: 'G3', requirements: null },
          ],
        },
        {
          id: 'C2',
          source: 'winner',
          relatedLots: ['L2', 'L9'],
          requirementGroups: [{ id: 'G1', requirements: [{ id: 'R1' }] }],
        },
        {
          id: 'C3',
          relatedItem: 'I1',
          mandatory: 'false',
          requirementGroups: [
            { id: 'G', requirements: [{ id: 'R', dataType: 'boolean', expectedValue: 'false' }] },
          ],
        },
        { id: 'C4', requirementGroups: null },
        'not a criterion',
      ],
    },
  };

  it('coerces numbers and booleans given as strings, and names every field it could not use', () => {
    const { warnings, warn } = collect();
    const specs = extractRequirements(release, warn, { language: 'en' });
    expect(specs.map((s) => s.key)).toEqual([
      'C1/G1/R1',
      'C1/G1/R2',
      'C1/G1/R3',
      'C1/G1/3',
      'C2/G1/R1',
      'C3/G/R',
    ]);
    const [r1, r2, r3, r4, winner, item] = specs;
    expect(r1).toMatchObject({ minValue: 1_000_000, maxValue: null, expectedValue: 5, lotIds: ['L1'] });
    expect(r1).toMatchObject({ obligation: 'lot', category: 'selection-economic', mandatory: true });
    expect(r1?.criterionTitle).toEqual({ en: 'Turnover', fr: "Chiffre d'affaires" });
    expect(r2?.expectedValue).toBe(true);
    expect(r3).toMatchObject({ dataType: null, expectedValue: null });
    expect(r4).toMatchObject({ requirementId: '3', dataType: 'integer', expectedValue: 2.5, pattern: null });
    expect(winner).toMatchObject({ obligation: 'winner', lotIds: ['L2', 'L9'] });
    expect(item).toMatchObject({ lotIds: ['L2'], obligation: 'lot', mandatory: false, expectedValue: false });
    const base = 'tender.criteria[0].requirementGroups[0].requirements';
    expect(warnings.map((w) => w.path)).toEqual([
      `${base}[0].maxValue`,
      `${base}[2].dataType`,
      `${base}[2].expectedValue`,
      `${base}[3].id`,
      `${base}[3].expectedValue`,
      `${base}[3].pattern`,
      `${base}[4]`,
      `${base}[5]`,
      'tender.criteria[0].requirementGroups[1]',
      'tender.criteria[0].requirementGroups[2].requirements',
      'tender.criteria[1].relatedLots[1]',
      'tender.criteria[3].requirementGroups',
      'tender.criteria[4]',
    ]);
    expect(warnings[6]?.message).toBe('duplicate requirement C1/G1/R1: kept the first');
    expect(warnings[10]?.message).toBe('no lot "L9" in the tender');
  });

  it('intakeRelease merges the requirement warnings into the tender and keeps the localized title', () => {
    const t = { ...release, tender: { ...release.tender, title: 'Roads', title_uk: 'Дороги' } };
    const { tender, requirements } = intakeRelease(t, 'ocds-x-1', { timeZone: 'Europe/Paris' });
    expect(requirements).toHaveLength(6);
    expect(tender.titles).toEqual({ en: 'Roads', uk: 'Дороги' });
    expect(tender.warnings).toContainEqual({
      path: 'tender.criteria[0].requirementGroups[0].requirements[2].dataType',
      message: expect.stringContaining('"money"'),
    });
  });

  it('returns nothing, quietly, for a release without criteria; warns when criteria is not a list', () => {
    const { warnings, warn } = collect();
    expect(extractRequirements({ ocid: 'o', tender: {} }, warn)).toEqual([]);
    expect(extractRequirements({ ocid: 'o' }, warn)).toEqual([]);
    expect(warnings).toEqual([]);
    expect(extractRequirements({ ocid: 'o', tender: { criteria: {} } }, warn)).toEqual([]);
    expect(warnings).toEqual([{ path: 'tender.criteria', message: 'expected an array of criteria' }]);
  });

  it('puts unsuffixed text under "default" when the language is unknown', () => {
    const { warn } = collect();
    const [spec] = extractCriteria(
      [
        {
          id: 'c',
          title: 'T',
          title_en: 'T-en',
          requirementGroups: [{ id: 'g', requirements: [{ id: 'r' }] }],
        },
      ],
      warn,
    );
    expect(spec?.criterionTitle).toEqual({ default: 'T', en: 'T-en' });
  });
});

describe('categoryOf', () => {
  it.each([
    ['CRITERION.EXCLUSION.CONVICTIONS.FRAUD', 'exclusion'],
    ['CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.TURNOVER.GENERAL_YEARLY', 'selection-economic'],
    [
      'CRITERION.SELECTION.TECHNICAL_PROFESSIONAL_ABILITY.CERTIFICATES.QUALITY_ASSURANCE',
      'selection-technical',
    ],
    ['CRITERION.SELECTION.SUITABILITY.TRADE_REGISTER_ENROLMENT', 'selection-technical'],
    ['CRITERION.OTHER.BID.GUARANTEE', 'guarantee'],
    ['CRITERION.OTHER.CONTRACT.GUARANTEE', 'guarantee'],
    ['CRITERION.OTHER.BID.LANGUAGE', 'other'],
    [null, 'other'],
  ] as const)('%s → %s', (id, category) => {
    expect(categoryOf(id)).toBe(category);
  });
});
