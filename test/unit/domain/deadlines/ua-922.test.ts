/**
 * Worked dates for every rule of the Ukrainian pack (rule-packs/ua-922.json): Law No. 922-VIII as applied under
 * martial law by Cabinet Resolution No. 1178 (the "Особливості"). The buyer is in Kyiv (Europe/Kyiv, EEST +03:00
 * in May); periods are calendar days from the day after the event, ending at 24:00 Kyiv time.
 */
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { chooseDeadlinePack } from '../../../../functions/domain/deadlines/rules.ts';
import type { Deadline, ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';
import { normalizeProzorro } from '../../../../functions/domain/prozorro/normalize.ts';
import { readExample } from '../../../support/fixtures.ts';

const KYIV = 'Europe/Kyiv';
type Tender = DeadlineInput['tender'];

const kyivBuyer = (over: Partial<Tender> = {}): Tender => ({
  buyer: { id: 'b1', name: 'Київська міська рада', country: 'Україна', countryCode: 'UA' },
  timeZone: KYIV,
  periods: {},
  lots: [],
  status: 'active',
  ...over,
});

const compute = (tender: Tender, events: ProcurementEvent[] = [], now = '2026-05-01T00:00:00Z') =>
  computeDeadlines({ tenderId: 't1', tender, events, now, owners: ['bid-manager'] });

const byRule = (deadlines: Deadline[], id: string): Deadline => {
  const found = deadlines.filter((d) => d.source.ref === `ua-922:${id}`);
  expect(found, id).toHaveLength(1);
  return found[0] as Deadline;
};

/** The notice of intention to conclude the contract, published on Monday 4 May 2026 at 14:00 in Kyiv. */
const notice: ProcurementEvent = { type: 'intention-notice-published', at: '2026-05-04T14:00:00+03:00' };

describe('the Ukrainian pack (ua-922)', () => {
  it('is the pack of a Ukrainian buyer, and every rule says it is not verified', () => {
    expect(chooseDeadlinePack(kyivBuyer())?.id).toBe('ua-922');
    const all = compute(
      kyivBuyer({ periods: { tender: { start: null, end: '2026-05-20T10:00:00+03:00' } } }),
      [notice],
    ).filter((d) => d.source.type === 'rule');
    expect(all.map((d) => d.source.ref.split(':')[1]).sort()).toEqual([
      'complaint-award',
      'complaint-tender-documents',
      'contract-signing',
      'qualification-documents',
      'standstill-end',
    ]);
    for (const d of all) {
      expect(d.source.verified, d.source.ref).toBe(false);
      expect(d.warnings?.join(' '), d.source.ref).toMatch(/not verified against the current text of the law/);
    }
  });

  it('complaints about the tender documents close 3 days before the bid deadline, as Prozorro publishes it', () => {
    // the real Prozorro tender (aboveThreshold): bids until 16 Jan 2023 00:00, complaintPeriod.endDate 13 Jan 00:00
    const raw = readExample('prozorro-api-blank-tender-view-aboveThreshold.json') as { data: unknown };
    const { tender } = normalizeProzorro(raw);
    expect(tender.timeZone).toBe('Europe/Kyiv');
    const due = byRule(compute(tender, [], '2022-12-01T00:00:00Z'), 'complaint-tender-documents');
    expect(due.dueAt).toBe('2023-01-12T22:00:00.000Z'); // 13 Jan 2023 00:00 in Kyiv (+02:00)
    expect(due.kind).toBe('complaint-window');
  });

  it('a complaint about the award may be filed for 5 days after the notice of intention (to the end of Sat 9 May)', () => {
    const due = byRule(compute(kyivBuyer(), [notice]), 'complaint-award');
    expect(due.dueAt).toBe('2026-05-09T20:59:59.999Z');
  });

  it('the winner publishes its qualification documents within 4 days (to the end of Fri 8 May)', () => {
    const due = byRule(compute(kyivBuyer(), [notice]), 'qualification-documents');
    expect(due).toMatchObject({ dueAt: '2026-05-08T20:59:59.999Z', risk: 'critical', status: 'open' });
    const met = byRule(
      compute(kyivBuyer(), [
        notice,
        { type: 'qualification-documents-submitted', at: '2026-05-07T09:00:00+03:00' },
      ]),
      'qualification-documents',
    );
    expect(met.status).toBe('met');
  });

  it('the contract cannot be concluded before the standstill ends (the end of 9 May)', () => {
    const due = byRule(compute(kyivBuyer(), [notice]), 'standstill-end');
    expect(due).toMatchObject({ dueAt: '2026-05-09T20:59:59.999Z', risk: 'info' });
  });

  it('the contract is signed no later than 15 days after the notice (the end of Tue 19 May)', () => {
    const due = byRule(compute(kyivBuyer(), [notice]), 'contract-signing');
    expect(due).toMatchObject({ dueAt: '2026-05-19T20:59:59.999Z', risk: 'critical', status: 'open' });
    const signed = byRule(
      compute(kyivBuyer(), [notice, { type: 'contract-signed', at: '2026-05-12T11:00:00+03:00' }]),
      'contract-signing',
    );
    expect(signed.status).toBe('met');
  });

  it('a complaint to the AMCU stops the signing period; it runs on for the days left once decided', () => {
    const filed: ProcurementEvent = { type: 'complaint-filed', at: '2026-05-06T10:00:00+03:00' };
    const pending = byRule(compute(kyivBuyer(), [notice, filed], '2026-05-10T00:00:00Z'), 'contract-signing');
    expect(pending.status).toBe('suspended');
    expect(pending.warnings?.join(' ')).toMatch(/suspended on 6 May 2026/);
    // 5 and 6 May used (2 of 15 days); decided on 20 May: the 13 days left run 21 May - 2 June
    const decided: ProcurementEvent = { type: 'complaint-decided', at: '2026-05-20T12:00:00+03:00' };
    const due = byRule(
      compute(kyivBuyer(), [notice, filed, decided], '2026-05-21T00:00:00Z'),
      'contract-signing',
    );
    expect(due).toMatchObject({ dueAt: '2026-06-02T20:59:59.999Z', status: 'open' });
  });
});
