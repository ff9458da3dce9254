import { describe, expect, it } from 'vitest';
import { pilotCharter } from '../../../functions/domain/pilots/charter.ts';
import { checkTransition, PILOT_TRANSITIONS } from '../../../functions/domain/pilots/lifecycle.ts';
import {
  conversionDecisionDate,
  midpoint,
  pilotMilestones,
} from '../../../functions/domain/pilots/milestones.ts';
import { scopingProblems, scopingWarnings, withIds } from '../../../functions/domain/pilots/scoping.ts';
import {
  type CriterionInput,
  PILOT_STATUSES,
  type Pilot,
  type PilotStatus,
} from '../../../functions/domain/pilots/types.ts';
import type { Role } from '../../../functions/lib/roles.ts';
import { HOSTILE_NAME, markdownStructure } from '../../support/markdown.ts';
import { pilotInput } from '../../support/pilots.ts';

const scope = (over: Partial<ReturnType<typeof pilotInput>> = {}) => {
  const input = pilotInput(over);
  return { ...input, scopeOut: input.scopeOut ?? [] };
};
const criterion = (c: Partial<CriterionInput>): CriterionInput => ({
  metric: 'm',
  unit: '%',
  baseline: 50,
  target: 80,
  comparator: 'gte',
  weight: 1,
  mustPass: true,
  ...c,
});
const paths = (s: ReturnType<typeof scope>) => scopingProblems(s).map((p) => p.path);

describe('scoping checks: 400 naming the field', () => {
  it('the example pilot passes', () => {
    expect(scopingProblems(scope())).toEqual([]);
  });
  it.each([
    ['gte with the target at the baseline', criterion({ target: 50 }), 'criteria.0.target'],
    ['gte with the target below the baseline', criterion({ target: 40 }), 'criteria.0.target'],
    [
      'lte with the target at or above the baseline',
      criterion({ comparator: 'lte', target: 50 }),
      'criteria.0.target',
    ],
    ['between without targetMax', criterion({ comparator: 'between', target: 10 }), 'criteria.0.targetMax'],
    [
      'between with targetMax not above target',
      criterion({ comparator: 'between', target: 10, targetMax: 10 }),
      'criteria.0.targetMax',
    ],
    [
      'between with the baseline already inside',
      criterion({ comparator: 'between', target: 40, targetMax: 60 }),
      'criteria.0.baseline',
    ],
    ['targetMax on a gte criterion', criterion({ targetMax: 90 }), 'criteria.0.targetMax'],
    ['no unit', criterion({ unit: ' ' }), 'criteria.0.unit'],
  ])('%s', (_what, c, path) => {
    expect(paths(scope({ criteria: [c] }))).toEqual([path]);
  });
  it('end not after start, and an empty scopeIn', () => {
    expect(paths(scope({ endDate: '2027-02-01', scopeIn: [] }))).toEqual(['scopeIn', 'endDate']);
  });
  it('duplicate ids and metrics', () => {
    const c = criterion({ id: 'x', metric: 'Uptime' });
    expect(paths(scope({ criteria: [c, { ...c, metric: 'uptime ' }] }))).toEqual([
      'criteria.1.id',
      'criteria.1.metric',
    ]);
  });
  it('criteria without an id get c1, c2… avoiding given ids', () => {
    expect(withIds([criterion({ id: 'c1' }), criterion({}), criterion({})]).map((c) => c.id)).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
  });
});

describe('scoping warnings kept on the pilot', () => {
  it('too long for the policy, no must-pass criterion, no conversion terms', () => {
    const w = scopingWarnings(
      scope({ endDate: '2027-12-31', criteria: [criterion({ mustPass: false })], conversion: undefined }),
      { maxLengthDays: 90 },
    );
    expect(w.map((x) => x.split(':')[0])).toEqual([
      'pilot-too-long',
      'no-must-pass-criterion',
      'no-conversion-terms',
    ]);
  });
  it('none for the example pilot within 90 days', () => {
    expect(scopingWarnings(scope(), { maxLengthDays: 90 })).toEqual([]);
  });
});

