import { describe, expect, it } from 'vitest';
import {
  choosePacks,
  countryCode,
  type RulePack,
  rulePackRequirements,
  rulePacks,
} from '../../../functions/domain/checklist/rule-packs.ts';
import type { RequirementSpec } from '../../../functions/domain/checklist/types.ts';
import type { Warning } from '../../../functions/domain/tender.ts';
import { InvalidInputError } from '../../../functions/lib/errors.ts';

const parse = (pack: RulePack) => {
  const warnings: Warning[] = [];
  const specs = rulePackRequirements(pack, (path, message) => warnings.push({ path, message }));
  return { specs, warnings };
};

const pack = (id: string): RulePack => {
  const found = rulePacks.find((p) => p.id === id);
  if (!found) throw new Error(`no pack ${id}`);
  return found;
};

const byCriterion = (specs: RequirementSpec[]) => new Map(specs.map((s) => [s.criterionId, s]));
const buyerIn = (country: string | null) => ({ buyer: { id: null, name: null, country } });
const ids = (packs: RulePack[]) => packs.map((p) => p.id);

describe('rule packs', () => {
  it('has the three packs', () => {
    expect(ids([...rulePacks])).toEqual(['eu-espd', 'ru-44fz', 'enterprise-onboarding']);
  });

  describe.each(rulePacks.map((p) => [p.id, p] as const))('%s', (id, p) => {
    const { specs, warnings } = parse(p);

    it('parses into requirement specs with no warnings', () => {
      expect(warnings).toEqual([]);
      expect(specs.length).toBeGreaterThan(0);
    });

    it('gives every requirement a unique, prefixed key of the documented shape', () => {
      expect(new Set(specs.map((s) => s.key)).size).toBe(specs.length);
      for (const s of specs) {
        expect(s.criterionId.startsWith(`pack:${id}:`)).toBe(true);
        expect(s.key).toBe(`${s.criterionId}/${s.groupId}/${s.requirementId}`);
      }
    });

    it('makes every requirement the tenderer’s, mandatory, for the whole tender, with a title', () => {
      for (const s of specs) {
        expect(s).toMatchObject({ obligation: 'tenderer', mandatory: true, lotIds: [] });
        expect(Object.keys(s.title).length).toBeGreaterThan(0);
        expect(Object.keys(s.criterionTitle).length).toBeGreaterThan(0);
        expect(s.dataType).not.toBeNull();
        expect(s.eligibleEvidences.length).toBeGreaterThan(0);
      }
    });

    it('cites a legal basis and a classification for every criterion', () => {
      expect(p.criteria.length).toBeGreaterThan(0);
      const criteria = byCriterion(specs);
      expect(criteria.size).toBe(p.criteria.length);
      for (const s of criteria.values()) {
        expect(s.legislation.length, s.criterionId).toBeGreaterThan(0);
        expect(s.classification?.id, s.criterionId).toMatch(/^CRITERION\./);
      }
    });
  });

  it('never collides with another pack or with a tender’s own criterion keys', () => {
    const keys = rulePacks.flatMap((p) => parse(p).specs.map((s) => s.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('pack:'))).toBe(true);
  });
});

