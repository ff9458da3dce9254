/**
 * Scoping checks (issue #11): what makes a pilot unmeasurable is refused (400 naming the field); what
 * makes it likely to drift is kept on the pilot as a warning. Pure: dates are ISO dates, no clock.
 */
import { DateTime } from 'luxon';
import type { FieldError } from '../../lib/errors.ts';
import type { Criterion, CriterionInput, PilotPolicy } from './types.ts';

/** What the checks read: the scoping fields of a new or edited pilot. */
export interface Scope {
  scopeIn: readonly string[];
  criteria: readonly CriterionInput[];
  startDate: string;
  endDate: string;
  conversion?: { decisionBy: string } | null | undefined;
}

const days = (from: string, to: string) =>
  DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days;

/** One criterion's problems: no unit, a target that does not improve on the baseline, `between` without a valid range. */
export function criterionProblems(c: CriterionInput, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (c.unit.trim() === '')
    out.push({ path: `${path}.unit`, message: 'a criterion needs a unit (%, ms, hours, €…)' });
  if (c.comparator === 'between') {
    if (c.targetMax === undefined)
      out.push({
        path: `${path}.targetMax`,
        message: '`between` needs targetMax, the upper bound of the range',
      });
    else if (c.targetMax <= c.target)
      out.push({ path: `${path}.targetMax`, message: `must be above target (${c.target})` });
    else if (c.baseline >= c.target && c.baseline <= c.targetMax)
      out.push({
        path: `${path}.baseline`,
        message: `the baseline ${c.baseline} is already within [${c.target}, ${c.targetMax}]: nothing to improve`,
      });
    return out;
  }
  if (c.targetMax !== undefined)
    out.push({ path: `${path}.targetMax`, message: 'only a `between` criterion has targetMax' });
  if (c.comparator === 'gte' && !(c.target > c.baseline))
    out.push({
      path: `${path}.target`,
      message: `gte: the target must be above the baseline (${c.baseline}) to improve on it`,
    });
  if (c.comparator === 'lte' && !(c.target < c.baseline))
    out.push({
      path: `${path}.target`,
      message: `lte: the target must be below the baseline (${c.baseline}) to improve on it`,
    });
  return out;
}

/** Every problem that makes a pilot's scope unusable (empty: it may be stored). */
export function scopingProblems(s: Scope): FieldError[] {
  const out: FieldError[] = [];
  if (s.scopeIn.length === 0)
    out.push({ path: 'scopeIn', message: 'name at least one thing the pilot covers' });
  if (!(days(s.startDate, s.endDate) > 0))
    out.push({ path: 'endDate', message: `must be after startDate (${s.startDate})` });
  s.criteria.forEach((c, i) => {
    out.push(...criterionProblems(c, `criteria.${i}`));
  });
  const ids = new Set<string>();
  const metrics = new Set<string>();
  s.criteria.forEach((c, i) => {
    if (c.id !== undefined) {
      if (ids.has(c.id)) out.push({ path: `criteria.${i}.id`, message: `duplicate criterion id ${c.id}` });
      ids.add(c.id);
    }
    const metric = c.metric.trim().toLowerCase();
    if (metrics.has(metric))
      out.push({
        path: `criteria.${i}.metric`,
        message: `duplicate metric ${c.metric}: measurements name it`,
      });
    metrics.add(metric);
  });
  return out;
}

/** Warnings kept on the pilot: longer than the policy allows, no must-pass criterion, no conversion terms. */
export function scopingWarnings(s: Scope, policy: Pick<PilotPolicy, 'maxLengthDays'>): string[] {
  const out: string[] = [];
  const length = days(s.startDate, s.endDate);
  if (length > policy.maxLengthDays)
    out.push(
      `pilot-too-long: ${length} days, longer than the organisation's maximum of ${policy.maxLengthDays} (pilot-policy)`,
    );
  if (!s.criteria.some((c) => c.mustPass))
    out.push('no-must-pass-criterion: nothing the pilot must achieve to convert; any score can convert it');
  if (!s.conversion)
    out.push('no-conversion-terms: no contract value or decision date agreed for a conversion');
  else if (days(s.endDate, s.conversion.decisionBy) < 0)
    out.push(
      `decision-before-end: conversion.decisionBy (${s.conversion.decisionBy}) is before endDate (${s.endDate}); the decision is scheduled after the end instead`,
    );
  return out;
}

/** Criteria with ids: a given id is kept, a missing one becomes `c<n>` (n its position, unused ids only). */
export function withIds(criteria: readonly CriterionInput[]): Criterion[] {
  const taken = new Set(criteria.flatMap((c) => (c.id ? [c.id] : [])));
  let n = 0;
  return criteria.map((c) => {
    if (c.id) return { ...c, id: c.id };
    let id: string;
    do id = `c${++n}`;
    while (taken.has(id));
    taken.add(id);
    return { ...c, id };
  });
}

/** The whole days from start to end (ISO dates). */
export const lengthInDays = days;
