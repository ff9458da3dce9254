import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeDocument } from '../../../functions/domain/checklist/intake.ts';
import { isProzorroTender, normalizeProzorro } from '../../../functions/domain/prozorro/normalize.ts';
import { NormalizedTender } from '../../../functions/domain/tender.ts';
import { InvalidInputError } from '../../../functions/lib/errors.ts';
import { exampleFiles, readExample } from '../../support/fixtures.ts';

const PROZORRO = 'prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json';
const TEMPLATES = ['prozorro-standards-criteria-article_17.json', 'prozorro-standards-criteria-other.json'];

/** The error intakeDocument throws, or undefined. */
const thrown = (run: () => unknown): unknown => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('intakeDocument on every file in test/fixtures/ocds', () => {
  it.each(exampleFiles().filter((f) => !TEMPLATES.includes(f)))(
    '%s: tenders that match the schema',
    (name) => {
      const intakes = intakeDocument(readExample(name));
      expect(intakes.length).toBeGreaterThan(0);
      for (const { ocid, tender } of intakes) {
        expect(tender.ocid).toBe(ocid);
        expect(() => NormalizedTender.parse(tender)).not.toThrow();
      }
    },
  );

  it.each(TEMPLATES)('%s: a list of criteria templates is refused, saying so', (name) => {
    const error = thrown(() => intakeDocument(readExample(name)));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe('the document is a list of criteria, not a tender');
    expect((error as InvalidInputError).errors[0]?.message).toMatch(/^a JSON array of \d+ criteria/);
  });
});

