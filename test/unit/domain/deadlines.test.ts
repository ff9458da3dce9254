import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../functions/domain/deadlines/compute.ts';
import { diffDeadlines, registeredDeadline } from '../../../functions/domain/deadlines/deadline.ts';
import { chooseDeadlinePack, deadlineRulePacks } from '../../../functions/domain/deadlines/rules.ts';
import type { Deadline, DeadlineKind, ProcurementEvent } from '../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../functions/domain/deadlines/working-days.ts';
import type { NormalizedTender } from '../../../functions/domain/tender.ts';
import { readInstant } from '../../../functions/domain/time.ts';

type Tender = DeadlineInput['tender'];
type Lot = NormalizedTender['lots'][number];

const tender = (country: string, timeZone: string, over: Partial<Tender> = {}): Tender => ({
  buyer: { id: 'b1', name: 'Buyer', country },
  timeZone,
  periods: {},
  lots: [],
  status: 'active',
  ...over,
});

const lot = (id: string, periods: Lot['periods'] = {}, status: string | null = 'active'): Lot => ({
  id,
  title: `Lot ${id}`,
  description: null,
  status,
  value: null,
  periods,
});

/** A date published without a time, as intake stores it: the end of that day in the zone, flagged. */
const dateOnly = (date: string, zone: string) => {
  const read = readInstant(date, zone);
  if (!read.ok) throw new Error(read.reason);
  return { start: null, end: read.value.at, endAllDay: true };
};

const compute = (t: Tender, events: ProcurementEvent[] = [], now = '2026-01-01T00:00:00Z', extra = {}) =>
  computeDeadlines({ tenderId: 't1', tender: t, events, now, owners: ['bid-manager'], ...extra });

const only = (deadlines: Deadline[], kind: DeadlineKind, lotId: string | null = null): Deadline => {
  const found = deadlines.filter((d) => d.kind === kind && d.lotId === lotId);
  expect(found, `${kind} deadlines for lot ${lotId}`).toHaveLength(1);
  return found[0] as Deadline;
};

/** The deadline published in the tender (not a rule's deadline of the same kind). */
const published = (deadlines: Deadline[], kind: DeadlineKind): Deadline => {
  const found = deadlines.filter((d) => d.kind === kind && d.lotId === null && d.source.type === 'tender');
  expect(found, `published ${kind} deadlines`).toHaveLength(1);
  return found[0] as Deadline;
};
const byRule = (deadlines: Deadline[], ref: string): Deadline => {
  const found = deadlines.find((d) => d.source.ref === ref);
  expect(found, ref).toBeDefined();
  return found as Deadline;
};

const ru = tender('RU', 'Europe/Moscow');
const protocol: ProcurementEvent = { type: 'results-protocol-published', at: '2026-12-28T12:00:00+03:00' };
const draftReceived: ProcurementEvent = { type: 'draft-contract-received', at: '2026-12-29T15:00:00+03:00' };

describe('working calendar (date-holidays, buyer zone)', () => {
  const moscow = workingCalendar('RU');

  it('treats the Russian New Year holidays and weekends as non-working days', () => {
    expect(moscow.isWorkingDay('2027-01-05', 'Europe/Moscow')).toBe(false); // New Year holidays (1–6 Jan)
    expect(moscow.isWorkingDay('2027-01-07', 'Europe/Moscow')).toBe(false); // Orthodox Christmas
    expect(moscow.isWorkingDay('2027-01-09', 'Europe/Moscow')).toBe(false); // Saturday
    expect(moscow.isWorkingDay('2027-01-11', 'Europe/Moscow')).toBe(true);
  });

  it("takes the date of an instant in the buyer's zone, not in UTC", () => {
    // Sunday 10 Jan 21:30 UTC is Monday 11 Jan 00:30 in Moscow.
    expect(moscow.isWorkingDay('2027-01-10T21:30:00Z', 'Europe/Moscow')).toBe(true);
    expect(moscow.isWorkingDay('2027-01-10T21:30:00Z', 'UTC')).toBe(false);
  });

  it('counts from the day after the event and ends at the end of the n-th working day', () => {
    // 23:30 Moscow on 28 Dec: the count starts 29 Dec → 29, 30 Dec, 11, 12, 13 Jan (31 Dec is a day off).
    expect(moscow.addWorkingDays('2026-12-28T20:30:00Z', 5, 'Europe/Moscow')).toBe(
      '2027-01-13T20:59:59.999Z',
    );
    // 00:30 Moscow on 29 Dec (still 28 Dec in UTC): the count starts 30 Dec → 14 Jan.
    expect(moscow.addWorkingDays('2026-12-28T21:30:00Z', 5, 'Europe/Moscow')).toBe(
      '2027-01-14T20:59:59.999Z',
    );
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => moscow.addWorkingDays('2026-12-29T12:00:00Z', 0, 'Europe/Moscow')).toThrow(RangeError);
    expect(() => moscow.addWorkingDays('2026-12-29T12:00:00Z', 1.5, 'Europe/Moscow')).toThrow(RangeError);
  });

  it('falls back to weekends only for a country it does not know', () => {
    expect(workingCalendar(null).isWorkingDay('2027-01-01', 'UTC')).toBe(true);
    expect(workingCalendar(null).isWorkingDay('2027-01-02', 'UTC')).toBe(false);
  });
});

