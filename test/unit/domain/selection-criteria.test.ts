import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../functions/domain/checklist/answer.ts';
import { readExample } from '../../support/fixtures.ts';
import { byKey, intakeOne } from '../../support/intake.ts';

type Json = Record<string, unknown>;
const NOTICE = 'ContractNotice_cn-standard_2024-107345_release_0.json';

const intake = intakeOne;

/**
 * The real eForms notice with, on the tender, the shapes the EU-profile extensions document
 * (ocds_selectionCriteria_extension and ocds_otherRequirements_extension README examples).
 */
function noticeWithConditions(over: Json = {}): Json {
  const doc = structuredClone(readExample(NOTICE)) as Json & { tender: Json };
  doc.tender.selectionCriteria = {
    criteria: [
      {
        description: 'Minimum number of years of experience on similar projects',
        minimum: '10',
        type: 'technical',
        subType: 'slc-abil-ref-services',
        appliesTo: ['supplier', 'subcontractor'],
      },
      {
        description: 'Turnover over contract value rate',
        type: 'economic',
        forReduction: true,
        numbers: [{ number: 2, threshold: 'minimumScore' }],
        verificationMethod: 'Annual accounts from previous 2 financial years.',
      },
    ],
  };
  doc.tender.otherRequirements = {
    requiresStaffNamesAndQualifications: true,
    reservedParticipation: ['shelteredWorkshop'],
    qualificationSystemConditions: [
      'The candidates are required to comply with all the technical and financial requisites listed on the National Procurement portal.',
      'The candidates are required to create an electronic profile on https://procurement.example.org.',
    ],
    qualificationSystemMethods: ['Pre-qualification questionnaire'],
    reductionCriteria:
      'The candidates will be selected according to their technical, financial and legal capacity.',
    securityClearance: 'Staff on site need national security clearance level "Restricted".',
    ...over,
  };
  return doc;
}

describe('EU selection criteria become checklist items', () => {
  it('the real eForms notice: its five lot selection criteria, in Norwegian, on lot LOT-0000, without warnings', () => {
    const { requirements, tender } = intake(readExample(NOTICE));
    const selection = requirements.filter((r) =>
      r.criterionId.startsWith('lots[LOT-0000].selectionCriteria['),
    );
    expect(selection).toHaveLength(5);
    expect(
      selection.every((r) => r.obligation === 'lot' && r.lotIds.join() === 'LOT-0000' && r.mandatory),
    ).toBe(true);
    expect(selection[2]?.title).toEqual({ no: 'Registrert i handelsregister eller foretaksregister' });
    // the fifth has no title and languageID "NOR" (ISO 639-2): its title is the description's first phrase, in Norwegian
    expect(selection[4]?.title).toEqual({ no: 'Bare for tjenester' });
    expect(Object.keys(selection[4]?.description ?? {})).toEqual(['no']);
    expect(tender.warnings.filter((w) => w.path.includes('selectionCriteria'))).toEqual([]);
  });

  it('type gives the category; a numeric minimum is checked against the answer; the verification method is the evidence', () => {
    const { requirements } = intake(noticeWithConditions());
    const experience = byKey(requirements, 'selectionCriteria[0]/0/0');
    expect(experience).toMatchObject({
      category: 'selection-technical',
      obligation: 'tenderer',
      lotIds: [],
      dataType: 'number',
      minValue: 10,
      classification: { scheme: 'eu-selection-criterion', id: 'slc-abil-ref-services' },
    });
    expect(experience.description.no).toContain('Applies to: supplier and subcontractor');
    expect(checkAnswer(experience, 9)).toMatchObject({ ok: true, compliant: false });
    expect(checkAnswer(experience, 12)).toMatchObject({ ok: true, compliant: true });

    const turnover = byKey(requirements, 'selectionCriteria[1]/0/0');
    expect(turnover.category).toBe('selection-economic');
    expect(turnover.eligibleEvidences).toEqual([
      { id: 'verificationMethod', title: 'Annual accounts from previous 2 financial years.', type: null },
    ]);
    expect(turnover.description.no).toContain('shortlist');
    expect(turnover.description.no).toContain('minimumScore 2');
  });

  it('a type missing but a subType given: the eForms code prefix decides', () => {
    const doc = noticeWithConditions();
    (doc.tender as Json).selectionCriteria = {
      criteria: [{ subType: 'slc-stand-tover-gen', description: 'General yearly turnover' }],
    };
    expect(byKey(intake(doc).requirements, 'selectionCriteria[0]/0/0').category).toBe('selection-economic');
  });
});