const pilot = (over: Partial<Pilot> = {}): Pilot => {
  const input = scope();
  return {
    id: 'p-01J0000000000000000000000A',
    status: 'draft',
    client: input.client,
    title: input.title,
    objective: input.objective,
    scopeIn: input.scopeIn,
    scopeOut: input.scopeOut,
    criteria: withIds(input.criteria),
    startDate: input.startDate,
    endDate: input.endDate,
    plannedEndDate: input.endDate,
    cost: input.cost ?? null,
    conversion: input.conversion ?? null,
    owner: 'pm-olga',
    customDevRequestId: null,
    tenderId: null,
    timeZone: 'Europe/London',
    warnings: [],
    evaluation: null,
    followOn: null,
    statusReason: null,
    version: 1,
    createdAt: '2027-01-10T00:00:00.000Z',
    createdBy: 'alice',
    updatedAt: '2027-01-10T00:00:00.000Z',
    ...over,
  };
};

describe('the lifecycle', () => {
  const legal: [PilotStatus, PilotStatus][] = [
    ['draft', 'scoped'],
    ['scoped', 'active'],
    ['active', 'evaluating'],
    ['evaluating', 'extended'],
    ['evaluating', 'stopped'],
    ['draft', 'stopped'],
  ];
  it.each(legal)('%s → %s is legal for an admin', (from, to) => {
    expect(checkTransition(pilot({ status: from }), { to }, ['admin']).status).toBe(to);
  });

  const illegal = PILOT_STATUSES.flatMap((from) =>
    PILOT_STATUSES.filter((to) => !PILOT_TRANSITIONS[from][to]).map((to) => [from, to] as const),
  );
  it.each(illegal)('%s → %s is a 409 (StateConflictError)', (from, to) => {
    expect(() => checkTransition(pilot({ status: from }), { to }, ['admin'])).toThrow(
      expect.objectContaining({ name: 'StateConflictError' }),
    );
  });

  it.each<Role>(['product-manager', 'bid-manager'])(
    'draft → scoped by a %s is a 403: only an approver or admin scopes',
    (role) => {
      expect(() => checkTransition(pilot(), { to: 'scoped' }, [role])).toThrow(
        expect.objectContaining({ name: 'PermissionError' }),
      );
      expect(checkTransition(pilot(), { to: 'scoped' }, ['approver']).status).toBe('scoped');
    },
  );

  it('extended → active needs a new end date after the current one', () => {
    const p = pilot({ status: 'extended' });
    expect(() => checkTransition(p, { to: 'active' }, ['admin'])).toThrow(
      expect.objectContaining({ name: 'InvalidInputError' }),
    );
    expect(() => checkTransition(p, { to: 'active', endDate: '2027-04-30' }, ['admin'])).toThrow(
      expect.objectContaining({
        errors: [{ path: 'endDate', message: 'must be after the current end date (2027-04-30)' }],
      }),
    );
    expect(checkTransition(p, { to: 'active', endDate: '2027-06-15' }, ['admin'])).toEqual({
      status: 'active',
      endDate: '2027-06-15',
    });
    expect(() =>
      checkTransition(pilot({ status: 'active' }), { to: 'evaluating', endDate: '2027-06-15' }, ['admin']),
    ).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
  });

  it('converting needs a finished evaluation with every must-pass met', () => {
    const p = pilot({ status: 'evaluating' });
    expect(() => checkTransition(p, { to: 'converted' }, ['admin'])).toThrow(/no finished evaluation/);
    const result = {
      criterionId: 'latency',
      metric: 'Publication delay',
      unit: 'hours',
      comparator: 'lte' as const,
      target: 24,
      mustPass: true,
      weight: 40,
      value: 30,
      pass: false,
      margin: -6,
      progress: 0.9,
      onTrack: true,
      measurements: 1,
    };
    const evaluation = {
      id: 'e',
      status: 'evaluated' as const,
      measurements: [],
      requestedAt: '',
      requestedBy: '',
      results: [result],
    };
    expect(() => checkTransition({ ...p, evaluation }, { to: 'converted' }, ['admin'])).toThrow(
      /failed must-pass criterion blocks conversion: Publication delay/,
    );
    const passed = { ...evaluation, results: [{ ...result, value: 20, pass: true }] };
    expect(checkTransition({ ...p, evaluation: passed }, { to: 'converted' }, ['admin']).status).toBe(
      'converted',
    );
  });
});