describe('rule packs', () => {
  it('chooses the pack by the buyer country, however it is spelled', () => {
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'Russian Federation' } })?.id).toBe(
      'ru-44fz',
    );
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'DEU' } })?.id).toBe('eu-2014-24');
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'USA' } })?.id).toBe('us-far');
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'Ukraine' } })?.id).toBe('ua-922');
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'Indonesia' } })?.id).toBe(
      'id-perpres-16-2018',
    );
    expect(chooseDeadlinePack({ buyer: { id: null, name: null, country: 'Brasil' } })).toBeNull();
    expect(chooseDeadlinePack({ buyer: null })).toBeNull();
  });

  it('cites a legal basis for every rule and default time', () => {
    const cited = deadlineRulePacks.flatMap((p) => [...p.rules, ...p.defaultTimes]).map((r) => r.legalBasis);
    expect(cited.length).toBeGreaterThan(0);
    for (const basis of cited) expect(basis).toMatch(/44-FZ|Directive|FAR|922-VIII|1178|Perpres|LKPP/);
  });
});

describe('computeDeadlines — Russia 44-FZ on the real calendar', () => {
  it('posts the draft contract by the end of the 2nd working day after the results protocol', () => {
    // Protocol Mon 28 Dec 2026 → Tue 29 (1), Wed 30 (2) → 23:59:59.999 Moscow (UTC+3) on 30 Dec.
    const posting = only(compute(ru, [protocol]), 'draft-contract-posting');
    expect(posting).toMatchObject({
      dueAt: '2026-12-30T20:59:59.999Z',
      allDay: true,
      risk: 'info',
      status: 'open',
    });
    expect(posting.source).toMatchObject({ type: 'rule', ref: 'ru-44fz:draft-contract-posting' });
    expect(posting.source.legalBasis).toContain('Art. 51 part 2');
  });

  it('gives the winner 5 working days to sign across the New Year holidays', () => {
    // Draft received Tue 29 Dec 2026: Wed 30 Dec (1); Thu 31 Dec is a day off (moved from Sun 4 Jan 2026 by
    // the 2026 transfer decree, calendars/RU.json); 1–8 Jan 2027 are holidays; 9–10 Jan weekend;
    // Mon 11 (2), Tue 12 (3), Wed 13 (4), Thu 14 (5) → 23:59:59.999 Moscow on 14 Jan 2027 = 20:59:59.999Z.
    const deadlines = compute(ru, [protocol, draftReceived]);
    const signing = only(deadlines, 'contract-signing');
    expect(signing).toMatchObject({ dueAt: '2027-01-14T20:59:59.999Z', risk: 'critical', status: 'open' });
    expect(signing.source.legalBasis).toMatch(/Art\. 51 part 3.*Art\. 104/);
    expect(only(deadlines, 'performance-security')).toMatchObject({
      dueAt: '2027-01-14T20:59:59.999Z',
      risk: 'critical',
    });
    expect(only(deadlines, 'draft-contract-posting').status).toBe('met');
  });

  it('meets the signing deadline when contract-signed is recorded, and the security when it is provided', () => {
    const signed: ProcurementEvent = { type: 'contract-signed', at: '2027-01-11T10:00:00+03:00' };
    const now = '2027-01-20T00:00:00Z';
    const afterSigning = compute(ru, [protocol, draftReceived, signed], now);
    expect(only(afterSigning, 'contract-signing').status).toBe('met');
    expect(only(afterSigning, 'performance-security').status).toBe('missed');
    const secured: ProcurementEvent = {
      type: 'performance-security-provided',
      at: '2027-01-11T10:00:00+03:00',
    };
    expect(
      only(compute(ru, [protocol, draftReceived, signed, secured], now), 'performance-security').status,
    ).toBe('met');
  });

  it('marks the signing deadline missed once now is past it and nothing was signed', () => {
    const before = compute(ru, [draftReceived], '2027-01-14T20:59:59.998Z');
    const after = compute(ru, [draftReceived], '2027-01-14T21:00:00.000Z');
    expect(only(before, 'contract-signing').status).toBe('open');
    expect(only(after, 'contract-signing').status).toBe('missed');
  });

  it('keeps the deadlineId and moves dueAt when the event is re-recorded, and the diff says so', () => {
    const before = compute(ru, [protocol, draftReceived]);
    const corrected: ProcurementEvent = { type: 'draft-contract-received', at: '2027-01-11T09:00:00+03:00' };
    const after = compute(ru, [protocol, draftReceived, corrected]);
    const [was, now] = [only(before, 'contract-signing'), only(after, 'contract-signing')];
    // Mon 11 Jan → Tue 12 (1), Wed 13 (2), Thu 14 (3), Fri 15 (4), Mon 18 (5).
    expect(now.deadlineId).toBe(was.deadlineId);
    expect(now.dueAt).toBe('2027-01-18T20:59:59.999Z');
    const diff = diffDeadlines(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.moved).toEqual(
      expect.arrayContaining([
        { deadlineId: was.deadlineId, from: '2027-01-14T20:59:59.999Z', to: '2027-01-18T20:59:59.999Z' },
      ]),
    );
    expect(diff.moved).toHaveLength(2); // signing and performance security
  });

  it('refuses an event whose time is not an ISO instant instead of computing from it', () => {
    const bad: ProcurementEvent = { type: 'draft-contract-received', at: '29.12.2026' };
    expect(() => compute(ru, [bad])).toThrow(/event draft-contract-received: not an ISO instant/);
  });

  it('scopes event deadlines to the lot; a whole-tender contract-signed meets a lot deadline', () => {
    const t = tender('RU', 'Europe/Moscow', { lots: [lot('L1'), lot('L2')] });
    const lotDraft: ProcurementEvent = { ...draftReceived, lot: 'L2' };
    const deadlines = compute(t, [lotDraft]);
    const signing = only(deadlines, 'contract-signing', 'L2');
    expect(deadlines.filter((d) => d.kind === 'contract-signing')).toHaveLength(1);
    const signed = compute(t, [lotDraft, { type: 'contract-signed', at: '2027-01-11T10:00:00Z' }]);
    expect(only(signed, 'contract-signing', 'L2')).toMatchObject({
      deadlineId: signing.deadlineId,
      status: 'met',
    });
  });
});

