import { describe, expect, it } from 'vitest';
import { readInstant } from '../../../functions/domain/time.ts';

const at = (v: unknown, zone = 'Europe/Moscow') => {
  const r = readInstant(v, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe('readInstant', () => {
  it('keeps the instant of a timestamp with an offset, whatever the buyer zone', () => {
    expect(at('2016-03-15T07:30:00-04:00')).toEqual({ at: '2016-03-15T11:30:00.000Z', allDay: false });
    expect(at('2014-08-21T00:00:00Z', 'Africa/Lagos').at).toBe('2014-08-21T00:00:00.000Z');
  });

  it("reads a timestamp without an offset as wall time in the buyer's zone", () => {
    expect(at('2026-03-10T12:00:00', 'Europe/Moscow').at).toBe('2026-03-10T09:00:00.000Z');
    expect(at('2026-03-10 12:00', 'Europe/Kyiv').at).toBe('2026-03-10T10:00:00.000Z');
  });

  it("reads a date without a time as the end of that day in the buyer's zone, flagged allDay", () => {
    expect(at('2026-12-31', 'Europe/Moscow')).toEqual({ at: '2026-12-31T20:59:59.999Z', allDay: true });
  });

  it('follows daylight saving: the same wall time maps to different UTC hours across the change', () => {
    expect(at('2026-03-28T12:00:00', 'Europe/Berlin').at).toBe('2026-03-28T11:00:00.000Z');
    expect(at('2026-03-30T12:00:00', 'Europe/Berlin').at).toBe('2026-03-30T10:00:00.000Z');
  });

  it.each([
    [null, 'missing'],
    ['', 'empty string'],
    ['   ', 'empty string'],
    [20260101, 'expected a date-time string, got number'],
    ['next tuesday', 'not an ISO-8601 date-time'],
    ['2026-02-30', 'not a valid date'],
  ])('refuses %j with a reason', (value, reason) => {
    const r = readInstant(value, 'UTC');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });
});
