import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessReadiness,
  type Readiness,
  type ReadinessInput,
  type ReadinessItem,
} from '../../../functions/domain/checklist/readiness.ts';
import type {
  ChecklistItemState,
  ItemStatus,
  Obligation,
} from '../../../functions/domain/checklist/types.ts';

const NOW = '2026-05-01T09:00:00.000Z';
const DEADLINE = '2026-06-01T12:00:00.000Z';
const BID_VALIDITY_END = '2026-12-31T00:00:00.000Z';
const CERTIFICATE = { id: 'ev1', title: 'Tax certificate', type: 'document' };

/** A mandatory tenderer item, approved and compliant unless told otherwise; key = criterion/group/requirement. */
const item = (key: string, over: Partial<ReadinessItem> = {}): ReadinessItem => {
  const [criterionId = 'c', groupId = 'g', requirementId = 'r'] = key.split('/');
  return {
    key,
    criterionId,
    criterionTitle: { en: `Criterion ${criterionId}` },
    criterionDescription: {},
    classification: null,
    legislation: [],
    groupId,
    groupDescription: {},
    requirementId,
    title: { en: `Requirement ${requirementId}` },
    description: {},
    dataType: 'boolean',
    expectedValue: true,
    minValue: null,
    maxValue: null,
    pattern: null,
    eligibleEvidences: [],
    category: 'exclusion',
    obligation: 'tenderer',
    lotIds: [],
    mandatory: true,
    itemId: `item:${key}`,
    status: 'approved',
    answer: { value: true, text: null },
    compliant: true,
    nonComplianceReason: null,
    evidence: [],
    archived: false,
    ...over,
  };
};

const assess = (items: ReadinessItem[], over: Partial<ReadinessInput> = {}): Readiness =>
  assessReadiness({
    items,
    lots: [],
    submissionDeadline: DEADLINE,
    bidValidityEnd: BID_VALIDITY_END,
    now: NOW,
    ...over,
  });

/** [code, criterion, lot, keys] per blocker, in the order returned. */
const summary = (r: Readiness) =>
  r.blockers.map((b) => [b.code, b.criterionId, b.lotId, b.requirementKeys.join(' ')]);

const LOTS = [
  { id: 'lot1', title: 'Bread' },
  { id: 'lot2', title: 'Milk' },
];

describe('assessReadiness: OR across groups, AND within a group', () => {
  it('meets a criterion when one group has all its requirements approved, whatever the other groups', () => {
    const items = [item('c/g1/r1'), item('c/g1/r2'), item('c/g2/r3', { status: 'open', compliant: null })];

    const r = assess(items);

    expect(r.ready).toBe(true);
    expect(r.blockers).toEqual([]);
  });

  it('does not meet a criterion when its only group has one requirement still open', () => {
    const items = [item('c/g1/r1'), item('c/g1/r2', { status: 'open', compliant: null })];

    const r = assess(items);

    expect(r.ready).toBe(false);
    expect(summary(r)).toEqual([
      ['criterion-not-met', 'c', null, 'c/g1/r1 c/g1/r2'],
      ['unanswered', 'c', null, 'c/g1/r2'],
    ]);
  });

  it('names the group closest to completion and reports only its open requirements', () => {
    const open = { status: 'open', compliant: null } as const;
    const items = [
      item('c/g1/r1'),
      item('c/g1/r2', open),
      item('c/g1/r3', open),
      item('c/g2/r4', { status: 'rejected', nonComplianceReason: 'wrong licence' }),
      item('c/g2/r5'),
    ];

    const r = assess(items);

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'c', null, 'c/g2/r4 c/g2/r5'],
      ['rejected', 'c', null, 'c/g2/r4'],
    ]);
    expect(r.blockers[0]?.reason).toContain('group "g2", has 1 of 2 requirement(s) still open');
    expect(r.blockers[1]?.reason).toContain('wrong licence');
  });

  it('breaks a tie in open requirements by the most done, then by group id', () => {
    const open = { status: 'open', compliant: null } as const;
    const moreDone = [item('c/a/r1', open), item('c/b/r2', open), item('c/b/r3')];
    const sameDone = [item('c/b/r1', open), item('c/a/r2', open)];

    expect(assess(moreDone).blockers[0]?.requirementKeys).toEqual(['c/b/r2', 'c/b/r3']);
    expect(assess(sameDone).blockers[0]?.requirementKeys).toEqual(['c/a/r2']);
  });
});

