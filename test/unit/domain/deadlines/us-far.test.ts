/**
 * The FAR pack on worked dates: every rule, the 33.101 day count (calendar days, the last day moved past
 * weekends and federal holidays — Juneteenth, Thanksgiving, Veterans Day), the 5 p.m. electronic cut-off one
 * working day before, and the federal-only filter (a state or city tender gets none of it).
 */

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { deadlineRulePacks } from '../../../../functions/domain/deadlines/rules.ts';
import type { Deadline, ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';
import { readInstant } from '../../../../functions/domain/time.ts';

type Tender = DeadlineInput['tender'];
const NY = 'America/New_York';

const dateOnly = (date: string) => {
  const read = readInstant(date, NY);
  if (!read.ok) throw new Error(read.reason);
  return { start: null, end: read.value.at, endAllDay: true };
};

const tender = (
  over: Partial<Tender> = {},
  kind: 'federal' | 'state' | 'local' | null = 'federal',
): Tender => ({
  buyer: { id: 'b1', name: 'General Services Administration', country: 'US', countryCode: 'US', kind },
  timeZone: NY,
  periods: {},
  lots: [],
  status: 'active',
  ...over,
});

const compute = (t: Tender, events: ProcurementEvent[] = []) =>
  computeDeadlines({ tenderId: 't1', tender: t, events, now: '2026-01-01T00:00:00Z', owners: ['bid'] });

const rule = (deadlines: Deadline[], id: string): Deadline | undefined =>
  deadlines.find((d) => d.source.ref === `us-far:${id}`);
const due = (deadlines: Deadline[], id: string) => rule(deadlines, id)?.dueAt;
const event = (type: ProcurementEvent['type'], at: string): ProcurementEvent[] => [{ type, at }];

describe('us-far: citations', () => {
  it('quotes the Nov 2024 text of 52.204-7 (registered at offer and at award), not the Oct 2018 one', () => {
    const pack = deadlineRulePacks.find((p) => p.id === 'us-far');
    const sam = pack?.rules.find((r) => r.id === 'sam-at-offer');
    expect(sam?.citation.quote).toBe(
      'An Offeror is required to be registered in SAM when submitting an offer or quotation and at time of award.',
    );
    expect(sam?.citation.act).toContain('NOV 2024');
    expect(JSON.stringify(pack)).not.toContain('shall continue to be registered until time of award, during');
    for (const r of pack?.rules ?? []) expect(r.citation.quote.length, r.id).toBeGreaterThan(40);
  });
});

describe('us-far: federal buyers only (FAR 1.104)', () => {
  const t = (kind: 'federal' | 'state' | 'local' | null) =>
    tender({ periods: { tender: dateOnly('2027-03-16') } }, kind);

  it('a state or a city tender gets no FAR deadline (and no 4:30 p.m. default)', () => {
    for (const kind of ['state', 'local'] as const) {
      const d = compute(t(kind));
      expect(
        d.filter((x) => x.source.type === 'rule'),
        kind,
      ).toEqual([]);
      // the date-only deadline stays at the end of the day: 52.215-1's 4:30 p.m. is FAR's, not the state's
      expect(d.find((x) => x.kind === 'submission')?.dueAt).toBe('2027-03-17T03:59:59.999Z');
    }
  });

  it('a buyer of unknown kind gets them, each with a warning to check', () => {
    const d = compute(t(null));
    const sam = rule(d, 'sam-at-offer');
    expect(sam?.dueAt).toBe('2027-03-16T20:30:00.000Z');
    expect(sam?.warnings?.join(' ')).toContain('federal buyers only');
  });
});

describe('us-far: submission', () => {
  it('an electronic offer by 5:00 p.m. one working day before the due date (52.215-1(c)(3)(ii)(A)(1), 14.304(b)(1)(i))', () => {
    // due Tue 16 March 2027 → Mon 15 March 17:00 EDT
    const d = compute(tender({ periods: { tender: dateOnly('2027-03-16') } }));
    expect(rule(d, 'electronic-submission-cutoff')).toMatchObject({
      kind: 'submission',
      dueAt: '2027-03-15T21:00:00.000Z',
      allDay: false,
      risk: 'high',
    });
  });

  it('skips a federal holiday: due Tue 19 Jan 2027 → Fri 15 Jan 17:00 (Martin Luther King Jr. Day on Mon 18 Jan)', () => {
    const d = compute(tender({ periods: { tender: dateOnly('2027-01-19') } }));
    expect(due(d, 'electronic-submission-cutoff')).toBe('2027-01-15T22:00:00.000Z');
  });

  it('an offer stays open 60 calendar days after the due date unless the solicitation says otherwise (52.214-15)', () => {
    const d = compute(tender({ periods: { tender: dateOnly('2027-03-16') } }));
    expect(rule(d, 'offer-acceptance-end')).toMatchObject({
      dueAt: '2027-05-16T03:59:59.999Z',
      risk: 'info',
    });
  });

  it('SAM registration at offer and at award (52.204-7(b)(1), NOV 2024)', () => {
    const d = compute(tender({ periods: { tender: dateOnly('2027-03-16'), award: dateOnly('2027-06-30') } }));
    expect([due(d, 'sam-at-offer'), due(d, 'sam-at-award')]).toEqual([
      '2027-03-16T20:30:00.000Z',
      '2027-07-01T03:59:59.999Z',
    ]);
  });
});

describe('us-far: after award (33.101 days: the last day moves past weekends and federal holidays)', () => {
  it('a postaward debriefing request within 3 days of the notice: Sun 22 Nov 2026 → Mon 23 Nov', () => {
    const d = compute(tender(), event('award-notice-received', '2026-11-19T15:00:00-05:00'));
    expect(rule(d, 'debriefing-request')).toMatchObject({
      kind: 'debriefing-request',
      dueAt: '2026-11-24T04:59:59.999Z',
      risk: 'high',
    });
  });

  it('… and past Thanksgiving: notice Mon 23 Nov 2026 → Thu 26 Nov is Thanksgiving → Fri 27 Nov', () => {
    const d = compute(tender(), event('award-notice-received', '2026-11-23T09:00:00-05:00'));
    expect(due(d, 'debriefing-request')).toBe('2026-11-28T04:59:59.999Z');
    const requested = compute(tender(), [
      ...event('award-notice-received', '2026-11-23T09:00:00-05:00'),
      ...event('debriefing-requested', '2026-11-24T10:00:00-05:00'),
    ]);
    expect(rule(requested, 'debriefing-request')?.status).toBe('met');
  });

  it('a preaward debriefing request within 3 days of the exclusion notice (15.505(a)(1))', () => {
    const d = compute(tender(), event('exclusion-notice-received', '2026-11-04T09:00:00-05:00'));
    // Wed 4 Nov 2026 + 3 = Sat 7 Nov → Mon 9 Nov
    expect(due(d, 'preaward-debriefing-request')).toBe('2026-11-10T04:59:59.999Z');
  });

  it('a protest within 10 days, by 4:30 p.m.: notice Tue 9 June 2026 → Fri 19 June is Juneteenth → Mon 22 June', () => {
    const d = compute(tender(), event('award-notice-received', '2026-06-09T12:00:00-04:00'));
    expect(rule(d, 'protest-window')).toMatchObject({
      kind: 'complaint-window',
      dueAt: '2026-06-22T20:30:00.000Z',
      allDay: false,
    });
  });

  it('a GAO protest within 10 days after the required debriefing (4 CFR 21.2(a)(2)): Sat 26 Dec → Mon 28 Dec', () => {
    const d = compute(tender(), event('debriefing-held', '2026-12-16T14:00:00-05:00'));
    expect(due(d, 'protest-window-after-debriefing')).toBe('2026-12-29T04:59:59.999Z');
  });

  it('the CICA stay: 10 days after award (Sun 5 July 2026 → Mon 6 July), 5 days after the debriefing (Veterans Day)', () => {
    const afterAward = compute(tender(), event('awarded', '2026-06-25T12:00:00-04:00'));
    expect(due(afterAward, 'cica-stay-after-award')).toBe('2026-07-07T03:59:59.999Z');
    // held Fri 6 Nov 2026 → Wed 11 Nov is Veterans Day → Thu 12 Nov
    const afterDebriefing = compute(tender(), event('debriefing-held', '2026-11-06T11:00:00-05:00'));
    expect(due(afterDebriefing, 'cica-stay-after-debriefing')).toBe('2026-11-13T04:59:59.999Z');
  });

  it('bonds within 10 days after receipt of the forms (52.228-1(d)), calendar days, even to a Saturday', () => {
    // received Wed 5 Aug 2026 → Sat 15 Aug: 33.101 governs Part 33 only, so no roll
    const d = compute(tender(), event('bond-forms-received', '2026-08-05T10:00:00-04:00'));
    expect(rule(d, 'bond-submission')).toMatchObject({
      kind: 'bond-submission',
      dueAt: '2026-08-16T03:59:59.999Z',
      risk: 'critical',
    });
    const provided = compute(tender(), [
      ...event('bond-forms-received', '2026-08-05T10:00:00-04:00'),
      ...event('bonds-provided', '2026-08-12T10:00:00-04:00'),
    ]);
    expect(rule(provided, 'bond-submission')?.status).toBe('met');
  });
});

describe("workingCalendar('US'): the federal holidays of 5 U.S.C. 6103 as observed (calendars/US.json)", () => {
  const weekdaysOff = (year: number) => {
    const cal = workingCalendar('US');
    const off: string[] = [];
    for (let d = DateTime.fromISO(`${year}-01-01`, { zone: 'utc' }); d.year === year; d = d.plus({ days: 1 }))
      if (d.weekday <= 5 && !cal.isWorkingDay(d.toISODate() as string, NY)) off.push(d.toISODate() as string);
    return off;
  };

  it('2026: eleven, Independence Day (Sat 4 July) observed Fri 3 July', () => {
    expect(weekdaysOff(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('2027: twelve — New Year 2028 (a Saturday) is observed on Fri 31 Dec 2027', () => {
    expect(weekdaysOff(2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ]);
  });

  it('2028: ten — Veterans Day (Sat 11 Nov) observed Fri 10 Nov, which date-holidays counts as a working day', () => {
    expect(weekdaysOff(2028)).toEqual([
      '2028-01-17',
      '2028-02-21',
      '2028-05-29',
      '2028-06-19',
      '2028-07-04',
      '2028-09-04',
      '2028-10-09',
      '2028-11-10',
      '2028-11-23',
      '2028-12-25',
    ]);
    // a count through 2026–2028 is confirmed: no "no official calendar" warning on the electronic cut-off
    const d = compute(tender({ periods: { tender: dateOnly('2028-11-13') } }));
    expect(due(d, 'electronic-submission-cutoff')).toBe('2028-11-09T22:00:00.000Z');
    expect(rule(d, 'electronic-submission-cutoff')?.warnings ?? []).not.toContainEqual(
      expect.stringContaining('no official'),
    );
  });
});
