import { describe, expect, it } from 'vitest';
import {
  criterionResult,
  evaluatePilot,
  margin,
  passes,
  resolveMeasurements,
  weightedScore,
} from '../../../functions/domain/pilots/evaluation.ts';
import { withIds } from '../../../functions/domain/pilots/scoping.ts';
import type { Criterion, Measurement } from '../../../functions/domain/pilots/types.ts';
import { pilotInput } from '../../support/pilots.ts';

const gte: Criterion = {
  id: 'g',
  metric: 'uptime',
  unit: '%',
  baseline: 97,
  target: 99.5,
  comparator: 'gte',
  weight: 1,
  mustPass: true,
};
const lte: Criterion = {
  id: 'l',
  metric: 'latency',
  unit: 'ms',
  baseline: 800,
  target: 200,
  comparator: 'lte',
  weight: 1,
  mustPass: true,
};
const between: Criterion = {
  id: 'b',
  metric: 'temp',
  unit: '°C',
  baseline: 30,
  target: 18,
  targetMax: 22,
  comparator: 'between',
  weight: 1,
  mustPass: false,
};

const criteria = withIds(pilotInput().criteria);
const ctx = {
  startDate: '2027-02-01',
  endDate: '2027-04-30',
  timeZone: 'Europe/London',
  policy: { convertScore: 70 },
};
const at = (criterionId: string, value: number, measuredAt = '2027-04-29T10:00:00.000Z'): Measurement => ({
  criterionId,
  value,
  measuredAt,
});

describe('pilot criteria: pass and margin per comparator', () => {
  it.each([
    [gte, 99.5, true, 0],
    [gte, 99.6, true, 0.1],
    [gte, 99.4, false, -0.1],
    [lte, 200, true, 0],
    [lte, 150, true, 50],
    [lte, 201, false, -1],
    [between, 18, true, 0],
    [between, 22, true, 0],
    [between, 20, true, 2],
    [between, 17.5, false, -0.5],
    [between, 23, false, -1],
  ])(
    '%o at %d: pass %s, margin %d (positive = better than target, a target met exactly passes)',
    (c, value, pass, m) => {
      expect(passes(c, value)).toBe(pass);
      expect(margin(c, value)).toBe(m);
    },
  );

  it('between from above the range: progress runs towards targetMax', () => {
    expect(criterionResult(between, [at('b', 25)])).toMatchObject({
      pass: false,
      margin: -3,
      progress: 0.625,
      onTrack: true,
    });
    expect(criterionResult(between, [at('b', 15)])).toMatchObject({
      pass: false,
      margin: -3,
      onTrack: false,
    });
  });

  it('an unmeasured criterion fails, with no value or margin', () => {
    expect(criterionResult(gte, [])).toMatchObject({
      value: null,
      pass: false,
      margin: null,
      onTrack: false,
    });
  });

  it('the latest measurement counts; the one before sets the trend', () => {
    const r = criterionResult(lte, [
      at('l', 300, '2027-03-10T00:00:00Z'),
      at('l', 500, '2027-03-01T00:00:00Z'),
    ]);
    expect(r).toMatchObject({ value: 300, pass: false, margin: -100, onTrack: true, measurements: 2 });
    const worse = criterionResult(lte, [
      at('l', 300, '2027-03-01T00:00:00Z'),
      at('l', 400, '2027-03-10T00:00:00Z'),
    ]);
    expect(worse.onTrack).toBe(false);
  });

  it('the weighted score counts the weight of passing criteria, out of 100', () => {
    expect(
      weightedScore([
        { weight: 40, pass: true },
        { weight: 40, pass: false },
        { weight: 20, pass: true },
      ]),
    ).toBe(60);
    expect(
      weightedScore([
        { weight: 1, pass: true },
        { weight: 2, pass: false },
      ]),
    ).toBe(33.3);
  });
});

describe('the recommendation', () => {
  it('convert: every must-pass met exactly and the score at the threshold; one point short is not convert', () => {
    const measured = [at('latency', 24), at('accuracy', 99), at('effort', 3)];
    const out = evaluatePilot(criteria, measured, { ...ctx, policy: { convertScore: 80 } });
    expect(out.score).toBe(80);
    expect(out.recommendation).toBe('convert');
    expect(
      evaluatePilot(criteria, measured, { ...ctx, policy: { convertScore: 80.1 } }).recommendation,
    ).not.toBe('convert');
  });

  it('a failed must-pass criterion blocks convert whatever the score', () => {
    const heavy = criteria.map((c) => (c.id === 'accuracy' ? { ...c, weight: 1 } : c));
    const out = evaluatePilot(heavy, [at('latency', 12), at('accuracy', 98.9), at('effort', 1)], ctx);
    expect(out.score).toBeGreaterThan(98);
    expect(out.recommendation).not.toBe('convert');
    expect(out.reasons.join(' ')).toMatch(/must-pass criterion failed: Feed validation pass rate/);
  });

  it('extend: a must-pass on a good trend, measured before the planned end', () => {
    const out = evaluatePilot(
      criteria,
      [
        at('latency', 20),
        at('accuracy', 95, '2027-03-01T00:00:00Z'),
        at('accuracy', 97.5, '2027-03-31T00:00:00Z'),
        at('effort', 1),
      ],
      ctx,
    );
    expect(out.recommendation).toBe('extend');
  });

  it('stop: the same trend after the full planned time', () => {
    const out = evaluatePilot(
      criteria,
      [
        at('latency', 20),
        at('accuracy', 95, '2027-04-01T00:00:00Z'),
        at('accuracy', 97.5, '2027-05-01T00:00:00Z'),
        at('effort', 1),
      ],
      ctx,
    );
    expect(out.recommendation).toBe('stop');
    expect(out.reasons.join(' ')).toMatch(/full planned time/);
  });

  it('stop: a must-pass moving away from its target, even early', () => {
    const out = evaluatePilot(
      criteria,
      [at('latency', 80, '2027-03-01T00:00:00Z'), at('accuracy', 99), at('effort', 1)],
      ctx,
    );
    expect(out.recommendation).toBe('stop');
    expect(out.reasons.join(' ')).toMatch(/not on a good trend: Publication delay/);
  });
});

describe('measurements name criteria', () => {
  it('by id or by metric (any case); an unknown one is named', () => {
    const { measurements, problems } = resolveMeasurements(
      criteria,
      [
        { criterionId: 'latency', value: 20 },
        { metric: 'feed VALIDATION pass rate', value: 99, measuredAt: '2027-04-01T12:00:00+02:00' },
        { criterionId: 'nps', value: 40 },
        { value: 1 },
      ],
      '2027-04-29T00:00:00.000Z',
    );
    expect(measurements).toEqual([
      { criterionId: 'latency', value: 20, measuredAt: '2027-04-29T00:00:00.000Z' },
      { criterionId: 'accuracy', value: 99, measuredAt: '2027-04-01T10:00:00.000Z' },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['measurements.2.criterionId', 'measurements.3.criterionId']);
    expect(problems[0]?.message).toMatch(/no criterion nps/);
  });
});
