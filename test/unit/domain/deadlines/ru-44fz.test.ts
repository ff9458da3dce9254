/**
 * The 44-FZ pack on worked dates in Moscow (UTC+3), on the RU calendar of 2026 (decree No. 1466; 8 March
 * falls on a Sunday → Monday 9 March off; 9 May on a Saturday → Monday 11 May off). One test or more per
 * rule; the signing chain's branches (protocol of disagreements, revised draft, complaint) end to end.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { deadlineRulePacks } from '../../../../functions/domain/deadlines/rules.ts';
import type { Deadline, ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';

const MSK = 'Europe/Moscow';
const tender = (over: Partial<DeadlineInput['tender']> = {}): DeadlineInput['tender'] => ({
  buyer: { id: 'b', name: 'ГБУЗ', country: 'Россия', countryCode: 'RU' },
  timeZone: MSK,
  timeZoneSource: 'buyer-region',
  periods: {},
  lots: [],
  status: 'active',
  ...over,
});
const compute = (
  events: ProcurementEvent[],
  opts: { tender?: Partial<DeadlineInput['tender']>; now?: string } = {},
) =>
  computeDeadlines({
    tenderId: 't',
    tender: tender(opts.tender),
    events,
    now: opts.now ?? '2026-01-01T00:00:00Z',
  });
const rule = (ds: Deadline[], id: string) => ds.find((d) => d.source.ref === `ru-44fz:${id}`);
const ev = (type: ProcurementEvent['type'], at: string): ProcurementEvent => ({ type, at });
const endOf = (date: string) => `${date}T20:59:59.999Z`; // 24:00 Moscow time

const bidOn = (end: string) => ({ periods: { tender: { start: null, end } } });

describe('44-FZ: before the bid deadline', () => {
  const ds = compute([], { tender: bidOn('2026-03-20T07:00:00.000Z') }); // Fri 20 March 10:00 MSK

  it('last day to ask for clarifications: 3 days before the bid deadline (Tue 17 March)', () => {
    expect(rule(ds, 'clarification-request')).toMatchObject({ dueAt: endOf('2026-03-17'), risk: 'high' });
  });

  it('a complaint about the notice: until the bid deadline itself', () => {
    expect(rule(ds, 'complaint-notice')?.dueAt).toBe('2026-03-20T07:00:00.000Z');
  });

  it('warns when the bid deadline falls on a non-working day, and not on a working one', () => {
    const sat = compute([], { tender: bidOn('2026-03-21T07:00:00.000Z') });
    const submission = sat.find((d) => d.kind === 'submission');
    expect(submission?.warnings).toEqual([
      expect.stringContaining('the bid deadline falls on a non-working day (Saturday 21 March 2026)'),
    ]);
    // Monday 9 March 2026 is the day off for 8 March (a Sunday)
    const holiday = compute([], { tender: bidOn('2026-03-09T07:00:00.000Z') });
    expect(holiday.find((d) => d.kind === 'submission')?.warnings?.[0]).toContain('Monday 9 March 2026');
    expect(ds.find((d) => d.kind === 'submission')?.warnings).toBeUndefined();
  });

  it('no bid-validity deadline for an RU e-procedure that publishes none', () => {
    expect(ds.some((d) => d.kind === 'bid-validity-end')).toBe(false);
  });
});

describe('44-FZ: after the results', () => {
  it('a complaint about the results: 5 days, the last one moved off the May holidays to Tue 12 May', () => {
    // posted Tue 5 May: 6…10 May; 10 May is a Sunday and Monday 11 May the day off for Victory Day
    const ds = compute([ev('results-protocol-published', '2026-05-05T12:00:00+03:00')]);
    expect(rule(ds, 'complaint-results')?.dueAt).toBe(endOf('2026-05-12'));
  });

  it('the buyer posts the draft within 2 working days (Fri 6 March → Wed 11 March, Monday 9 off)', () => {
    const ds = compute([ev('results-protocol-published', '2026-03-06T12:00:00+03:00')]);
    expect(rule(ds, 'draft-contract-posting')?.dueAt).toBe(endOf('2026-03-11'));
  });
});

describe('44-FZ: the signing chain', () => {
  const draft = ev('draft-contract-received', '2026-03-02T10:00:00+03:00'); // Mon 2 March
  const protocol = ev('disagreements-protocol-posted', '2026-03-05T16:00:00+03:00');
  const revised = ev('revised-draft-received', '2026-03-12T14:00:00+03:00'); // Thu 12 March

  it('sign (with the security) within 5 working days: Tue 10 March', () => {
    const ds = compute([draft]);
    expect(rule(ds, 'contract-signing')?.dueAt).toBe(endOf('2026-03-10'));
    expect(rule(ds, 'performance-security')?.dueAt).toBe(endOf('2026-03-10'));
    expect(
      compute([draft], { now: '2026-03-11T00:00:00Z' }).find((d) => d.kind === 'contract-signing')?.status,
    ).toBe('missed');
  });

  it('a protocol of disagreements posted in time never leaves contract-signing missed', () => {
    for (const now of ['2026-03-11T00:00:00Z', '2026-04-30T00:00:00Z']) {
      const ds = compute([draft, protocol], { now });
      expect(rule(ds, 'contract-signing')?.status, now).toBe('met');
      expect(rule(ds, 'performance-security')?.status, now).toBe('met');
    }
  });

  it('the revised draft gives 1 working day to sign it, with the security (Fri 13 March); signing meets both', () => {
    const ds = compute([draft, protocol, revised], { now: '2026-03-13T00:00:00Z' });
    expect(rule(ds, 'contract-signing')?.status).toBe('met');
    expect(rule(ds, 'contract-signing-revised')).toMatchObject({
      dueAt: endOf('2026-03-13'),
      status: 'open',
    });
    expect(rule(ds, 'performance-security-revised')?.dueAt).toBe(endOf('2026-03-13'));
    const signed = compute(
      [
        draft,
        protocol,
        revised,
        ev('supplier-signed', '2026-03-13T11:00:00+03:00'),
        ev('performance-security-provided', '2026-03-13T11:00:00+03:00'),
      ],
      { now: '2026-03-20T00:00:00Z' },
    );
    expect(rule(signed, 'contract-signing-revised')?.status).toBe('met');
    expect(rule(signed, 'performance-security-revised')?.status).toBe('met');
  });

  it('the buyer signs within 2 working days of the supplier (Fri 13 → Tue 17 March)', () => {
    const ds = compute([draft, ev('supplier-signed', '2026-03-13T11:00:00+03:00')]);
    expect(rule(ds, 'buyer-signing')).toMatchObject({ dueAt: endOf('2026-03-17'), risk: 'info' });
    expect(rule(ds, 'contract-signing')?.status).toBe('met');
  });

  it('a complaint suspends signing (art. 106); after the decision the 3 working days left run to Thu 19 March', () => {
    const complaint = ev('complaint-filed', '2026-03-04T12:00:00+03:00');
    const suspended = compute([draft, complaint], { now: '2026-04-01T00:00:00Z' });
    expect(rule(suspended, 'contract-signing')?.status).toBe('suspended');
    const decided = compute([draft, complaint, ev('complaint-decided', '2026-03-16T15:00:00+03:00')]);
    expect(rule(decided, 'contract-signing')?.dueAt).toBe(endOf('2026-03-19'));
    expect(rule(decided, 'performance-security')?.dueAt).toBe(endOf('2026-03-19'));
  });
});

describe('44-FZ: securities', () => {
  it('a performance guarantee must be valid one month past the contract term (31 Dec 2026 → 31 Jan 2027)', () => {
    const ds = compute([], {
      tender: { periods: { contract: { start: null, end: endOf('2026-12-31'), endAllDay: true } } },
    });
    expect(rule(ds, 'guarantee-validity')).toMatchObject({ dueAt: endOf('2027-01-31'), risk: 'info' });
  });

  it('a month from 31 January ends on the last day of February (Civil Code art. 192)', () => {
    const ds = compute([], {
      tender: { periods: { contract: { start: null, end: endOf('2026-01-31'), endAllDay: true } } },
    });
    expect(rule(ds, 'guarantee-validity')?.dueAt).toBe(endOf('2026-02-28'));
  });

  it('states the performance security of the initial (maximum) price, SMP/SONKO, art. 37 ×1.5 and the 15 million split', () => {
    const pack = deadlineRulePacks.find((p) => p.id === 'ru-44fz');
    const performance = pack?.securities.find((s) => s.kind === 'performance');
    expect(performance?.of).toMatch(/initial \(maximum\) contract price/);
    expect(performance?.of).toMatch(/SMP\/SONKO.*of the contract price/);
    expect(performance?.of).toMatch(/1\.5 times/);
    expect(performance?.of).toMatch(/15 million roubles/);
  });
});

describe('44-FZ: citations', () => {
  it('every rule cites an article of 44-FZ and, unread in its current text, says it is not verified', () => {
    const ds = compute(
      [
        ev('results-protocol-published', '2026-03-02T10:00:00+03:00'),
        ev('draft-contract-received', '2026-03-04T10:00:00+03:00'),
      ],
      { tender: bidOn('2026-02-20T07:00:00.000Z') },
    );
    const rules = ds.filter((d) => d.source.type === 'rule');
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const d of rules) {
      expect(d.source.citation?.act, d.source.ref).toMatch(/44-FZ/);
      expect(d.source.verified, d.source.ref).toBe(false);
      expect(d.warnings, d.source.ref).toContain(
        'this rule is not verified against the current text of the law: check it',
      );
    }
  });
});
