import { describe, expect, it } from 'vitest';
import { readExample } from '../../support/fixtures.ts';
import { byKey, intakeOne } from '../../support/intake.ts';

type Json = Record<string, unknown>;
const intake = intakeOne;

describe('criteria in name that nothing read become checklist items', () => {
  it('OCDS eligibilityCriteria (a requirement) and awardCriteria + details (shown, never blocking)', () => {
    const doc = structuredClone(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json')) as {
      tender: Json;
    };
    doc.tender.eligibilityCriteria = 'Registered with Companies House for at least 3 years';
    doc.tender.awardCriteria = 'ratedCriteria';
    doc.tender.awardCriteriaDetails = 'Quality 60 %, price 40 %';
    const { requirements } = intake(doc);
    expect(byKey(requirements, 'eligibilityCriteria/0/0')).toMatchObject({
      category: 'other',
      mandatory: true,
      description: { 'en-gb': 'Registered with Companies House for at least 3 years' },
    });
    expect(byKey(requirements, 'awardCriteria/0/0')).toMatchObject({
      mandatory: false,
      description: {
        'en-gb':
          'Quality 60 %, price 40 %\nAward criteria: price and other rated criteria are weighed together',
      },
    });
  });

  it("an eForms lot's structured award criteria and its accessibility criteria", () => {
    const doc = structuredClone(readExample('ContractNotice_cn-standard_2024-107345_release_0.json')) as {
      tender: { lots: Json[] };
    };
    const lot = doc.tender.lots[0] as Json;
    lot.hasAccessibilityCriteria = true;
    lot.awardCriteria = {
      criteria: [
        { type: 'price', description: 'Price', numbers: [{ number: 40, weight: 'percentageExact' }] },
        { type: 'quality', name: 'Project team', numbers: [{ number: 60 }] },
      ],
    };
    const { requirements, tender } = intake(doc);
    expect(byKey(requirements, 'lots[LOT-0000].hasAccessibilityCriteria/0/0')).toMatchObject({
      obligation: 'lot',
      mandatory: true,
    });
    expect(byKey(requirements, 'lots[LOT-0000].awardCriteria/0/0').description.no).toBe(
      '- price: Price (40)\n- quality: Project team (60)',
    );
    expect(tender.warnings.filter((w) => w.path.includes('awardCriteria'))).toEqual([]);
  });
});

describe('what Tenderflow does not import is named in a warning', () => {
  it('a contract release: the award, the contract period and the payments', () => {
    const { tender } = intake(readExample('nigeria-borbda-mkksbm-contract-release-1.1.json'));
    expect(tender.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining([
        'awards[0]',
        'contracts[0].period',
        'contracts[0].implementation.transactions',
        'packageInfo',
      ]),
    );
  });

  it('Prozorro: the complaint period ends and items are delivered (milestones, so deadlines)', () => {
    const { tender } = intake(
      readExample('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json'),
    );
    const refs = (tender.milestones ?? []).map((m) => [m.ref, m.type, m.lotId, m.dueAt]);
    expect(refs).toContainEqual(['complaintPeriod', null, null, '2022-08-19T21:00:00.000Z']);
    expect(refs).toContainEqual([
      'items[3294e2e8748a8095e148e5af28aa3f71].deliveryDate',
      'delivery',
      '268c0b11caf3a45ecb178e92ea36b9c4',
      '2023-03-31T12:02:53.000Z',
    ]);
  });
});