describe('the Prozorro tender (aboveThresholdEU, active.tendering)', () => {
  const raw = readExample(PROZORRO) as {
    criteria: { source: string; requirementGroups: { requirements: { status: string }[] }[] }[];
  };
  const [intake] = intakeDocument(raw);
  if (!intake) throw new Error('no intake');
  /** its one milestone is a payment term relative to delivery, with no date: kept, warned about, no deadline */
  const paymentTermWarning = (at: string) => ({
    path: `${at}milestones[0]`,
    message:
      'no date (postpayment 100%, 45 calendar days after deliveryOfGoods): not a deadline until that event has a date',
  });
  const { tender } = intake;
  /** the requirements of its criteria (its three features and its award criteria are items too: prozorro-features.test.ts) */
  const requirements = intake.requirements.filter(
    (r) => !r.criterionId.includes('features[') && r.criterionId !== 'awardCriteria',
  );
  /** the dates it publishes that are no deadline, and the cancelled requirement, each named (issue #19) */
  const named = (at: string) => [
    {
      path: `${at}date`,
      message: "the date of the tender's last status change: not used (dateModified dates this version)",
    },
    { path: `${at}lots[0].date`, message: "the date of the lot's last status change: not used" },
    {
      path: `${at}enquiryPeriod.invalidationDate`,
      message:
        'bids made before 2022-07-23T15:03:24.832657+03:00 were invalidated by a change to the tender: a bid made earlier must be confirmed again (not a deadline)',
    },
  ];
  const cancelled = (at: string) => ({
    path: `${at}criteria[8].requirementGroups[0].requirements[1]`,
    message: 'cancelled by the buyer (an earlier version of a requirement): not in the checklist',
  });

  it('is detected as Prozorro and keyed by the Prozorro ocid convention', () => {
    expect(isProzorroTender(raw)).toBe(true);
    expect(intake.ocid).toBe('ocds-be6bcu-UA-2022-07-23-000100-a');
    expect(tender.warnings).toEqual([...named(''), paymentTermWarning(''), cancelled('')]);
  });

  it('10 criteria, 12 groups, 19 requirements of which one is cancelled: 18 checklist requirements', () => {
    // counted by hand with jq; cross-checked against the raw JSON
    const groups = raw.criteria.flatMap((c) => c.requirementGroups);
    const all = groups.flatMap((g) => g.requirements);
    expect([raw.criteria.length, groups.length, all.length]).toEqual([10, 12, 19]);
    expect(all.filter((r) => r.status === 'cancelled')).toHaveLength(1);
    expect(requirements).toHaveLength(18);
    expect(new Set(requirements.map((r) => r.criterionId)).size).toBe(10);
    expect(new Set(requirements.map((r) => `${r.criterionId}/${r.groupId}`)).size).toBe(12);
    expect(requirements.some((r) => r.requirementId === '2714b38d550441419f7f7ed9981be5e3')).toBe(false);
    expect(requirements.filter((r) => r.dataType === 'boolean')).toHaveLength(15);
  });

  it('ESPD categories: 9 exclusion criteria and 1 other; the buyer answers 2 of them', () => {
    const byCriterion = new Map(requirements.map((r) => [r.criterionId, r]));
    const categories = [...byCriterion.values()].map((r) => r.category);
    expect(categories.filter((c) => c === 'exclusion')).toHaveLength(9);
    expect(categories.filter((c) => c === 'other')).toHaveLength(1);
    expect(requirements.every((r) => r.obligation === 'tenderer' && r.lotIds.length === 0)).toBe(true);
    expect(requirements.filter((r) => !r.mandatory).map((r) => r.classification?.id)).toEqual([
      'CRITERION.EXCLUSION.MISCONDUCT.MARKET_DISTORTION',
      'CRITERION.EXCLUSION.CONFLICT_OF_INTEREST.MISINTERPRETATION',
    ]);
    expect(raw.criteria.filter((c) => c.source === 'procuringEntity')).toHaveLength(2);
  });

  it('OR-groups: two criteria are met by either of two groups', () => {
    const groupsOf = new Map<string, Set<string>>();
    for (const r of requirements)
      groupsOf.set(r.criterionId, (groupsOf.get(r.criterionId) ?? new Set()).add(r.groupId));
    const alternatives = requirements
      .filter((r) => (groupsOf.get(r.criterionId)?.size ?? 0) > 1)
      .map((r) => r.classification?.id);
    expect([...new Set(alternatives)]).toEqual([
      'CRITERION.EXCLUSION.CONVICTIONS.PARTICIPATION_IN_CRIMINAL_ORGANISATION',
      'CRITERION.EXCLUSION.CONTRIBUTIONS.PAYMENT_OF_TAXES',
    ]);
    const taxes = requirements.filter((r) => r.criterionId === '9c31a4615b68409fb78444252974c67c');
    expect(taxes.map((r) => r.groupId)).toEqual([
      'e49e8062f847413ea1619d48ea722cdf',
      ...Array(5).fill('c9c22213c55b461d94557d72ebb0991b'),
    ]);
    expect(taxes[0]).toMatchObject({
      key: '9c31a4615b68409fb78444252974c67c/e49e8062f847413ea1619d48ea722cdf/4f05247513f3479eae56899254d99dea',
      dataType: 'boolean',
      expectedValue: true,
      legislation: ['922-VIII art. 17.1.13'],
      groupDescription: { uk: 'Учасник підтверджує, що' },
    });
  });

  it('periods as exact instants, clarificationsUntil included; buyer in Europe/Kyiv; guarantee; English title', () => {
    expect(tender.periods.clarificationsUntil).toEqual({ start: null, end: '2022-08-17T21:00:00.000Z' });
    expect(tender.periods.tender).toEqual({
      start: '2022-07-23T11:57:54.128Z',
      end: '2022-08-24T09:00:00.000Z',
    });
    expect(tender.periods.enquiry?.end).toBe('2022-08-13T21:00:00.000Z');
    expect(tender.timeZone).toBe('Europe/Kyiv');
    expect(tender.timeZoneSource).toBe('buyer-country');
    expect(tender.buyer).toMatchObject({ id: '44496574', country: 'Ukraine' });
    expect(tender.guarantee).toEqual({ amount: 0, currency: 'UAH' });
    expect(tender.value).toEqual({ amount: 7225305, currency: 'UAH' });
    expect(tender.language).toBe('uk');
    expect(tender.titles?.en).toMatch(/^Inverted microscope, light microscope/);
    expect(tender.titles?.uk).toBe(tender.title);
    expect(tender.lots).toEqual([
      expect.objectContaining({
        id: '268c0b11caf3a45ecb178e92ea36b9c4',
        guarantee: { amount: 0, currency: 'UAH' },
      }),
    ]);
  });

  it('reads the same inside the API wrapper { data: … }, with warning paths under data.', () => {
    const [wrapped] = intakeDocument({ data: raw });
    expect(wrapped?.ocid).toBe(intake.ocid);
    expect(wrapped?.requirements).toEqual(intake.requirements);
    const messy = normalizeProzorro({ data: { ...raw, guarantee: { amount: 'x', currency: 'UAH' } } });
    expect(messy.tender.warnings).toEqual([
      ...named('data.'),
      { path: 'data.guarantee.amount', message: 'not a number: "x"' },
      paymentTermWarning('data.'),
      cancelled('data.'),
    ]);
  });
});