describe('computeDeadlines — EU and US', () => {
  it('keeps the local wall time when the last useful clarification crosses a daylight-saving change', () => {
    // Submission Tue 30 Mar 2027 12:00 CEST (UTC+2); Europe switched on Sun 28 Mar. Six days earlier is
    // Wed 24 Mar 12:00 CET (UTC+1) = 11:00Z — not 10:00Z, which naive UTC arithmetic would give.
    const t = tender('DE', 'Europe/Berlin', {
      periods: { tender: { start: null, end: '2027-03-30T10:00:00Z' } },
    });
    const deadlines = compute(t);
    expect(published(deadlines, 'submission')).toMatchObject({
      dueAt: '2027-03-30T10:00:00.000Z',
      allDay: false,
    });
    const ask = byRule(deadlines, 'eu-2014-24:last-useful-clarification');
    expect(ask).toMatchObject({ dueAt: '2027-03-24T11:00:00.000Z', allDay: false, risk: 'normal' });
    expect(ask.source.legalBasis).toContain('2014/24/EU Art. 53(2)');
  });

  it('keeps a date-only deadline at the end of the day in the buyer zone, flagged allDay', () => {
    const t = tender('DE', 'Europe/Berlin', { periods: { tender: dateOnly('2027-03-30', 'Europe/Berlin') } });
    const deadlines = compute(t);
    // 30 Mar 23:59:59.999 CEST; six days earlier 24 Mar 23:59:59.999 CET.
    expect(published(deadlines, 'submission')).toMatchObject({
      dueAt: '2027-03-30T21:59:59.999Z',
      allDay: true,
    });
    expect(byRule(deadlines, 'eu-2014-24:last-useful-clarification')).toMatchObject({
      dueAt: '2027-03-24T22:59:59.999Z',
      allDay: true,
    });
  });

  it('ends the standstill at the end of the 10th day after the award decision', () => {
    const t = tender('FR', 'Europe/Paris');
    // Awarded Mon 10 May 2027 → days run 11–20 May → 20 May 23:59:59.999 CEST.
    const standstill = only(compute(t, [{ type: 'awarded', at: '2027-05-10T09:00:00Z' }]), 'standstill-end');
    expect(standstill).toMatchObject({ dueAt: '2027-05-20T21:59:59.999Z', risk: 'info' });
    expect(standstill.source.legalBasis).toContain('89/665/EEC Art. 2a(2)');
  });

  it('reads a US submission date without a time as 4:30 p.m. local (FAR), and asks for SAM by then', () => {
    // 16 Mar 2027 in New York is EDT (UTC−4; DST began 14 Mar): 16:30 local = 20:30Z.
    const t = tender('US', 'America/New_York', {
      periods: {
        tender: dateOnly('2027-03-16', 'America/New_York'),
        award: dateOnly('2027-06-30', 'America/New_York'),
      },
    });
    const deadlines = compute(t);
    const submission = published(deadlines, 'submission');
    expect(submission).toMatchObject({ dueAt: '2027-03-16T20:30:00.000Z', allDay: false, risk: 'critical' });
    expect(submission.source.legalBasis).toContain('4:30 p.m.');
    const sam = deadlines.filter((d) => d.kind === 'sam-registration');
    expect(sam.map((d) => d.dueAt)).toEqual(['2027-03-16T20:30:00.000Z', '2027-07-01T03:59:59.999Z']);
    expect(sam[0]?.source.legalBasis).toContain('52.204-7');
  });

  it('keeps a US submission published with a time as published', () => {
    const t = tender('US', 'America/New_York', {
      periods: { tender: { start: null, end: '2027-03-16T15:00:00Z' } },
    });
    expect(published(compute(t), 'submission').dueAt).toBe('2027-03-16T15:00:00.000Z');
  });

  it('moves every dependent deadline, under the same ids, when an amendment moves the submission', () => {
    const at = (end: string) => tender('DE', 'Europe/Berlin', { periods: { tender: { start: null, end } } });
    const before = compute(at('2027-03-30T10:00:00Z'));
    const after = compute(at('2027-04-06T10:00:00Z'));
    const moved = diffDeadlines(before, after).moved;
    // the published deadline, the buyer's last day to answer (−6 days), our ask-by (−10), the extension notice
    expect(moved.map((m) => m.to).sort()).toEqual([
      '2027-03-27T11:00:00.000Z',
      '2027-03-31T10:00:00.000Z',
      '2027-04-06T10:00:00.000Z',
      '2027-04-06T10:00:00.000Z',
    ]);
    expect(moved.map((m) => m.deadlineId).sort()).toEqual(before.map((d) => d.deadlineId).sort());
  });
});