describe('milestones', () => {
  it('kickoff, mid-term review (the midpoint), final evaluation, conversion decision', () => {
    const ms = pilotMilestones(pilot(), { decisionDays: 14 });
    expect(ms.map((m) => [m.milestone, m.dueAt, m.met, m.cancelled])).toEqual([
      ['kickoff', '2027-02-01', false, false],
      ['mid-term-review', '2027-03-17', false, false],
      ['final-evaluation', '2027-04-30', false, false],
      ['conversion-decision', '2027-05-31', false, false],
    ]);
    expect(
      ms.every((m) => m.source.type === 'pilot' && m.timeZone === 'Europe/London' && m.tenderId === null),
    ).toBe(true);
  });
  it('the conversion decision falls back to end + policy days when decisionBy is missing or before the end', () => {
    expect(conversionDecisionDate({ endDate: '2027-04-30', conversion: null }, { decisionDays: 14 })).toBe(
      '2027-05-14',
    );
    expect(
      conversionDecisionDate(
        {
          endDate: '2027-04-30',
          conversion: { contractValue: 1, currency: 'EUR', decisionBy: '2027-04-01' },
        },
        { decisionDays: 0 },
      ),
    ).toBe('2027-04-30');
    expect(midpoint('2027-01-01', '2027-01-04')).toBe('2027-01-02');
  });
  it('an active pilot has met its kickoff; a stopped one cancels what is not met', () => {
    expect(pilotMilestones(pilot({ status: 'active' }), { decisionDays: 14 }).map((m) => m.met)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(
      pilotMilestones(pilot({ status: 'stopped' }), { decisionDays: 14 }).map((m) => [m.met, m.cancelled]),
    ).toEqual([
      [false, true],
      [false, true],
      [false, true],
      [true, false],
    ]);
  });
});

describe('the charter', () => {
  it('has the objective, scope, criteria table, milestones, costs and conversion terms; table cells cannot break out', () => {
    const md = pilotCharter(pilot({ scopeOut: ['Rail | trams'] }), { decisionDays: 14 });
    expect(md).toMatch(/^# Pilot charter: Automated GTFS timetable publication/);
    expect(md).toContain('## Objective');
    expect(md).toContain('- Bus timetables of the northern depot');
    expect(md).toContain('- Rail \\| trams');
    expect(md).toContain('| latency | Publication delay | 72 hours | ≤ 24 hours |');
    expect(md).toContain('| effort | Staff hours per change | 6 hours | between 0.5 and 2 hours |');
    expect(md).toContain('| Mid-term review | 2027-03-17 |');
    expect(md).toContain('18,000 EUR, shared.');
    expect(md).toContain('a contract worth 240,000 EUR; the decision is due by 2027-05-31');
  });

  it('keeps client text literal: a client name, title, objective, scope and criteria cannot inject a heading, a link, HTML or a column', () => {
    const base = pilot();
    const md = pilotCharter(
      pilot({
        client: HOSTILE_NAME,
        title: HOSTILE_NAME,
        objective: HOSTILE_NAME,
        scopeIn: [HOSTILE_NAME],
        owner: HOSTILE_NAME,
        criteria: base.criteria.map((c) => ({ ...c, metric: HOSTILE_NAME, measurementMethod: HOSTILE_NAME })),
      }),
      { decisionDays: 14 },
    );
    const s = markdownStructure(md);
    expect(s.headings.map((h) => h.split(':')[0])).toEqual([
      'Pilot charter',
      'Objective',
      'Scope',
      'Success criteria',
      'Milestones',
      'Costs',
      'Conversion terms',
      'Signatures',
    ]);
    expect(s.images).toBe(0);
    expect(s.html).toEqual([]);
    // the only emphasis is the charter's own bold labels (Client, Pilot, Period, Owner)
    expect(s.emphasis).toBe(4);
    for (const link of s.links) expect(link.text).toBe(link.url);
    expect(new Set(s.rowCells.slice(0, base.criteria.length + 1))).toEqual(new Set([7]));
    expect(s.rowCells.at(-1)).toBe(4);
  });
});
