/**
 * Worked dates for every rule of the Indonesian pack (rule-packs/id-perpres-16-2018.json): objections (sanggah)
 * and appeals (sanggah banding) run in calendar days and end on a working day (SPSE: "diakhiri pada hari kerja");
 * the contract is signed within working days of the award letter (SPPBJ). Working days come from the SKB lists
 * (calendars/ID.json), so Idul Fitri and its cuti bersama move the dates; the zone is the buyer's province's.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeDeadlines, type DeadlineInput } from '../../../../functions/domain/deadlines/compute.ts';
import { chooseDeadlinePack } from '../../../../functions/domain/deadlines/rules.ts';
import type { Deadline, ProcurementEvent } from '../../../../functions/domain/deadlines/types.ts';
import { workingCalendar } from '../../../../functions/domain/deadlines/working-days.ts';

type Tender = DeadlineInput['tender'];
const buyer = (timeZone: string, region: string): Tender => ({
  buyer: { id: 'b1', name: 'Dinas PUPR', country: 'Indonesia', countryCode: 'ID', region },
  timeZone,
  periods: {},
  lots: [],
  status: 'active',
});
const bandung = buyer('Asia/Jakarta', 'Jawa Barat');
const jayapura = buyer('Asia/Jayapura', 'Papua');

const compute = (tender: Tender, events: ProcurementEvent[], now = '2026-01-01T00:00:00Z') =>
  computeDeadlines({ tenderId: 't1', tender, events, now, owners: ['bid-manager'] });

const byRule = (deadlines: Deadline[], id: string): Deadline => {
  const found = deadlines.filter((d) => d.source.ref === `id-perpres-16-2018:${id}`);
  expect(found, id).toHaveLength(1);
  return found[0] as Deadline;
};

describe('the Indonesian pack (id-perpres-16-2018)', () => {
  it('is the pack of an Indonesian buyer, and says each rule is unverified', () => {
    expect(chooseDeadlinePack(bandung)?.id).toBe('id-perpres-16-2018');
    const d = byRule(
      compute(bandung, [{ type: 'winner-announced', at: '2026-03-17T10:00:00+07:00' }]),
      'objection-window',
    );
    expect(d.source.verified).toBe(false);
    expect(d.warnings?.join(' ')).toMatch(/not verified against the current text of the law/);
  });

  it('sanggah: 5 calendar days after the announcement of Tue 17 Mar 2026 end on Sun 22 Mar, moved past Idul Fitri and its cuti bersama to Wed 25 Mar', () => {
    const d = byRule(
      compute(bandung, [{ type: 'winner-announced', at: '2026-03-17T10:00:00+07:00' }]),
      'objection-window',
    );
    // 22 Mar Sunday (Idul Fitri day 2); 23 and 24 Mar cuti bersama (SKB 1497/2025): date-holidays alone gave Mon 23 Mar
    expect(d).toMatchObject({ kind: 'objection-window', dueAt: '2026-03-25T16:59:59.999Z' });
  });

  it('sanggah on an ordinary week: announced Mon 4 May 2026, the 5th day is Sat 9 May, moved to Mon 11 May', () => {
    const d = byRule(
      compute(bandung, [{ type: 'winner-announced', at: '2026-05-04T16:00:00+07:00' }]),
      'objection-window',
    );
    expect(d.dueAt).toBe('2026-05-11T16:59:59.999Z');
  });

  it("the Pokja's answer: 3 calendar days after an objection of Wed 25 Mar 2026 is Sat 28 Mar, moved to Mon 30 Mar", () => {
    const d = byRule(
      compute(bandung, [{ type: 'objection-filed', at: '2026-03-25T10:00:00+07:00' }]),
      'objection-answer',
    );
    expect(d).toMatchObject({ dueAt: '2026-03-30T16:59:59.999Z', risk: 'info' });
  });

  it('sanggah banding: 5 days after the answer of Mon 30 Mar 2026 is Sat 4 Apr; Easter Sunday follows, so Mon 6 Apr', () => {
    const d = byRule(
      compute(bandung, [{ type: 'objection-answered', at: '2026-03-30T15:00:00+07:00' }]),
      'appeal-window',
    );
    expect(d.dueAt).toBe('2026-04-06T16:59:59.999Z');
    expect(d.title).toMatch(/1% of the HPS/);
  });

  it('the contract: 14 working days after an SPPBJ of Wed 26 Mar 2025 skip Nyepi, Idul Fitri and its cuti bersama and Good Friday: Fri 25 Apr', () => {
    const d = byRule(
      compute(
        bandung,
        [{ type: 'award-letter-issued', at: '2025-03-26T10:00:00+07:00' }],
        '2025-03-01T00:00:00Z',
      ),
      'contract-signing',
    );
    expect(d).toMatchObject({ dueAt: '2025-04-25T16:59:59.999Z', risk: 'critical', status: 'open' });
    expect(d.title).toMatch(/blacklist \(daftar hitam\)/);
  });

  it('the contract in Papua (WIT, +09:00): an SPPBJ of Fri 14 Aug 2026 skips 17 Aug and Maulid (25 Aug): Mon 7 Sep, 24:00 in Jayapura', () => {
    const d = byRule(
      compute(jayapura, [{ type: 'award-letter-issued', at: '2026-08-14T09:00:00+09:00' }]),
      'contract-signing',
    );
    expect(d.dueAt).toBe('2026-09-07T14:59:59.999Z');
    const signed = byRule(
      compute(jayapura, [
        { type: 'award-letter-issued', at: '2026-08-14T09:00:00+09:00' },
        { type: 'contract-signed', at: '2026-08-28T11:00:00+09:00' },
      ]),
      'contract-signing',
    );
    expect(signed.status).toBe('met');
  });
});

describe('the Indonesian windows never end on a day off', () => {
  it('for any event in 2024-2026, in any of the three zones, the sanggah, answer and appeal windows end on an SKB working day', () => {
    const calendar = workingCalendar('ID');
    const rules = [
      ['winner-announced', 'objection-window'],
      ['objection-filed', 'objection-answer'],
      ['objection-answered', 'appeal-window'],
    ] as const;
    const zones = [bandung, buyer('Asia/Makassar', 'Bali'), jayapura];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 20) }),
        fc.constantFrom(...zones),
        fc.constantFrom(...rules),
        (ms, tender, [event, rule]) => {
          const at = DateTime.fromMillis(ms, { zone: tender.timeZone }).toISO() as string;
          const d = byRule(compute(tender, [{ type: event, at }]), rule);
          const lastDay = DateTime.fromISO(d.dueAt, { zone: tender.timeZone }).toISODate() as string;
          expect(calendar.isWorkingDay(lastDay, tender.timeZone), `${rule} from ${at}: ${lastDay}`).toBe(
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