describe('computeDeadlines — published periods, items, evidence', () => {
  const periods = {
    tender: { start: null, end: '2027-03-01T09:00:00Z' },
    enquiry: { start: null, end: '2027-02-20T09:00:00Z' },
    clarificationsUntil: { start: null, end: '2027-02-24T09:00:00Z' },
    bidValidity: { start: null, end: null, durationInDays: 90 },
    award: { start: null, end: '2027-04-01T09:00:00Z' },
  };

  it('turns each published period into a deadline with its risk; a lot only where it differs', () => {
    const t = tender('UA', 'Europe/Kyiv', {
      periods,
      lots: [
        lot('1', { tender: periods.tender }),
        lot('2', { tender: { start: null, end: '2027-03-05T09:00:00Z' } }),
      ],
    });
    const deadlines = compute(t);
    expect(only(deadlines, 'submission').risk).toBe('critical');
    expect(only(deadlines, 'enquiry-end').risk).toBe('normal');
    expect(only(deadlines, 'clarification-request').risk).toBe('high');
    expect(only(deadlines, 'award-period-end').risk).toBe('info');
    // 1 Mar 11:00 EET + 90 days = 30 May 11:00 EEST (UTC+3).
    expect(only(deadlines, 'bid-validity-end')).toMatchObject({
      dueAt: '2027-05-30T08:00:00.000Z',
      risk: 'high',
    });
    expect(deadlines.filter((d) => d.lotId === '1')).toEqual([]);
    expect(only(deadlines, 'submission', '2').source.ref).toBe('lots[2].periods.tender.end');
    expect(only(deadlines, 'submission').owners).toEqual(['bid-manager']);
  });

  it('marks an informational milestone reached (met) once passed, and everything cancelled with the tender', () => {
    const t = tender('UA', 'Europe/Kyiv', { periods });
    expect(only(compute(t, [], '2027-04-02T00:00:00Z'), 'award-period-end').status).toBe('met');
    expect(only(compute(t, [], '2027-04-02T00:00:00Z'), 'submission').status).toBe('missed');
    const cancelled = compute({ ...t, status: 'cancelled' }, [], '2027-01-01T00:00:00Z');
    expect(new Set(cancelled.map((d) => d.status))).toEqual(new Set(['cancelled']));
  });

  it('adds checklist items and evidence expiry; evidence lapsing before submission is critical', () => {
    const t = tender('UA', 'Europe/Kyiv', { periods });
    const deadlines = compute(t, [], '2027-01-01T00:00:00Z', {
      items: [
        { itemId: 'c/g/r1', title: 'Turnover statement', dueAt: '2027-02-15', owner: 'ann', status: 'open' },
        {
          itemId: 'c/g/r2',
          title: 'ISO 9001',
          dueAt: '2027-02-16T12:00:00',
          owner: null,
          status: 'answered',
        },
        { itemId: 'c/g/r3', title: 'No date', dueAt: null, owner: null, status: 'open' },
      ],
      evidence: [
        { evidenceId: 'e1', title: 'Tax certificate', validUntil: '2027-02-28' },
        { evidenceId: 'e2', title: 'Licence', validUntil: '2028-01-01' },
      ],
    });
    const items = deadlines.filter((d) => d.kind === 'checklist-item');
    expect(items.map((d) => [d.dueAt, d.allDay, d.owners, d.status])).toEqual([
      ['2027-02-15T21:59:59.999Z', true, ['ann'], 'open'],
      ['2027-02-16T10:00:00.000Z', false, ['bid-manager'], 'met'],
    ]);
    const evidence = deadlines.filter((d) => d.kind === 'evidence-expiry');
    expect(evidence.map((d) => [d.source.ref, d.risk])).toEqual([
      ['e1', 'critical'],
      ['e2', 'high'],
    ]);
  });

  it('registers a pilot milestone through the same module', () => {
    const milestone = registeredDeadline({
      tenderId: null,
      source: { type: 'pilot', ref: 'pilot-7/m2' },
      title: 'Pilot success review',
      dueAt: '2027-06-30',
      timeZone: 'Europe/Berlin',
      owners: ['pm'],
      now: '2027-07-01T00:00:00Z',
    });
    expect(milestone).toMatchObject({ kind: 'milestone', dueAt: '2027-06-30T21:59:59.999Z', allDay: true });
    expect(milestone.status).toBe('missed');
  });
});
