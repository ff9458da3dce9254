import { DateTime, IANAZone } from 'luxon';

/** An instant read from a published document: UTC ISO-8601, and whether it was a date without a time. */
export interface ReadInstant {
  at: string;
  allDay: boolean;
}

export type InstantResult = { ok: true; value: ReadInstant } | { ok: false; reason: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/**
 * Read a published date-time as an instant (DESIGN §5):
 * - with an offset or Z: that instant;
 * - without an offset: wall time in the buyer's zone;
 * - a date without a time: the end of that day in the buyer's zone, flagged `allDay`.
 */
export function readInstant(value: unknown, zone: string): InstantResult {
  if (value === null || value === undefined) return { ok: false, reason: 'missing' };
  if (typeof value !== 'string')
    return { ok: false, reason: `expected a date-time string, got ${typeof value}` };
  const text = value.trim();
  if (text === '') return { ok: false, reason: 'empty string' };
  if (DATE_ONLY.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) return { ok: false, reason: `not a valid date: ${JSON.stringify(value)}` };
    return { ok: true, value: { at: iso(day.endOf('day')), allDay: true } };
  }
  const normalised = text.replace(' ', 'T');
  const parsed = HAS_OFFSET.test(normalised)
    ? DateTime.fromISO(normalised, { setZone: true })
    : DateTime.fromISO(normalised, { zone });
  if (!parsed.isValid) return { ok: false, reason: `not an ISO-8601 date-time: ${JSON.stringify(value)}` };
  return { ok: true, value: { at: iso(parsed), allDay: false } };
}

const iso = (dt: DateTime): string => dt.toUTC().toISO() as string;

/** The UTC offset, in minutes, of a zone at an instant. */
export const offsetAt = (zone: string, instant: string): number =>
  DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).offset;

/** The offset written in a timestamp, in minutes, or undefined when it has none. */
export function writtenOffset(value: unknown): number | undefined {
  if (typeof value !== 'string' || !HAS_OFFSET.test(value.trim()) || DATE_ONLY.test(value.trim()))
    return undefined;
  const parsed = DateTime.fromISO(value.trim().replace(' ', 'T'), { setZone: true });
  return parsed.isValid ? parsed.offset : undefined;
}