describe('Prozorro documents that are messy or not tenders', () => {
  const criterion = (extra: Record<string, unknown>) => ({
    id: 'c',
    source: 'tenderer',
    requirementGroups: [{ id: 'g', requirements: [{ id: 'r', dataType: 'boolean', expectedValue: 'true' }] }],
    ...extra,
  });

  it('without tenderID or id: InvalidInputError naming tenderID', () => {
    const error = thrown(() => intakeDocument({ data: { procuringEntity: { name: 'x' }, criteria: [] } }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors).toEqual([
      { path: 'data.tenderID', message: 'missing: a Prozorro tender needs a tenderID or an id' },
    ]);
  });

  it('an id without a UA- tenderID is used as it is; a winner criterion and a lot criterion', () => {
    const [only] = intakeDocument({
      id: 'abc',
      procurementMethodType: 'belowThreshold',
      lots: [{ id: 'L1', guarantee: { amount: '1500', currency: 'uah' } }],
      enquiryPeriod: { clarificationsUntil: '2026-03-10' },
      criteria: [
        criterion({ source: 'winner' }),
        criterion({ id: 'c2', relatesTo: 'lot', relatedItem: 'L1' }),
      ],
    });
    expect(only?.ocid).toBe('abc');
    expect(only?.requirements.map((r) => [r.key, r.obligation, r.lotIds, r.expectedValue])).toEqual([
      ['c/g/r', 'winner', [], true],
      ['c2/g/r', 'lot', ['L1'], true],
    ]);
    expect(only?.tender.lots[0]?.guarantee).toEqual({ amount: 1500, currency: 'UAH' });
    // no country: UTC, said once; a date without a time ends that day
    expect(only?.tender.periods.clarificationsUntil).toEqual({
      start: null,
      end: '2026-03-10T23:59:59.999Z',
      endAllDay: true,
    });
    expect(only?.tender.warnings.map((w) => w.path)).toEqual([
      'procuringEntity',
      'procuringEntity.address.countryName',
    ]);
  });

  it('an explicit time zone wins; an unknown ocid is refused', () => {
    const doc = {
      tenderID: 'UA-2026-01-01-000001-a',
      procuringEntity: { address: { countryName: 'Україна' } },
    };
    expect(intakeDocument(doc, { timeZone: 'Europe/Warsaw' })[0]?.tender.timeZone).toBe('Europe/Warsaw');
    expect(intakeDocument(doc)[0]?.tender.timeZone).toBe('Europe/Kyiv');
    expect(thrown(() => intakeDocument(doc, { ocid: 'other' }))).toBeInstanceOf(InvalidInputError);
  });

  it('isProzorroTender: Prozorro markers, never OCDS', () => {
    expect(isProzorroTender({ tenderID: 'UA-1' })).toBe(true);
    expect(isProzorroTender({ data: { procurementMethodType: 'reporting' } })).toBe(true);
    expect(isProzorroTender({ criteria: [{ source: 'tenderer' }] })).toBe(true);
    expect(isProzorroTender({ ocid: 'ocds-1', tenderID: 'UA-1' })).toBe(false);
    expect(isProzorroTender({ releases: [], procuringEntity: {} })).toBe(false);
    expect(isProzorroTender({ criteria: [{ id: 1 }] })).toBe(false);
    expect(isProzorroTender([{ tenderID: 'UA-1' }])).toBe(false);
    expect(isProzorroTender(null)).toBe(false);
  });
});

describe('intakeDocument never throws anything but InvalidInputError', () => {
  const onlyInvalidInput = (doc: unknown) => {
    const error = thrown(() => intakeDocument(doc));
    if (error !== undefined && !(error instanceof InvalidInputError)) throw error;
  };

  it.each([
    [
      'a release date that cannot become a string',
      { releases: [{ ocid: 'a', date: { toString: 1 } }, { ocid: 'a' }] },
    ],
    [
      'a buyer id that cannot become a string',
      { ocid: 'x', buyer: { id: { toString: 1 } }, parties: [{ id: 2 }] },
    ],
    [
      'criteria fields that cannot become strings',
      {
        tenderID: 'UA-1',
        criteria: [
          {
            id: { toString: 1 },
            relatedLots: [{ valueOf: 1 }],
            requirementGroups: [
              { requirements: [{ expectedValue: { toString: 1 }, pattern: { toString: 1 } }] },
            ],
          },
        ],
      },
    ],
  ])('on %s', (_, doc) => {
    expect(intakeDocument(doc)).toHaveLength(1);
  });

  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), onlyInvalidInput), { numRuns: 300 });
  });

  it('on objects shaped roughly like Prozorro tenders and OCDS releases', () => {
    const anything = fc.jsonValue({ maxDepth: 3 });
    const requirement = fc.record(
      {
        id: anything,
        status: fc.constantFrom('active', 'cancelled'),
        dataType: anything,
        expectedValue: anything,
        minValue: anything,
        pattern: anything,
        eligibleEvidences: anything,
      },
      { requiredKeys: [] },
    );
    const group = fc.oneof(
      anything,
      fc.record(
        { id: anything, requirements: fc.array(fc.oneof(requirement, anything)) },
        { requiredKeys: [] },
      ),
    );
    const criterion = fc.oneof(
      anything,
      fc.record(
        {
          id: anything,
          source: anything,
          relatesTo: anything,
          relatedItem: anything,
          relatedLots: anything,
          classification: anything,
          legislation: anything,
          title_en: anything,
          requirementGroups: fc.oneof(anything, fc.array(group)),
        },
        { requiredKeys: [] },
      ),
    );
    const body = fc.record(
      {
        tenderID: anything,
        id: anything,
        procuringEntity: anything,
        procurementMethodType: anything,
        tenderPeriod: anything,
        enquiryPeriod: anything,
        guarantee: anything,
        lots: anything,
        items: anything,
        criteria: fc.oneof(anything, fc.array(criterion)),
      },
      { requiredKeys: [] },
    );
    const shaped = fc.oneof(
      body,
      body.map((data) => ({ data })),
      body.map((tender) => ({ ocid: 'ocds-x-1', tender })),
    );
    fc.assert(fc.property(shaped, onlyInvalidInput), { numRuns: 500 });
  });
});