describe('EU other requirements become checklist items', () => {
  const { requirements } = intake(noticeWithConditions());
  const other = requirements.filter((r) => r.criterionId.startsWith('otherRequirements.'));

  it('one item per condition, each its own criterion so every one is asked for', () => {
    expect(other.map((r) => r.criterionId)).toEqual([
      'otherRequirements.requiresStaffNamesAndQualifications',
      'otherRequirements.reservedParticipation',
      'otherRequirements.qualificationSystemConditions[0]',
      'otherRequirements.qualificationSystemConditions[1]',
      'otherRequirements.securityClearance',
      'otherRequirements.reductionCriteria',
    ]);
  });

  it('a reservation is a yes/no the bidder must answer yes; conditions carry how they are verified', () => {
    const reserved = byKey(requirements, 'otherRequirements.reservedParticipation/0/0');
    expect(reserved).toMatchObject({ dataType: 'boolean', expectedValue: true, mandatory: true });
    expect(reserved.description.en).toContain('sheltered workshops');
    expect(checkAnswer(reserved, false)).toMatchObject({ compliant: false });
    expect(
      byKey(requirements, 'otherRequirements.qualificationSystemConditions[1]/0/0').description.no,
    ).toContain('Verified by: Pre-qualification questionnaire');
    expect(byKey(requirements, 'otherRequirements.securityClearance/0/0').category).toBe(
      'selection-technical',
    );
  });

  it('how candidates are shortlisted is shown but does not block the bid', () => {
    expect(byKey(requirements, 'otherRequirements.reductionCriteria/0/0').mandatory).toBe(false);
  });
});

describe('what is not understood in a criteria-like field is a warning, never dropped in silence', () => {
  it('unknown fields, types and codes are named; the criteria around them are kept', () => {
    const doc = noticeWithConditions({
      requiresNonDisclosure: true,
      reservedParticipation: ['veteransOnly'],
    });
    const tender = doc.tender as Json & { selectionCriteria: { criteria: unknown[] } };
    tender.selectionCriteria.criteria.push(
      { description: 'Insurance', type: 'financial', weighting: 3 },
      'ISO 9001',
    );
    const { requirements, tender: t } = intake(doc);
    expect(t.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining([
        'tender.otherRequirements.requiresNonDisclosure',
        'tender.otherRequirements.reservedParticipation',
        'tender.selectionCriteria.criteria[2].type',
        'tender.selectionCriteria.criteria[2].weighting',
        'tender.selectionCriteria.criteria[3]',
      ]),
    );
    expect(byKey(requirements, 'selectionCriteria[2]/0/0')).toMatchObject({
      category: 'other',
      title: { no: 'Insurance' },
    });
    expect(byKey(requirements, 'otherRequirements.reservedParticipation/0/0').description.en).toContain(
      'veteransOnly',
    );
  });

  it('a selectionCriteria that is not an object, or criteria that are not a list, are warnings', () => {
    const doc = noticeWithConditions();
    (doc.tender as Json).selectionCriteria = { criteria: 'see the documents' };
    (doc.tender as Json).otherRequirements = ['staff names'];
    const { tender } = intake(doc);
    expect(tender.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(['tender.selectionCriteria.criteria', 'tender.otherRequirements']),
    );
  });
});
