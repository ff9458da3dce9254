/**
 * Evaluating a pilot (issue #11): each criterion passes or fails with a signed margin, the criteria give
 * a weighted score, and the score and the must-pass criteria give a recommendation. Pure: `asOf` and the
 * policy are passed in.
 *
 * The rules:
 * - pass: gte `value ≥ target`, lte `value ≤ target`, between `target ≤ value ≤ targetMax` (bounds
 *   inclusive: a target met exactly passes). An unmeasured criterion fails.
 * - margin, in the criterion's unit, positive = better than the target: gte `value − target`, lte
 *   `target − value`, between the distance to the nearer bound (positive inside the range, negative outside).
 * - score: 100 × (weight of the passing criteria) ÷ (weight of all criteria), one decimal.
 * - convert: every must-pass criterion passes and the score is at least the policy's `convertScore`.
 *   A failed must-pass criterion blocks `convert` whatever the score.
 * - extend: not convert, the pilot has run shorter than planned (its latest measurement is before the end
 *   of the planned end date, i.e. the pilot did not get its full time), and every criterion that blocks
 *   conversion (the failed must-pass ones; when none failed, every failed criterion) is on a good trend:
 *   measured, moved from the baseline towards the target (0 < progress < 1), and not worse than its
 *   measurement before.
 * - stop: otherwise.
 */
import { DateTime } from 'luxon';
import type { FieldError } from '../../lib/errors.ts';
import type {
  Criterion,
  CriterionResult,
  Measurement,
  MeasurementInput,
  PilotPolicy,
  Recommendation,
} from './types.ts';

const round = (n: number, digits = 6) => Number(n.toFixed(digits));

export function passes(c: Criterion, value: number): boolean {
  if (c.comparator === 'gte') return value >= c.target;
  if (c.comparator === 'lte') return value <= c.target;
  return value >= c.target && value <= (c.targetMax ?? c.target);
}

/** Signed margin in the criterion's unit: positive = better than the target, 0 = exactly met, negative = short of it. */
export function margin(c: Criterion, value: number): number {
  if (c.comparator === 'gte') return round(value - c.target);
  if (c.comparator === 'lte') return round(c.target - value);
  return round(Math.min(value - c.target, (c.targetMax ?? c.target) - value));
}

/** The share of the way from the baseline to the target (for `between`, to the nearer bound): 1 = reached. */
export function progress(c: Criterion, value: number): number {
  const goal =
    c.comparator === 'between' && c.baseline > (c.targetMax ?? c.target)
      ? (c.targetMax ?? c.target)
      : c.target;
  return round((value - c.baseline) / (goal - c.baseline));
}

/**
 * Measurements named by criterion id or by metric (case-insensitive), each resolved to exactly one
 * criterion of the pilot; every one that names none (or two that disagree) is a problem naming it.
 */
export function resolveMeasurements(
  criteria: readonly Criterion[],
  input: readonly MeasurementInput[],
  requestedAt: string,
): { measurements: Measurement[]; problems: FieldError[] } {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const byMetric = new Map(criteria.map((c) => [c.metric.trim().toLowerCase(), c]));
  const problems: FieldError[] = [];
  const measurements: Measurement[] = [];
  input.forEach((m, i) => {
    const path = `measurements.${i}`;
    if (m.criterionId === undefined && m.metric === undefined) {
      problems.push({ path: `${path}.criterionId`, message: 'name the criterion (criterionId or metric)' });
      return;
    }
    const viaId = m.criterionId === undefined ? undefined : byId.get(m.criterionId);
    const viaMetric = m.metric === undefined ? undefined : byMetric.get(m.metric.trim().toLowerCase());
    if (m.criterionId !== undefined && !viaId) {
      problems.push({
        path: `${path}.criterionId`,
        message: `no criterion ${m.criterionId} on this pilot; its criteria are ${[...byId.keys()].join(', ')}`,
      });
      return;
    }
    if (m.metric !== undefined && !viaMetric) {
      problems.push({ path: `${path}.metric`, message: `no criterion measures ${m.metric} on this pilot` });
      return;
    }
    if (viaId && viaMetric && viaId !== viaMetric) {
      problems.push({
        path: `${path}.metric`,
        message: `${m.metric} is not the metric of criterion ${viaId.id}`,
      });
      return;
    }
    const c = viaId ?? viaMetric;
    if (!c) return;
    measurements.push({
      criterionId: c.id,
      value: m.value,
      measuredAt: m.measuredAt ? new Date(m.measuredAt).toISOString() : requestedAt,
      ...(m.source ? { source: m.source } : {}),
    });
  });
  return { measurements, problems };
}