describe('assessReadiness: per lot', () => {
  it('meets a lot criterion for one lot but not the other, and applies whole-tender criteria to both', () => {
    const items = [
      item('w/g/r1'),
      item('l/g/r2', { lotIds: ['lot1'] }),
      item('l/g/r3', { lotIds: ['lot2'], status: 'in_progress', compliant: null }),
    ];

    const r = assess(items, { lots: LOTS });

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'l', 'lot2', 'l/g/r3'],
      ['unanswered', 'l', 'lot2', 'l/g/r3'],
    ]);
    expect(r.perLot).toEqual([
      { lotId: 'lot1', ready: true, blockers: 0 },
      { lotId: 'lot2', ready: false, blockers: 2 },
    ]);
    expect(r.ready).toBe(false);
  });

  it('counts a whole-tender blocker once, against every lot', () => {
    const items = [item('w/g/r1', { status: 'answered' }), item('l/g/r2', { lotIds: ['lot1'] })];

    const r = assess(items, { lots: LOTS });

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'w', null, 'w/g/r1'],
      ['awaiting-review', 'w', null, 'w/g/r1'],
    ]);
    expect(r.perLot.map((l) => [l.lotId, l.ready, l.blockers])).toEqual([
      ['lot1', false, 2],
      ['lot2', false, 2],
    ]);
  });

  it('evaluates a requirement that names several lots for each of them', () => {
    const items = [item('l/g/r1', { lotIds: ['lot2', 'lot1'], status: 'open', compliant: null })];

    const r = assess(items, { lots: LOTS });

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'l', 'lot1', 'l/g/r1'],
      ['unanswered', 'l', 'lot1', 'l/g/r1'],
      ['criterion-not-met', 'l', 'lot2', 'l/g/r1'],
      ['unanswered', 'l', 'lot2', 'l/g/r1'],
    ]);
    expect(r.blockers[0]?.reason).toContain('for lot lot1');
  });

  it('applies a whole-tender requirement of a lot criterion to each lot the criterion names', () => {
    const items = [
      item('l/g/r1', { status: 'open', compliant: null }),
      item('l/g/r2', { lotIds: ['lot1'] }),
      item('l/g/r3', { lotIds: ['lot2'] }),
    ];

    const r = assess(items, { lots: LOTS });

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'l', 'lot1', 'l/g/r1 l/g/r2'],
      ['unanswered', 'l', 'lot1', 'l/g/r1'],
      ['criterion-not-met', 'l', 'lot2', 'l/g/r1 l/g/r3'],
      ['unanswered', 'l', 'lot2', 'l/g/r1'],
    ]);
  });

  it('returns no per-lot entries for a tender without lots', () => {
    expect(assess([item('c/g/r')]).perLot).toEqual([]);
  });
});

