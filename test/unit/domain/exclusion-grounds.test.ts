import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../functions/domain/checklist/answer.ts';
import { ESPD, exclusionGround } from '../../../functions/domain/checklist/exclusion-grounds.ts';
import { rulePacks } from '../../../functions/domain/checklist/rule-packs.ts';
import { readExample } from '../../support/fixtures.ts';
import { byKey, intakeOne } from '../../support/intake.ts';

type Json = Record<string, unknown>;
/** A real eForms contract notice (Norway) with 24 exclusion grounds in the earlier eForms codes. */
const NOTICE = 'ContractNotice_cn-standard_2024-102199_release_0.json';

const intake = intakeOne;
const notice = (): Json & { tender: Json } => structuredClone(readExample(NOTICE)) as Json & { tender: Json };

describe('EU exclusion grounds (eForms BT-67) become checklist items', () => {
  it('the real notice: one exclusion item per ground, with its eForms and ESPD codes, and no warning', () => {
    const { requirements, tender } = intake(readExample(NOTICE));
    const grounds = requirements.filter((r) => r.category === 'exclusion');
    expect(grounds).toHaveLength(24);
    expect(grounds.every((r) => r.mandatory && r.obligation === 'tenderer' && r.dataType === 'boolean')).toBe(
      true,
    );
    const crime = byKey(requirements, 'exclusionGrounds[crime-org]/0/0');
    expect(crime.title).toEqual({ en: 'Participation in a criminal organisation' });
    expect(crime.classification).toEqual({
      scheme: 'ESPD211',
      id: 'CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION',
    });
    expect(crime.codes).toEqual([
      { scheme: 'eforms-exclusion-ground', id: 'crime-org' },
      { scheme: 'eforms-exclusion-ground', id: 'exg-crim-part' },
      { scheme: 'ESPD211', id: 'CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION' },
    ]);
    // the description is the buyer's own text: the code's label eForms puts before it ("…organisation: ") is dropped
    expect(crime.description.no).toMatch(/^Deltakelse i en kriminell organisasjon\n/);
    expect(checkAnswer(crime, true)).toMatchObject({ ok: true, compliant: true });
    expect(checkAnswer(crime, false)).toMatchObject({ ok: true, compliant: false });
    expect(tender.warnings.filter((w) => w.path.includes('exclusionGrounds'))).toEqual([]);
  });

  it('every ground of the notice has an ESPD criterion, so an answer matches the same ground elsewhere', () => {
    const { requirements } = intake(readExample(NOTICE));
    const grounds = requirements.filter((r) => r.category === 'exclusion');
    expect(grounds.filter((r) => r.classification?.scheme !== ESPD)).toEqual([]);
    // the ESPD rule pack (and Prozorro) classify the same grounds with the same ids
    const pack = rulePacks.find((p) => p.id === 'eu-espd');
    const packIds = (pack?.criteria ?? []).map(
      (c) => (c as { classification: { id: string } }).classification.id,
    );
    const shared = grounds.filter((r) => packIds.includes(r.classification?.id ?? ''));
    expect(shared.map((r) => r.criterionId)).toContain('exclusionGrounds[corruption]');
    expect(shared.length).toBeGreaterThanOrEqual(12);
  });

  it('the current codes (SDK 1.12+), on a lot, with their sources; the earlier and current code of a ground share the ESPD id', () => {
    const doc = notice();
    delete doc.tender.exclusionGrounds;
    const lots = doc.tender.lots as Json[];
    (lots[0] as Json).exclusionGrounds = {
      criteria: [
        {
          type: 'exg-crim-part',
          description: 'Participation in a criminal organisation: Applicants not satisfying...',
        },
        {
          type: 'exg-mis-unrel-sec',
          description: 'Lack of reliability to exclude risks to the security of the country',
        },
      ],
      sources: ['epo-procurement-document'],
    };
    const { requirements, tender } = intake(doc);
    const crime = byKey(requirements, 'lots[LOT-0000].exclusionGrounds[exg-crim-part]/0/0');
    expect(crime).toMatchObject({ category: 'exclusion', obligation: 'lot', lotIds: ['LOT-0000'] });
    expect(crime.description.no).toBe(
      'Applicants not satisfying...\nSet out in the procurement documents.\nConfirm that this exclusion ground does not apply to you.',
    );
    expect(crime.classification?.id).toBe(exclusionGround('crime-org')?.codes.at(-1)?.id);
    // a defence-only ground has no ESPD criterion: its eForms code is the classification
    const security = byKey(requirements, 'lots[LOT-0000].exclusionGrounds[exg-mis-unrel-sec]/0/0');
    expect(security.classification).toEqual({ scheme: 'eforms-exclusion-ground', id: 'exg-mis-unrel-sec' });
    expect(tender.warnings.filter((w) => w.path.includes('exclusionGrounds'))).toEqual([]);
  });

  it('what is not understood is named in a warning; a ground with an unknown code is kept as published', () => {
    const doc = notice();
    doc.tender.exclusionGrounds = {
      criteria: [
        { type: 'local-ground', description: 'Registered in the municipal supplier register' },
        { type: 'fraud', description: 'Fraud: Bedrageri', weight: 3 },
        'bankruptcy',
        {},
      ],
      sources: ['epo-elsewhere'],
      extra: true,
    };
    const { requirements, tender } = intake(doc);
    const local = byKey(requirements, 'exclusionGrounds[local-ground]/0/0');
    expect(local.title).toEqual({ no: 'Registered in the municipal supplier register' });
    expect(local.codes).toEqual([{ scheme: 'eforms-exclusion-ground', id: 'local-ground' }]);
    expect(byKey(requirements, 'exclusionGrounds[fraud]/0/0').description.no).toMatch(/^Bedrageri\n/);
    expect(tender.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining([
        'tender.exclusionGrounds.extra',
        'tender.exclusionGrounds.sources[0]',
        'tender.exclusionGrounds.criteria[0].type',
        'tender.exclusionGrounds.criteria[1].weight',
        'tender.exclusionGrounds.criteria[2]',
        'tender.exclusionGrounds.criteria[3]',
      ]),
    );
  });

  it("a tender that publishes its exclusion grounds does not get the EU pack's again", () => {
    const doc = notice();
    (doc.parties as Json[]).forEach((p) => {
      if ((p.address as Json | undefined)?.country) (p.address as Json).country = 'DK';
    });
    const { tender, requirements } = intake(doc);
    expect(tender.buyer?.countryCode).toBe('DK');
    expect(tender.rulePacks).toBeUndefined();
    expect(requirements.some((r) => r.key.startsWith('pack:'))).toBe(false);
  });
});