describe('eu-espd', () => {
  const { specs } = parse(pack('eu-espd'));
  const criteria = byCriterion(specs);
  const at = (id: string) => criteria.get(`pack:eu-espd:${id}`);

  it('holds the mandatory grounds of Art. 57(1)(a)–(f) and 57(2) as exclusion', () => {
    const articles = ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `2014/24/EU art. 57(1)(${l})`);
    const legislation = [...criteria.values()].flatMap((s) => s.legislation);
    for (const a of articles) expect(legislation).toContain(a);
    expect(at('exclusion-criminal-organisation')).toMatchObject({
      category: 'exclusion',
      classification: {
        scheme: 'ESPD211',
        id: 'CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION',
      },
    });
    expect(at('exclusion-taxes')?.legislation).toEqual(['2014/24/EU art. 57(2)']);
    const exclusion = [...criteria.values()].filter((s) => s.category === 'exclusion');
    expect(exclusion).toHaveLength(13);
  });

  it('states the Art. 57(7) time limits on the grounds they bound: 5 years from a conviction, 3 from the event', () => {
    expect(at('exclusion-fraud')?.criterionDescription.en).toContain(
      'at most 5 years from the date of the conviction',
    );
    expect(at('exclusion-fraud')?.legislation).toContain('2014/24/EU art. 57(7)');
    expect(at('exclusion-grave-professional-misconduct')?.criterionDescription.en).toContain(
      'at most 3 years from the date of the relevant event',
    );
    expect(at('exclusion-distortion-of-competition')?.criterionDescription.en).toContain('C-124/17');
    // Art. 57(2) (taxes, social security) has no time limit in 57(7)
    expect(at('exclusion-taxes')?.criterionDescription.en).not.toContain('57(7)');
  });

  it('holds the Russia sanctions prohibition of Regulation 833/2014 Art. 5k, subcontractors above 10% included', () => {
    const sanctions = specs.filter((s) => s.criterionId === 'pack:eu-espd:exclusion-russia-sanctions');
    expect(sanctions.map((s) => s.requirementId)).toEqual(['operator', 'subcontractors']);
    expect(sanctions[0]).toMatchObject({ category: 'exclusion', legislation: ['833/2014 art. 5k(1)'] });
    expect(sanctions[1]?.title.en).toContain('more than 10% of the contract value');
  });

  it('classes selection criteria as economic or technical', () => {
    expect(at('selection-general-yearly-turnover')?.category).toBe('selection-economic');
    expect(at('selection-risk-indemnity-insurance')?.category).toBe('selection-economic');
    expect(at('selection-service-references')?.category).toBe('selection-technical');
  });

  it('offers the alternatives the directive offers, as separate groups', () => {
    const groups = (id: string) => [
      ...new Set(specs.filter((s) => s.criterionId === `pack:eu-espd:${id}`).map((s) => s.groupId)),
    ];
    expect(groups('selection-general-yearly-turnover')).toEqual(['turnover', 'other-document']);
    expect(groups('exclusion-fraud')).toEqual(['no-conviction', 'self-cleaning']);
    expect(groups('exclusion-taxes')).toEqual(['no-breach', 'binding-arrangement']);
  });

  it('reads English text under en', () => {
    expect(at('exclusion-fraud')?.criterionTitle).toEqual({ en: 'Fraud' });
  });
});

describe('ru-44fz', () => {
  const { specs } = parse(pack('ru-44fz'));
  const criteria = byCriterion(specs);

  it('has Russian and English titles on every criterion and requirement', () => {
    for (const s of specs) {
      expect(Object.keys(s.criterionTitle).sort()).toEqual(['en', 'ru']);
      expect(Object.keys(s.title).sort()).toEqual(['en', 'ru']);
      expect(Object.keys(s.criterionDescription).sort()).toEqual(['en', 'ru']);
    }
    expect(pack('ru-44fz').title).toMatchObject({ ru: expect.any(String), en: expect.any(String) });
  });

  it('cites Art. 31 part 1 items and part 1.1', () => {
    const legislation = [...criteria.values()].flatMap((s) => s.legislation);
    for (const item of ['1', '3', '4', '5', '7', '7.1', '9', '10', '11'])
      expect(legislation).toContain(`44-FZ art. 31 part 1 item ${item}`);
    expect(legislation).toContain('44-FZ art. 31 part 1.1');
  });

  it('classes licences as suitability and the rest as exclusion', () => {
    expect(criteria.get('pack:ru-44fz:art31-1-1')?.category).toBe('selection-technical');
    const rest = [...criteria.values()].filter((s) => s.criterionId !== 'pack:ru-44fz:art31-1-1');
    expect(rest.map((s) => s.category)).toEqual(rest.map(() => 'exclusion'));
  });

  it('checks tax arrears against 25% of assets, or accepts a pending appeal', () => {
    const tax = specs.filter((s) => s.criterionId === 'pack:ru-44fz:art31-1-5');
    expect(tax.map((s) => [s.groupId, s.dataType, s.maxValue])).toEqual([
      ['within-limit', 'number', 25],
      ['appeal-pending', 'boolean', null],
    ]);
  });
});