describe('assessReadiness: review state of mandatory items', () => {
  it.each<[string, Partial<ChecklistItemState>, string]>([
    ['an open item', { status: 'open', answer: null, compliant: null }, 'unanswered'],
    ['an item in progress', { status: 'in_progress', compliant: null }, 'unanswered'],
    ['an answered item not yet reviewed', { status: 'answered' }, 'awaiting-review'],
    ['a rejected item', { status: 'rejected' }, 'rejected'],
    [
      'an approved but non-compliant item',
      { compliant: false, nonComplianceReason: 'below 3' },
      'non-compliant',
    ],
    ['a non-compliant item awaiting review', { status: 'answered', compliant: false }, 'non-compliant'],
    [
      'an unapproved not-applicable claim',
      { status: 'not_applicable', answer: null },
      'not-applicable-unapproved',
    ],
  ])('blocks on %s', (_, state, code) => {
    const r = assess([item('c/g/r', state)]);

    expect(r.ready).toBe(false);
    expect(r.blockers.map((b) => b.code)).toEqual(['criterion-not-met', code]);
    expect(r.coverage.approved).toBe(0);
  });

  it('accepts an approved item that has no compliance verdict', () => {
    const r = assess([item('c/g/r', { status: 'approved', answer: null, compliant: null })]);

    expect(r.ready).toBe(true);
    expect(r.coverage).toEqual({ approved: 1, mandatory: 1, ratio: 1 });
  });

  it('accepts a not-applicable claim a reviewer approved, without compliance or evidence checks', () => {
    const accepted = item('c/g/r', {
      status: 'approved',
      notApplicable: true,
      compliant: false,
      eligibleEvidences: [CERTIFICATE],
    });

    const r = assess([accepted]);

    expect(r.ready).toBe(true);
    expect(r.coverage).toEqual({ approved: 1, mandatory: 1, ratio: 1 });
  });
});

describe('assessReadiness: evidence', () => {
  const withEvidence = (validUntil: string | null) =>
    item('c/g/r', { eligibleEvidences: [CERTIFICATE], evidence: [{ evidenceId: 'e1', validUntil }] });

  it('blocks an approved item that asks for evidence and has none attached', () => {
    const r = assess([item('c/g/r', { eligibleEvidences: [CERTIFICATE] })]);

    expect(summary(r)).toEqual([
      ['criterion-not-met', 'c', null, 'c/g/r'],
      ['evidence-missing', 'c', null, 'c/g/r'],
    ]);
    expect(r.blockers[1]?.reason).toContain('Tax certificate');
    expect(r.coverage).toEqual({ approved: 1, mandatory: 1, ratio: 1 });
  });

  it('reports expired evidence as expired only, not also as short of the bid validity', () => {
    const r = assess([withEvidence('2026-04-30T23:59:59Z')]);

    expect(r.blockers.map((b) => b.code)).toEqual(['criterion-not-met', 'evidence-expired']);
    expect(r.blockers[1]?.reason).toContain('e1');
  });

  it('blocks evidence that expires before the bid validity ends', () => {
    const r = assess([withEvidence('2026-12-30T23:59:59Z')]);

    expect(r.blockers.map((b) => b.code)).toEqual([
      'criterion-not-met',
      'evidence-expires-before-bid-validity',
    ]);
  });

  it.each([
    ['valid exactly until the bid validity end', BID_VALIDITY_END],
    ['without an expiry', null],
  ])('accepts evidence %s', (_, validUntil) => {
    expect(assess([withEvidence(validUntil)]).ready).toBe(true);
  });

  it('treats evidence valid until exactly now as not yet expired', () => {
    expect(assess([withEvidence(NOW)], { bidValidityEnd: null }).ready).toBe(true);
  });

  it('skips the bid-validity check when the bid validity end is unknown, but still checks expiry', () => {
    expect(assess([withEvidence('2026-05-02T00:00:00Z')], { bidValidityEnd: null }).ready).toBe(true);
    expect(assess([withEvidence('2026-04-01T00:00:00Z')], { bidValidityEnd: null }).ready).toBe(false);
  });

  it('reports evidence problems alongside an open review state', () => {
    const r = assess([item('c/g/r', { status: 'open', compliant: null, eligibleEvidences: [CERTIFICATE] })]);

    expect(r.blockers.map((b) => b.code)).toEqual(['criterion-not-met', 'unanswered', 'evidence-missing']);
  });
});