/** One criterion's result from its measurements (the latest counts; the one before it sets the trend). */
export function criterionResult(c: Criterion, measurements: readonly Measurement[]): CriterionResult {
  const mine = measurements
    .filter((m) => m.criterionId === c.id)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.measuredAt.localeCompare(b.m.measuredAt) || a.i - b.i)
    .map(({ m }) => m);
  const latest = mine.at(-1);
  const previous = mine.at(-2);
  const base = {
    criterionId: c.id,
    metric: c.metric,
    unit: c.unit,
    comparator: c.comparator,
    target: c.target,
    ...(c.targetMax !== undefined ? { targetMax: c.targetMax } : {}),
    mustPass: c.mustPass,
    weight: c.weight,
    measurements: mine.length,
  };
  if (!latest) return { ...base, value: null, pass: false, margin: null, progress: null, onTrack: false };
  const p = progress(c, latest.value);
  const notWorse = !previous || p >= progress(c, previous.value);
  return {
    ...base,
    value: latest.value,
    pass: passes(c, latest.value),
    margin: margin(c, latest.value),
    progress: p,
    onTrack: p > 0 && p < 1 && notWorse,
  };
}

/** 0–100, one decimal: the weighted share of criteria that pass. */
export function weightedScore(results: readonly Pick<CriterionResult, 'weight' | 'pass'>[]): number {
  const total = results.reduce((s, r) => s + r.weight, 0);
  const passed = results.reduce((s, r) => s + (r.pass ? r.weight : 0), 0);
  return total === 0 ? 0 : Math.round((1000 * passed) / total) / 10;
}

export interface EvaluationContext {
  startDate: string;
  /** the planned end date (ISO date, read in `timeZone`) */
  endDate: string;
  timeZone: string;
  policy: Pick<PilotPolicy, 'convertScore'>;
}

const describe = (r: CriterionResult) => {
  const target =
    r.comparator === 'between'
      ? `between ${r.target} and ${r.targetMax} ${r.unit}`
      : `${r.comparator === 'gte' ? '≥' : '≤'} ${r.target} ${r.unit}`;
  return r.value === null
    ? `${r.metric} (target ${target}) was not measured`
    : `${r.metric} is ${r.value} ${r.unit} (target ${target}, margin ${r.margin})`;
};

/** Per-criterion results, the weighted score, the recommendation (rules above) and the reasons for it. */
export function evaluatePilot(
  criteria: readonly Criterion[],
  measurements: readonly Measurement[],
  ctx: EvaluationContext,
): { results: CriterionResult[]; score: number; recommendation: Recommendation; reasons: string[] } {
  const results = criteria.map((c) => criterionResult(c, measurements));
  const score = weightedScore(results);
  const failedMustPass = results.filter((r) => r.mustPass && !r.pass);
  const reasons: string[] = [];
  if (failedMustPass.length === 0 && score >= ctx.policy.convertScore) {
    reasons.push(
      `every must-pass criterion is met and the score ${score} reaches the conversion threshold ${ctx.policy.convertScore}`,
    );
    return { results, score, recommendation: 'convert', reasons };
  }
  for (const r of failedMustPass)
    reasons.push(
      `must-pass criterion failed: ${describe(r)}; conversion is blocked whatever the score (${score})`,
    );
  if (failedMustPass.length === 0)
    reasons.push(`the score ${score} is below the conversion threshold ${ctx.policy.convertScore}`);
  const blocking = failedMustPass.length > 0 ? failedMustPass : results.filter((r) => !r.pass);
  const lastMeasured =
    measurements
      .map((m) => m.measuredAt)
      .sort()
      .at(-1) ?? '';
  const plannedEnd = DateTime.fromISO(ctx.endDate, { zone: ctx.timeZone }).endOf('day').toUTC().toISO() ?? '';
  const shorter = lastMeasured !== '' && lastMeasured < plannedEnd;
  const offTrack = blocking.filter((r) => !r.onTrack);
  if (shorter && offTrack.length === 0) {
    reasons.push(
      `the pilot ran shorter than planned (last measured ${lastMeasured}, planned end ${ctx.endDate}) and every blocking criterion is moving towards its target: extend`,
    );
    return { results, score, recommendation: 'extend', reasons };
  }
  if (!shorter) reasons.push(`the pilot had its full planned time (to ${ctx.endDate}): no extension`);
  for (const r of offTrack) reasons.push(`not on a good trend: ${describe(r)}`);
  return { results, score, recommendation: 'stop', reasons };
}