describe('enterprise-onboarding', () => {
  const { specs } = parse(pack('enterprise-onboarding'));
  const criteria = byCriterion(specs);

  it('holds 8–12 items covering security, insurance, financials and references', () => {
    expect(criteria.size).toBeGreaterThanOrEqual(8);
    expect(criteria.size).toBeLessThanOrEqual(12);
    const categories = new Set([...criteria.values()].map((s) => s.category));
    expect(categories).toEqual(new Set(['selection-technical', 'selection-economic', 'other']));
    for (const id of [
      'security-questionnaire',
      'liability-insurance',
      'financial-statements',
      'customer-references',
    ])
      expect(criteria.has(`pack:enterprise-onboarding:${id}`), id).toBe(true);
  });

  it('accepts ISO/IEC 27001 or SOC 2 as alternatives', () => {
    const groups = specs
      .filter((s) => s.criterionId === 'pack:enterprise-onboarding:infosec-certification')
      .map((s) => s.groupId);
    expect(groups).toEqual(['iso-27001', 'soc2-type2']);
  });
});

describe('choosePacks', () => {
  it('picks eu-espd for a buyer in an EU member state, by name or code', () => {
    expect(ids(choosePacks(buyerIn('Germany')))).toEqual(['eu-espd']);
    expect(ids(choosePacks(buyerIn('FR')))).toEqual(['eu-espd']);
    expect(ids(choosePacks(buyerIn('DEU')))).toEqual(['eu-espd']);
    expect(ids(choosePacks(buyerIn(' czech republic ')))).toEqual(['eu-espd']);
  });

  it('picks ru-44fz for a buyer in Russia, however it is spelled', () => {
    for (const country of ['RU', 'Russia', 'Russian Federation', 'Россия', 'Российская Федерация'])
      expect(ids(choosePacks(buyerIn(country))), country).toEqual(['ru-44fz']);
  });

  it('picks nothing for other or unknown countries, or no buyer', () => {
    expect(choosePacks(buyerIn('Ukraine'))).toEqual([]);
    expect(choosePacks(buyerIn('United Kingdom'))).toEqual([]);
    expect(choosePacks(buyerIn('Atlantis'))).toEqual([]);
    expect(choosePacks(buyerIn(null))).toEqual([]);
    expect(choosePacks({ buyer: null })).toEqual([]);
  });

  it('adds the packs named on import, each once, in pack order', () => {
    expect(ids(choosePacks(buyerIn('Germany'), ['enterprise-onboarding']))).toEqual([
      'eu-espd',
      'enterprise-onboarding',
    ]);
    expect(
      ids(choosePacks(buyerIn('Ukraine'), [' Enterprise-Onboarding ', 'ru-44fz', 'ru-44fz', ''])),
    ).toEqual(['ru-44fz', 'enterprise-onboarding']);
    expect(ids(choosePacks(buyerIn('Germany'), ['eu-espd']))).toEqual(['eu-espd']);
  });

  it('rejects an unknown pack name with an error naming query:rulePacks', () => {
    const attempt = () => choosePacks(buyerIn('Germany'), ['enterprise-onboarding', 'us-far']);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(/unknown rule pack: us-far/);
    try {
      attempt();
    } catch (e) {
      expect((e as InvalidInputError).errors).toEqual([
        { path: 'query:rulePacks', message: expect.stringContaining('"us-far" is not among: eu-espd') },
      ]);
    }
  });
});

describe('countryCode', () => {
  it('reads codes, English names and known aliases; null for the rest', () => {
    expect(countryCode('de')).toBe('DE');
    expect(countryCode('Greece')).toBe('GR');
    expect(countryCode('EL')).toBe('GR');
    expect(countryCode('XX')).toBeNull();
    expect(countryCode('')).toBeNull();
    expect(countryCode(null)).toBeNull();
  });
});