describe('assessReadiness: what does not block', () => {
  it.each<[string, Partial<ChecklistItemState>]>([
    ["the winner's post-award obligations", { obligation: 'winner' }],
    ['archived items', { archived: true }],
    ['optional items', { mandatory: false }],
  ])('ignores %s', (_, state) => {
    const open: Partial<ChecklistItemState> = {
      status: 'open',
      compliant: null,
      eligibleEvidences: [CERTIFICATE],
    };
    const r = assess([
      item('c/g1/r1'),
      item('c/g2/r2', { ...open, ...state }),
      item('x/g/r3', { ...open, ...state }),
    ]);

    expect(r.ready).toBe(true);
    expect(r.coverage).toEqual({ approved: 1, mandatory: 1, ratio: 1 });
  });

  it('does not let a group of optional requirements stand in for a mandatory one', () => {
    const items = [
      item('c/g1/r1', { mandatory: false }),
      item('c/g2/r2', { status: 'open', compliant: null }),
    ];

    expect(summary(assess(items))).toEqual([
      ['criterion-not-met', 'c', null, 'c/g2/r2'],
      ['unanswered', 'c', null, 'c/g2/r2'],
    ]);
  });
});

describe('assessReadiness: submission deadline', () => {
  it.each([
    ['at the deadline', DEADLINE],
    ['after the deadline', '2026-06-01T12:00:00.001Z'],
  ])('blocks the whole bid %s', (_, now) => {
    const r = assess([item('c/g/r')], { now, lots: LOTS });

    expect(summary(r)).toEqual([['submission-deadline-passed', null, null, '']]);
    expect(r.perLot.every((l) => !l.ready && l.blockers === 1)).toBe(true);
  });

  it('compares instants, not text, across offsets', () => {
    expect(assess([], { now: '2026-06-01T15:00:00+03:00' }).ready).toBe(false);
    expect(assess([], { now: '2026-06-01T14:59:59+03:00' }).ready).toBe(true);
  });

  it('readies an empty checklist with full coverage, unless the deadline has passed', () => {
    expect(assess([], { submissionDeadline: null })).toEqual({
      ready: true,
      coverage: { approved: 0, mandatory: 0, ratio: 1 },
      blockers: [],
      perLot: [],
    });
    expect(assess([], { now: '2026-07-01T00:00:00Z' }).blockers.map((b) => b.code)).toEqual([
      'submission-deadline-passed',
    ]);
  });

  it('refuses a now that is not an instant', () => {
    expect(() => assess([], { now: 'tomorrow' })).toThrow(RangeError);
  });
});

describe('assessReadiness: coverage', () => {
  it('counts distinct mandatory items of the deciding groups, approved and compliant', () => {
    const open = { status: 'open', compliant: null } as const;
    const items = [
      item('a/g1/r1'),
      item('a/g1/r2'),
      item('a/g2/r3', open),
      item('b/g1/r4'),
      item('b/g1/r5', { compliant: false }),
      item('b/g1/r6', open),
      item('b/g2/r7', open),
      item('b/g2/r8', open),
      item('l/g/r9', { lotIds: ['lot1', 'lot2'] }),
    ];

    const r = assess(items, { lots: LOTS });

    expect(r.coverage).toEqual({ approved: 4, mandatory: 6, ratio: 0.667 });
  });
});

describe('assessReadiness: order', () => {
  it('sorts blockers by criterion, then lot, then code, whatever the input order', () => {
    const items = [
      item('b/g/r1', { status: 'rejected', lotIds: ['lot2'] }),
      item('a/g/r2', { status: 'open', compliant: null, eligibleEvidences: [CERTIFICATE] }),
      item('b/g/r3', { status: 'answered', lotIds: ['lot1'] }),
    ];

    const r = assess(items, { lots: LOTS, now: '2026-07-01T00:00:00Z' });

    expect(summary(r).map(([code, criterion, lot]) => `${criterion}/${lot}/${code}`)).toEqual([
      'null/null/submission-deadline-passed',
      'a/null/criterion-not-met',
      'a/null/unanswered',
      'a/null/evidence-missing',
      'b/lot1/criterion-not-met',
      'b/lot1/awaiting-review',
      'b/lot2/criterion-not-met',
      'b/lot2/rejected',
    ]);
    expect(assess([...items].reverse(), { lots: LOTS, now: '2026-07-01T00:00:00Z' })).toEqual(r);
  });
});

