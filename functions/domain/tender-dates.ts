import { DateTime } from 'luxon';
import type { NormalizedTender } from './tender.ts';

type Dated = Pick<NormalizedTender, 'periods' | 'lots'>;

/** The submission deadline: the tender period's end, else the earliest lot's. */
export function submissionDeadline(t: Partial<Dated>): string | null {
  const ends = [t.periods?.tender?.end, ...(t.lots ?? []).map((l) => l.periods.tender?.end)].filter(
    (e): e is string => !!e,
  );
  return ends.length ? (ends.sort()[0] as string) : null;
}

/** When bids stop being binding: the published end, else the deadline plus the published duration in days. */
export function bidValidityEnd(t: Partial<Dated>): string | null {
  const periods = [t.periods?.bidValidity, ...(t.lots ?? []).map((l) => l.periods.bidValidity)].filter(
    (p) => !!p,
  );
  const explicit = periods.map((p) => p?.end).filter((e): e is string => !!e);
  if (explicit.length) return explicit.sort().at(-1) as string;
  const deadline = submissionDeadline(t);
  const days = periods.map((p) => p?.durationInDays).find((d): d is number => typeof d === 'number');
  return deadline && days !== undefined
    ? (DateTime.fromISO(deadline, { zone: 'utc' }).plus({ days }).toUTC().toISO() as string)
    : null;
}
