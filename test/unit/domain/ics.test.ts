import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CalendarDeadline, deadlinesToIcs } from '../../../functions/domain/reminders/ics.ts';
import { defaultReminderPlan } from '../../../functions/domain/reminders/plan.ts';
import { signingDeadline } from '../../support/deadlines.ts';

const deadline = (over: Partial<CalendarDeadline> = {}): CalendarDeadline => ({
  ...signingDeadline(),
  sequence: 0,
  ...over,
});

const ics = (deadlines: CalendarDeadline[]) =>
  deadlinesToIcs({
    name: 'Tender t-1',
    deadlines,
    plan: defaultReminderPlan,
    prodId: { company: 'Tenderflow', product: 'Deadlines' },
    now: '2027-01-01T08:00:00.000Z',
  });

/** Parse with ical.js, an independent RFC 5545 parser, and index the events by UID. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map(
    calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return [event.uid, { event, vevent }] as const;
    }),
  );
  return { calendar, events };
}

const get = <T>(map: Map<string, T>, key: string): T => {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${key} in ${[...map.keys()].join(', ')}`);
  return value;
};

describe('deadlinesToIcs', () => {
  it('writes one event per deadline with a stable UID, its SEQUENCE and the due instant', () => {
    const { calendar, events } = parse(
      ics([deadline(), deadline({ deadlineId: 'd-2', dueAt: '2027-02-01T09:00:00.000Z', sequence: 4 })]),
    );

    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tenderflow//Deadlines//EN');
    expect([...events.keys()]).toEqual(['d-1@tenderflow', 'd-2@tenderflow']);
    const { event } = get(events, 'd-1@tenderflow');
    expect(event.sequence).toBe(0);
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-01-15T20:59:00.000Z');
    expect(event.summary).toBe('[critical] Contract signing');
    expect(event.description).toContain('Due: 2027-01-15 23:59 Europe/Moscow (20:59 UTC)');
    expect(event.description).toContain('Legal basis: 44-FZ Art. 51');
    expect(get(events, 'd-2@tenderflow').event.sequence).toBe(4);
  });

  it('keeps the UID and bumps SEQUENCE when a deadline moves', () => {
    const before = get(parse(ics([deadline()])).events, 'd-1@tenderflow').event;
    const after = get(
      parse(ics([deadline({ dueAt: '2027-01-20T15:00:00.000Z', sequence: 1 })])).events,
      'd-1@tenderflow',
    ).event;

    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.startDate.toJSDate().toISOString()).toBe('2027-01-20T15:00:00.000Z');
  });

  it('adds one VALARM per reminder before or at due, triggered before the start', () => {
    const { events } = parse(
      ics([
        deadline(),
        deadline({ deadlineId: 'd-normal', risk: 'normal' }),
        deadline({ deadlineId: 'd-info', risk: 'info' }),
      ]),
    );
    const triggers = (uid: string) =>
      get(events, uid)
        .vevent.getAllSubcomponents('valarm')
        .map((alarm) => String(alarm.getFirstPropertyValue('trigger')));

    expect(triggers('d-1@tenderflow')).toEqual(['-P14D', '-P7D', '-P3D', '-P1D', '-PT4H', 'PT0S']);
    expect(triggers('d-normal@tenderflow')).toEqual(['-P3D', '-P1D', 'PT0S']);
    expect(triggers('d-info@tenderflow')).toHaveLength(2);
    const alarm = get(events, 'd-1@tenderflow').vevent.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarm?.getFirstPropertyValue('description')).toBe('Contract signing is due in 14 days');
  });

  it("writes an all-day deadline as an all-day event on the buyer's local date", () => {
    // End of 2027-01-20 in Los Angeles is already the 21st in UTC.
    const d = deadline({
      dueAt: '2027-01-21T07:59:59.999Z',
      allDay: true,
      timeZone: 'America/Los_Angeles',
      risk: 'normal',
    });

    const { event, vevent } = get(parse(ics([d])).events, 'd-1@tenderflow');

    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-01-20');
    expect(event.endDate.toString()).toBe('2027-01-21');
    // Alarms count back from the end of the due day: 3 d → 2 days before its start, at due → +1 day.
    const triggers = vevent.getAllSubcomponents('valarm').map((a) => a.getFirstProperty('trigger'));
    expect(triggers.map((t) => String(t?.getFirstValue()))).toEqual(['-P2D', 'PT0S', 'P1D']);
    expect(triggers.map((t) => t?.getParameter('related'))).toEqual(['START', 'START', 'START']);
  });

  it('marks a cancelled deadline CANCELLED and gives met and cancelled ones no alarms', () => {
    const { events } = parse(
      ics([
        deadline({ status: 'cancelled' }),
        deadline({ deadlineId: 'd-met', status: 'met', dueAt: '2027-01-10T10:00:00.000Z' }),
      ]),
    );

    const cancelled = get(events, 'd-1@tenderflow').vevent;
    const met = get(events, 'd-met@tenderflow').vevent;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(met.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(get(events, 'd-met@tenderflow').event.summary).toBe('[critical] Contract signing (met)');
    expect(cancelled.getAllSubcomponents('valarm')).toHaveLength(0);
    expect(met.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('writes an organisation-wide deadline (no tender) for the organisation feed', () => {
    const { event, vevent } = get(
      parse(ics([deadline({ tenderId: null, kind: 'evidence-expiry' })])).events,
      'd-1@tenderflow',
    );

    expect(event.description).not.toContain('Tender:');
    expect(vevent.getFirstPropertyValue('x-tenderflow-tender')).toBeNull();
    expect(vevent.getFirstPropertyValue('x-tenderflow-timezone')).toBe('Europe/Moscow');
  });

  it('round-trips text that RFC 5545 must escape, and never reads the clock', () => {
    const title = 'Bid; security, "guarantee"\\ — Q&A';
    const text = ics([deadline({ title })]);

    const { event, vevent } = get(parse(text).events, 'd-1@tenderflow');

    expect(event.summary).toBe(`[critical] ${title}`);
    expect(vevent.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2027-01-01T08:00:00Z');
    expect(ics([deadline({ title })])).toBe(text);
  });

  it('a hostile title (CRLF + END:VEVENT/BEGIN:VEVENT, NUL, U+2028) in the calendar name or any text forges no event', () => {
    const forged =
      'Bid\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@evil\r\nSUMMARY:FORGED\r\nDTSTART:20270101T000000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\u0000\u2028x';
    const text = deadlinesToIcs({
      name: forged,
      deadlines: [
        deadline({
          title: forged,
          tenderId: 't-1\r\nX-INJECTED:1',
          source: { type: 'rule', ref: `ru-44fz\n${forged}`, legalBasis: forged },
          owners: [`anna\r\n${forged}`],
        }),
      ],
      plan: defaultReminderPlan,
      prodId: { company: 'Tenderflow', product: 'Deadlines' },
      now: '2027-01-01T08:00:00.000Z',
    });
    const { calendar, events } = parse(text);
    expect([...events.keys()]).toEqual(['d-1@tenderflow']);
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(text.includes('\u0000') || text.includes('\u2028')).toBe(false);
    expect(text.split('\r\n').filter((l) => /^(BEGIN|END):VEVENT$/.test(l))).toHaveLength(2);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      'Bid END:VEVENT BEGIN:VEVENT UID:forged@evil SUMMARY:FORGED DTSTART:20270101T000000Z END:VEVENT BEGIN:VEVENT x',
    );
    const { event } = get(events, 'd-1@tenderflow');
    expect(event.summary).toContain('[critical] Bid END:VEVENT BEGIN:VEVENT');
    expect(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('x-injected')).toBeNull();
  });
});