describe('assessReadiness: properties', () => {
  const LOT_IDS = ['L1', 'L2', 'L3'];
  const STATUSES: ItemStatus[] = [
    'open',
    'in_progress',
    'answered',
    'approved',
    'rejected',
    'not_applicable',
  ];
  const OBLIGATIONS: Obligation[] = ['tenderer', 'lot', 'winner'];
  const rawItem = fc.record({
    status: fc.constantFrom(...STATUSES),
    compliant: fc.constantFrom(true, false, null),
    obligation: fc.constantFrom(...OBLIGATIONS),
    mandatory: fc.boolean(),
    archived: fc.boolean(),
    evidences: fc.integer({ min: 0, max: 2 }),
    validDays: fc.option(fc.integer({ min: -400, max: 400 })),
  });
  const structure = fc.array(
    fc.record({
      lotIds: fc.subarray(LOT_IDS),
      groups: fc.array(fc.array(rawItem, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 5 },
  );
  type Structure = typeof structure extends fc.Arbitrary<infer T> ? T : never;
  type Raw = { status: ItemStatus; compliant: boolean | null; evidences: number; validDays: number | null };
  const day = (base: string, days: number) => new Date(Date.parse(base) + days * 86_400_000).toISOString();

  const build = (criteria: Structure, state: (raw: Raw, counted: boolean) => Raw) =>
    criteria.flatMap((c, ci) =>
      c.groups.flatMap((g, gi) =>
        g.map((raw, ri) => {
          const counted = raw.mandatory && !raw.archived && raw.obligation !== 'winner';
          const s = state(raw, counted);
          return item(`c${ci}/g${gi}/r${ri}`, {
            lotIds: c.lotIds,
            obligation: raw.obligation,
            mandatory: raw.mandatory,
            archived: raw.archived,
            status: s.status,
            compliant: s.compliant,
            eligibleEvidences: Array.from({ length: s.evidences }, (_, i) => ({
              ...CERTIFICATE,
              id: `ev${i}`,
            })),
            evidence: Array.from({ length: s.evidences }, (_, i) => ({
              evidenceId: `e${i}`,
              validUntil: s.validDays === null ? null : day(BID_VALIDITY_END, s.validDays),
            })),
          });
        }),
      ),
    );

  it('is ready with no blockers once every counted item is approved, compliant and evidenced past bid validity', () => {
    fc.assert(
      fc.property(structure, fc.integer({ min: 1, max: 10_000_000 }), (criteria, msToDeadline) => {
        const items = build(criteria, (raw, counted) =>
          counted
            ? {
                ...raw,
                status: 'approved',
                compliant: true,
                validDays: raw.validDays && Math.abs(raw.validDays),
              }
            : raw,
        );
        const lots = LOT_IDS.map((id) => ({ id, title: null }));

        const r = assess(items, {
          lots,
          submissionDeadline: new Date(Date.parse(NOW) + msToDeadline).toISOString(),
        });

        expect(r.blockers).toEqual([]);
        expect(r.ready).toBe(true);
        expect(r.coverage.ratio).toBe(1);
        expect(r.perLot.every((l) => l.ready)).toBe(true);
      }),
    );
  });

  it('gives the same answer whatever the order of the items', () => {
    const shuffled = structure
      .map((criteria) => build(criteria, (raw) => raw))
      .chain((items) =>
        fc.tuple(
          fc.constant(items),
          fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }),
        ),
      );
    fc.assert(
      fc.property(shuffled, ([items, permuted]) => {
        expect(assess(permuted, { lots: LOTS })).toEqual(assess(items, { lots: LOTS }));
      }),
    );
  });
});
