import { DateTime } from 'luxon';
import type { Answer, RequirementSpec } from './types.ts';

export type AnswerCheck =
  | { ok: false; message: string }
  | { ok: true; value: Answer['value']; compliant: boolean; reason: string | null };

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Check an answer's value against the requirement: the wrong type is refused (the caller answers
 * 400); a value of the right type that misses the expected value, min, max or pattern is accepted
 * but non-compliant, with the reason.
 */
export function checkAnswer(
  spec: Pick<RequirementSpec, 'dataType' | 'expectedValue' | 'minValue' | 'maxValue' | 'pattern'>,
  value: unknown,
): AnswerCheck {
  if (value === null || value === undefined)
    return { ok: true, value: null, compliant: false, reason: 'no value given' };
  const typed = coerce(spec.dataType, value);
  if (!typed.ok) return typed;
  const v = typed.value;
  const fail = (reason: string): AnswerCheck => ({ ok: true, value: v, compliant: false, reason });

  if (spec.expectedValue !== null && spec.expectedValue !== undefined) {
    const expected = coerce(spec.dataType, spec.expectedValue);
    if (expected.ok && expected.value !== v)
      return fail(`expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(v)}`);
  }
  if (typeof v === 'number') {
    if (spec.minValue !== null && v < spec.minValue)
      return fail(`${v} is below the minimum ${spec.minValue}`);
    if (spec.maxValue !== null && v > spec.maxValue)
      return fail(`${v} is above the maximum ${spec.maxValue}`);
  }
  if (typeof v === 'string' && spec.pattern) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(spec.pattern, 'u');
    } catch {
      re = undefined; // an invalid published pattern cannot be checked; intake warned about it
    }
    if (re && !re.test(v)) return fail(`does not match the pattern ${spec.pattern}`);
  }
  return { ok: true, value: v, compliant: true, reason: null };
}

function coerce(
  dataType: RequirementSpec['dataType'],
  value: unknown,
): { ok: true; value: string | number | boolean } | { ok: false; message: string } {
  switch (dataType) {
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, message: `expected a boolean, got ${typeName(value)}` };
    case 'number':
    case 'integer': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(n)) return { ok: false, message: `expected a number, got ${typeName(value)}` };
      if (dataType === 'integer' && !Number.isInteger(n))
        return { ok: false, message: `expected an integer, got ${n}` };
      return { ok: true, value: n };
    }
    case 'date-time': {
      if (typeof value !== 'string')
        return { ok: false, message: `expected an ISO-8601 date-time, got ${typeName(value)}` };
      const dt = DateTime.fromISO(value, { setZone: true });
      if (!dt.isValid)
        return { ok: false, message: `expected an ISO-8601 date-time, got ${JSON.stringify(value)}` };
      return { ok: true, value: dt.toUTC().toISO() as string };
    }
    case 'string':
      if (typeof value === 'string') return { ok: true, value };
      return { ok: false, message: `expected a string, got ${typeName(value)}` };
    default:
      // No declared dataType: any scalar is accepted as published.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        return { ok: true, value };
      return { ok: false, message: `expected a string, number or boolean, got ${typeName(value)}` };
  }
}
