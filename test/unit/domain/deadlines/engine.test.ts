/**
 * The deadline engine's features (issue #21), each on worked dates in Moscow (UTC+3, the RU calendar of
 * 2026 as decree No. 1466 sets it): offsets, variants, appliesTo, metBy lists, suspension and restart,
 * citations, and the pick-up of every pack and calendar file. Packs made here are test data in the
 * contract's shape, parsed by the same schema as the real ones.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buyerKind } from '../../../../functions/domain/buyer-kind.ts';
import { correctionFiles } from '../../../../functions/domain/deadlines/calendars/index.ts';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { rulePackFiles } from '../../../../functions/domain/deadlines/rule-packs/index.ts';
import { parseRulePack } from '../../../../functions/domain/deadlines/rules.ts';
import type { ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';

const MSK = 'Europe/Moscow';
const citation = { act: 'Test Act', article: '1', quote: 'the decisive sentence', verified: true };

/** A one-rule pack for Russia (and France, for variants) in the contract's shape. */
const pack = (rule: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  parseRulePack('test.json', {
    id: 'test',
    title: 'Test pack',
    jurisdiction: { countries: ['RU', 'FR'] },
    legalBasis: 'test',
    defaultTimes: [],
    securities: [],
    rules: [
      {
        id: 'r',
        kind: 'contract-signing',
        title: 'Sign',
        risk: 'critical',
        trigger: { event: 'draft-contract-received' },
        offset: { workingDays: 5 },
        legalBasis: 'Test Act art. 1',
        citation,
        ...rule,
      },
    ],
    ...over,
  });

const tender = (over: Partial<DeadlineInput['tender']> = {}): DeadlineInput['tender'] => ({
  buyer: { id: 'b', name: 'Buyer', country: 'Russia', countryCode: 'RU' },
  timeZone: MSK,
  timeZoneSource: 'buyer-region',
  periods: {},
  lots: [],
  status: 'active',
  ...over,
});

const run = (
  rule: Record<string, unknown>,
  events: ProcurementEvent[],
  opts: { tender?: Partial<DeadlineInput['tender']>; now?: string; pack?: Record<string, unknown> } = {},
) =>
  computeDeadlines({
    tenderId: 't',
    tender: tender(opts.tender),
    events,
    now: opts.now ?? '2026-01-01T00:00:00Z',
    packs: [pack(rule, opts.pack)],
  }).filter((d) => d.source.type === 'rule');

const draft = (at: string): ProcurementEvent => ({ type: 'draft-contract-received', at });
const ev = (type: ProcurementEvent['type'], at: string): ProcurementEvent => ({ type, at });

describe('offsets', () => {
  const bid = { tender: { start: null, end: '2026-03-20T07:00:00.000Z' } }; // Fri 20 March 2026 10:00 MSK
  const fromBid = (offset: Record<string, unknown>) =>
    run({ trigger: { tenderField: 'periods.tender.end' }, offset }, [], { tender: { periods: bid } })[0];

  it('daysBefore 3: the end of the day 3 calendar days before the bid deadline (Tue 17 March)', () => {
    const d = fromBid({ daysBefore: 3 });
    expect(d?.dueAt).toBe('2026-03-17T20:59:59.999Z');
    expect(d?.allDay).toBe(true);
  });

  it('workingDaysBefore 1 at 17:00: 8 May 2026, over the Victory Day holiday moved to Monday 11 May', () => {
    const d = run(
      { trigger: { tenderField: 'periods.tender.end' }, offset: { workingDaysBefore: 1, at: '17:00' } },
      [],
      { tender: { periods: { tender: { start: null, end: '2026-05-12T07:00:00.000Z' } } } },
    )[0];
    expect(d?.dueAt).toBe('2026-05-08T14:00:00.000Z');
    expect(d?.allDay).toBe(false);
  });

  it('days 12 from 1 June ends Sat 13 June; with endOnWorkingDay it moves past the weekend to Mon 15 June', () => {
    const plain = run({ offset: { days: 12 } }, [draft('2026-06-01T12:00:00+03:00')])[0];
    const rolled = run({ offset: { days: 12, endOnWorkingDay: true } }, [
      draft('2026-06-01T12:00:00+03:00'),
    ])[0];
    expect(plain?.dueAt).toBe('2026-06-13T20:59:59.999Z');
    expect(rolled?.dueAt).toBe('2026-06-15T20:59:59.999Z');
  });

  it('days 11 from 1 June ends on Russia Day (Fri 12 June, a holiday): rolled to Mon 15 June', () => {
    const rolled = run({ offset: { days: 11, endOnWorkingDay: true } }, [
      draft('2026-06-01T12:00:00+03:00'),
    ])[0];
    expect(rolled?.dueAt).toBe('2026-06-15T20:59:59.999Z');
  });

  it('calendarDays with at: the local time of the shifted day', () => {
    const d = fromBid({ calendarDays: -1, at: '17:00' });
    expect(d?.dueAt).toBe('2026-03-19T14:00:00.000Z');
  });

  it('workingDays with at: 17:00 on the 5th working day (10 March: 8 March falls on Sunday, Monday 9 is off)', () => {
    const d = run({ offset: { workingDays: 5, at: '17:00' } }, [draft('2026-03-02T10:00:00+03:00')])[0];
    expect(d?.dueAt).toBe('2026-03-10T14:00:00.000Z');
  });
});

describe('suspension and restart', () => {
  const rule = {
    offset: { workingDays: 5 },
    metBy: ['supplier-signed', 'disagreements-protocol-posted'],
    suspendedBy: 'complaint-filed',
    resumedBy: 'complaint-decided',
    restartedBy: 'revised-draft-received',
  };
  const posted = draft('2026-03-02T10:00:00+03:00'); // due at the end of Tue 10 March

  it('a complaint on 4 March stops the period: suspended, never missed, however late it is', () => {
    const [d] = run(rule, [posted, ev('complaint-filed', '2026-03-04T12:00:00+03:00')], {
      now: '2026-04-01T00:00:00Z',
    });
    expect(d?.status).toBe('suspended');
    expect(d?.warnings?.[0]).toContain('suspended on 4 March 2026');
  });

  it('decided on 16 March, the 3 working days left (3 and 4 March were used) run to Thu 19 March', () => {
    const [d] = run(rule, [
      posted,
      ev('complaint-filed', '2026-03-04T12:00:00+03:00'),
      ev('complaint-decided', '2026-03-16T15:00:00+03:00'),
    ]);
    expect(d?.dueAt).toBe('2026-03-19T20:59:59.999Z');
    expect(d?.status).toBe('open');
  });

  it('a complaint after the period ended does not suspend it', () => {
    const [d] = run(rule, [posted, ev('complaint-filed', '2026-03-12T12:00:00+03:00')], {
      now: '2026-03-13T00:00:00Z',
    });
    expect(d?.dueAt).toBe('2026-03-10T20:59:59.999Z');
    expect(d?.status).toBe('missed');
  });

  it('a protocol of disagreements posted in time meets it; the revised draft restarts the count (Fri 20 → Fri 27 March)', () => {
    const protocol = ev('disagreements-protocol-posted', '2026-03-05T09:00:00+03:00');
    expect(run(rule, [posted, protocol], { now: '2026-03-20T00:00:00Z' })[0]?.status).toBe('met');
    const [d] = run(rule, [posted, protocol, ev('revised-draft-received', '2026-03-20T10:00:00+03:00')], {
      now: '2026-03-21T00:00:00Z',
    });
    expect(d?.dueAt).toBe('2026-03-27T20:59:59.999Z');
    expect(d?.status).toBe('open');
    const signed = ev('supplier-signed', '2026-03-24T09:00:00+03:00');
    expect(
      run(rule, [posted, protocol, ev('revised-draft-received', '2026-03-20T10:00:00+03:00'), signed])[0]
        ?.status,
    ).toBe('met');
  });
});

describe('appliesTo, variants, citations', () => {
  it('federal buyers only: a local buyer gets no deadline, an unknown one gets it with a warning', () => {
    const rule = { appliesTo: { buyerKinds: ['federal'] } };
    const kinded = (kind: 'federal' | 'local' | null) =>
      run(rule, [draft('2026-03-02T10:00:00+03:00')], {
        tender: { buyer: { id: 'b', name: 'B', country: 'Russia', countryCode: 'RU', kind } },
      });
    expect(kinded('local')).toEqual([]);
    expect(kinded('federal')[0]?.warnings).toBeUndefined();
    expect(kinded(null)[0]?.warnings).toEqual(['applies to federal buyers only; check']);
  });

  it('a value threshold: below it in the same currency no deadline; another currency applies with a warning', () => {
    const rule = { appliesTo: { minValue: { amount: 140000, currency: 'EUR' } } };
    const valued = (amount: number, currency: string) =>
      run(rule, [draft('2026-03-02T10:00:00+03:00')], { tender: { value: { amount, currency } } });
    expect(valued(139999, 'EUR')).toEqual([]);
    expect(valued(140000, 'EUR')).toHaveLength(1);
    expect(valued(1e9, 'RUB')[0]?.warnings?.[0]).toContain('in RUB: check');
  });

  it('a pack-level appliesTo excludes the whole pack', () => {
    const d = run({}, [draft('2026-03-02T10:00:00+03:00')], {
      pack: { appliesTo: { buyerKinds: ['federal'] } },
      tender: { buyer: { id: 'b', name: 'B', country: 'Russia', countryCode: 'RU', kind: 'state' } },
    });
    expect(d).toEqual([]);
  });

  it("the first variant naming the buyer's country wins, with its own offset and citation", () => {
    const frCitation = { ...citation, article: '2', quote: 'onze jours' };
    const rule = {
      offset: { days: 10 },
      variants: [{ countries: ['FR'], offset: { days: 11 }, citation: frCitation }],
    };
    const at = '2026-06-01T12:00:00+02:00';
    const fr = run(rule, [draft(at)], {
      tender: {
        timeZone: 'Europe/Paris',
        buyer: { id: 'b', name: 'B', country: 'France', countryCode: 'FR' },
      },
    })[0];
    const ru = run(rule, [draft(at)])[0];
    expect(fr?.dueAt).toBe('2026-06-12T21:59:59.999Z');
    expect(fr?.source.citation?.quote).toBe('onze jours');
    expect(ru?.dueAt).toBe('2026-06-11T20:59:59.999Z');
    expect(ru?.source.citation?.article).toBe('1');
  });

  it('carries the citation and its verified flag; an unverified rule says so', () => {
    const verified = run({}, [draft('2026-03-02T10:00:00+03:00')])[0];
    expect(verified?.source).toMatchObject({ citation, verified: true });
    const unverified = run({ citation: { ...citation, verified: false } }, [
      draft('2026-03-02T10:00:00+03:00'),
    ])[0];
    expect(unverified?.source.verified).toBe(false);
    expect(unverified?.warnings).toEqual([
      'this rule is not verified against the current text of the law: check it',
    ]);
  });
});

describe('the pack schema', () => {
  it('refuses a rule without a citation, naming the file and the field', () => {
    expect(() => pack({ citation: undefined })).toThrow(/test\.json is malformed: rules\.0\.citation/);
  });

  it('refuses a suspension on a backward count, and a suspension without its resumption', () => {
    expect(() =>
      pack({ offset: { daysBefore: 3 }, suspendedBy: 'complaint-filed', resumedBy: 'complaint-decided' }),
    ).toThrow(/only a forward count/);
    expect(() => pack({ suspendedBy: 'complaint-filed' })).toThrow(/give both or neither/);
  });

  it('accepts a single metBy event as well as a list', () => {
    expect(pack({ metBy: 'contract-signed' }).rules[0]?.metBy).toBe('contract-signed');
  });
});

describe('pick-up of packs and calendars', () => {
  const dir = (name: string) => new URL(`../../../../functions/domain/deadlines/${name}/`, import.meta.url);
  it('lists every rule-packs/*.json in rule-packs/index.ts', () => {
    const files = readdirSync(dir('rule-packs')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(rulePackFiles).sort()).toEqual(files.sort());
  });

  it('lists every calendars/<CC>.json in calendars/index.ts, and workingCalendar uses it', () => {
    const files = readdirSync(dir('calendars')).filter((f) => /^[A-Z]{2}\.json$/.test(f));
    expect(Object.keys(correctionFiles).sort()).toEqual(files.sort());
    // the RU file's 2026 decree: 9 January 2026 is a day off
    expect(workingCalendar('RU').isWorkingDay('2026-01-09', 'UTC')).toBe(false);
  });
});

describe('buyer kind', () => {
  it('reads TED authority types and level words, then the name', () => {
    expect(buyerKind({ classifications: [{ scheme: 'TED_CA_TYPE', id: 'RA' }] }, null)).toBe('state');
    expect(buyerKind({ govLevel: 'national' }, null)).toBe('federal');
    expect(buyerKind(null, 'City of Boston')).toBe('local');
    expect(buyerKind(null, 'Федеральное казначейство')).toBe('federal');
    expect(buyerKind(null, 'Администрация муниципального образования')).toBe('local');
    expect(buyerKind(null, 'ACME Hospital')).toBeNull();
  });
});
