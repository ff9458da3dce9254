/**
 * The EU pack (Directive 2014/24/EU, Remedies Directive 89/665/EEC) on worked dates: every rule, the
 * member-state variants of the standstill, the EU threshold filter. Dates are the (#21) and the
 * law's own examples where there is one (VK Bund VK 2-77/21 for § 134 GWB).
 */
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { deadlineRulePacks } from '../../../../functions/domain/deadlines/rules.ts';
import type { Deadline, ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';

type Tender = DeadlineInput['tender'];

const ZONES: Record<string, string> = {
  AT: 'Europe/Vienna',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  IT: 'Europe/Rome',
  ES: 'Europe/Madrid',
  NL: 'Europe/Amsterdam',
  NO: 'Europe/Oslo',
};

const EUR = (amount: number) => ({ amount, currency: 'EUR' });

const tender = (country: string, over: Partial<Tender> = {}): Tender => ({
  buyer: { id: 'b1', name: 'Buyer', country, countryCode: country },
  timeZone: ZONES[country] ?? 'UTC',
  periods: {},
  lots: [],
  status: 'active',
  value: EUR(500_000),
  procurementMethod: 'open',
  ...over,
});

const compute = (t: Tender, events: ProcurementEvent[] = []) =>
  computeDeadlines({ tenderId: 't1', tender: t, events, now: '2026-01-01T00:00:00Z', owners: ['bid'] });

const rule = (deadlines: Deadline[], id: string): Deadline | undefined =>
  deadlines.find((d) => d.source.ref === `eu-2014-24:${id}`);
const due = (deadlines: Deadline[], id: string): string | undefined => rule(deadlines, id)?.dueAt;

const awarded = (at: string): ProcurementEvent[] => [{ type: 'awarded', at }];
const pack = deadlineRulePacks.find((p) => p.id === 'eu-2014-24');

describe('eu-2014-24: every rule cites its act and article and quotes the sentence', () => {
  it('has a citation with a quote on every rule and variant, and says which were read', () => {
    expect(pack).toBeDefined();
    for (const r of pack?.rules ?? []) {
      expect(r.citation.quote.length, r.id).toBeGreaterThan(40);
      for (const v of r.variants ?? [])
        expect(v.citation.quote.length, `${r.id} ${v.countries}`).toBeGreaterThan(40);
    }
    const verified = (pack?.rules ?? []).filter((r) => r.citation.verified).map((r) => r.id);
    expect(verified).toEqual(['minimum-tender-period-restricted', 'standstill-end', 'review-window']);
  });
});

describe('eu-2014-24: standstill (Remedies Directive art. 2a(2), Reg. 1182/71 art. 3(4))', () => {
  it('moves an end on Saturday 13 June 2026 to Monday 15 June (Austria, no national variant)', () => {
    // sent Wed 3 June → days 4–13 June; 13 June is a Saturday → end of Mon 15 June, Vienna (CEST)
    const d = compute(tender('AT'), awarded('2026-06-03T10:00:00+02:00'));
    expect(rule(d, 'standstill-end')).toMatchObject({
      kind: 'standstill-end',
      dueAt: '2026-06-15T21:59:59.999Z',
      risk: 'info',
    });
  });

  it('moves an end on Easter Monday 6 April 2026 to Tuesday 7 April', () => {
    // sent Fri 27 March → days 28 March – 6 April; Easter Monday is a public holiday in Austria
    const d = compute(tender('AT'), awarded('2026-03-27T16:00:00+01:00'));
    expect(due(d, 'standstill-end')).toBe('2026-04-07T21:59:59.999Z');
  });

  it('Germany (§ 134 GWB): 10 calendar days, not moved off a weekend — the VK Bund case of June 2021', () => {
    // information sent electronically Thu 10 June 2021; the period ended Sun 20 June; the award on Mon 21 June
    // at 07:52 was lawful (VK Bund, 28 June 2021, VK 2-77/21)
    const d = compute(tender('DE'), awarded('2021-06-10T12:00:00+02:00'));
    const standstill = rule(d, 'standstill-end');
    expect(standstill?.dueAt).toBe('2021-06-20T21:59:59.999Z');
    expect(standstill?.title).toContain('Wartefrist');
    expect(standstill?.source.citation).toMatchObject({ article: '134', part: '2', verified: true });
    // the Saturday: no roll in Germany
    expect(due(compute(tender('DE'), awarded('2026-06-03T10:00:00+02:00')), 'standstill-end')).toBe(
      '2026-06-13T21:59:59.999Z',
    );
  });

  it('France (R2182-1): 11 days between sending and signing, counted date to date — the 10th day is the last', () => {
    // sent Fri 27 March 2026: signing lawful from Tue 7 April (27 + 11), so the standstill's last day is Mon 6 April
    const d = compute(tender('FR'), awarded('2026-03-27T16:00:00+01:00'));
    expect(due(d, 'standstill-end')).toBe('2026-04-06T21:59:59.999Z');
    expect(rule(d, 'standstill-end')?.source.citation?.article).toBe('R2182-1');
  });

  it('Italy (d.lgs. 36/2023 art. 18(3)): 35 days, not 32', () => {
    const d = compute(tender('IT'), awarded('2026-06-03T10:00:00+02:00'));
    expect(due(d, 'standstill-end')).toBe('2026-07-08T21:59:59.999Z');
    expect(rule(d, 'standstill-end')?.source.citation?.quote).toContain('thirty-five days');
  });

  it('Spain (LCSP art. 153(3)): 15 working days, weekends and national holidays skipped', () => {
    // from Thu 4 June 2026: 4, 5, 8–12, 15–19, 22, 23, 24 June → end of Wed 24 June, Madrid
    const d = compute(tender('ES'), awarded('2026-06-03T10:00:00+02:00'));
    expect(due(d, 'standstill-end')).toBe('2026-06-24T21:59:59.999Z');
  });

  it('the Netherlands (Aanbestedingswet art. 2.127): 20 calendar days', () => {
    const d = compute(tender('NL'), awarded('2026-06-03T10:00:00+02:00'));
    expect(due(d, 'standstill-end')).toBe('2026-06-23T21:59:59.999Z');
  });

  it('Norway applies the Directive through the EEA Agreement: the base 10 days', () => {
    const d = compute(tender('NO'), awarded('2026-06-03T10:00:00+02:00'));
    expect(due(d, 'standstill-end')).toBe('2026-06-15T21:59:59.999Z');
  });
});

describe('eu-2014-24: the thresholds (Delegated Regulation (EU) 2025/2152)', () => {
  it('no standstill below EUR 140,000; one at or above it', () => {
    const below = compute(tender('AT', { value: EUR(139_999) }), awarded('2026-06-03T10:00:00+02:00'));
    expect(rule(below, 'standstill-end')).toBeUndefined();
    expect(rule(below, 'review-window')).toBeUndefined();
    const at = compute(tender('AT', { value: EUR(140_000) }), awarded('2026-06-03T10:00:00+02:00'));
    // no threshold warning (the only one left says no official Austrian calendar confirms 2026)
    expect(rule(at, 'standstill-end')?.warnings ?? []).not.toContainEqual(expect.stringContaining('EUR'));
  });

  it('a tender without a value, or in another currency, gets the standstill with a warning to check', () => {
    const none = compute(tender('AT', { value: null }), awarded('2026-06-03T10:00:00+02:00'));
    expect(rule(none, 'standstill-end')?.warnings?.join(' ')).toMatch(/140,000 EUR.*no value/);
    const nok = compute(
      tender('NO', { value: { amount: 2_000_000, currency: 'NOK' } }),
      awarded('2026-06-03T10:00:00+02:00'),
    );
    expect(rule(nok, 'standstill-end')?.warnings?.join(' ')).toMatch(/in NOK/);
  });

  it('the supplier recommendation applies below the threshold too (it is not law)', () => {
    const below = compute(
      tender('AT', { value: EUR(50_000), periods: { tender: { start: null, end: '2027-03-30T10:00:00Z' } } }),
    );
    expect(rule(below, 'ask-questions-by')).toBeDefined();
    expect(rule(below, 'last-useful-clarification')).toBeUndefined();
  });
});

describe('eu-2014-24: questions (art. 53(2), art. 47(3))', () => {
  const t = tender('DE', { periods: { tender: { start: null, end: '2027-03-30T10:00:00Z' } } });
  const d = compute(t);

  it("the buyer's last day to answer is 6 days before the tender deadline, same wall time", () => {
    // 30 March 12:00 CEST → 24 March 12:00 CET
    expect(rule(d, 'last-useful-clarification')).toMatchObject({
      kind: 'clarification-request',
      dueAt: '2027-03-24T11:00:00.000Z',
      risk: 'normal',
    });
    expect(rule(d, 'last-useful-clarification')?.title).toMatch(/^Buyer's last day to answer/);
  });

  it('the supplier is told to ask 10 days before — 4 days before the buyer must answer — as a recommendation', () => {
    const ask = rule(d, 'ask-questions-by');
    expect(ask).toMatchObject({ dueAt: '2027-03-20T11:00:00.000Z', risk: 'high' });
    expect(ask?.title).toContain('recommendation, not a legal deadline');
  });

  it('tells the bid team the deadline must be extended after significant changes (information)', () => {
    expect(rule(d, 'extension-after-significant-change')).toMatchObject({
      dueAt: '2027-03-30T10:00:00.000Z',
      risk: 'info',
    });
  });
});

describe('eu-2014-24: minimum tender periods (arts. 27, 28)', () => {
  const published = (end: string, procurementMethod = 'open') =>
    compute(
      tender('AT', {
        procurementMethod,
        periods: { tender: { start: '2027-03-01T09:00:00Z', end } },
      }),
    );

  it('an open procedure: the earliest lawful deadline is 30 days after the notice, and a shorter one is flagged', () => {
    const short = published('2027-03-25T10:00:00Z');
    const min = rule(short, 'minimum-tender-period-open');
    // from Tue 2 March: 30 days → end of Wed 31 March, Vienna (CEST from 28 March)
    expect(min?.dueAt).toBe('2027-03-31T21:59:59.999Z');
    expect(min?.warnings?.join(' ')).toContain('shorter than the 30-day minimum');
    const lawful = rule(published('2027-04-06T10:00:00Z'), 'minimum-tender-period-open');
    expect(lawful?.warnings ?? []).not.toContainEqual(expect.stringContaining('shorter than'));
  });

  it('a restricted (selective) procedure gets the 30-day minimum for requests to participate instead', () => {
    const d = published('2027-03-20T10:00:00Z', 'selective');
    expect(rule(d, 'minimum-tender-period-open')).toBeUndefined();
    expect(rule(d, 'minimum-tender-period-restricted')?.warnings?.join(' ')).toContain(
      'requests to participate',
    );
  });
});

describe('eu-2014-24: review (art. 2c)', () => {
  it('at least 10 days from the day after sending, moved off a holiday; met by a complaint', () => {
    const d = compute(tender('AT'), awarded('2026-03-27T16:00:00+01:00'));
    expect(rule(d, 'review-window')).toMatchObject({
      kind: 'complaint-window',
      dueAt: '2026-04-07T21:59:59.999Z',
    });
    const filed = compute(tender('AT'), [
      ...awarded('2026-03-27T16:00:00+01:00'),
      { type: 'complaint-filed', at: '2026-04-01T10:00:00+02:00' },
    ]);
    expect(rule(filed, 'review-window')?.status).toBe('met');
  });

  it('Germany: before the Wartefrist ends, since a concluded contract cannot be undone (§ 168(2) GWB)', () => {
    const d = compute(tender('DE'), awarded('2021-06-10T12:00:00+02:00'));
    expect(rule(d, 'review-window')?.dueAt).toBe('2021-06-20T21:59:59.999Z');
    expect(rule(d, 'review-window')?.source.citation?.article).toBe('168');
  });
});
