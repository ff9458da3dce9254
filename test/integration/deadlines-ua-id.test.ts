/**
 * The Ukrainian and Indonesian regimes over HTTP (issue #21): a real Prozorro tender ("відкриті торги з
 * особливостями", aboveThreshold) and an SPSE-shaped OCDS release (test/fixtures/spse/README.md) are imported,
 * procurement events are recorded, and the computed deadlines carry their citation and the unverified warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExampleText } from '../support/fixtures.ts';

type Deadline = {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  risk: string;
  timeZone: string;
  source: { ref: string; legalBasis?: string; verified?: boolean; citation?: { act: string; quote: string } };
  warnings?: string[];
};

const spseRelease = () =>
  readFileSync(new URL('../fixtures/spse/spse-bandung-tender-release.json', import.meta.url), 'utf8');

async function importTender(org: string, body: string) {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await call('POST', '/tenders/import', { token, body });
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  const tenderId = String(res.json.tenderId);
  await waitForTender(token, tenderId);
  return { token, tenderId };
}

const deadlinesOf = async (token: string, tenderId: string) =>
  (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[];
const ruleDeadline = (all: Deadline[], ref: string) => all.find((d) => d.source.ref === ref);
const record = (token: string, tenderId: string, type: string, at: string) =>
  call('POST', `/tenders/${tenderId}/events`, { token, body: JSON.stringify({ type, at }) });

describe('Ukraine: a Prozorro tender under the martial-law rules', () => {
  it('gets the AMCU complaint window on import and the signing chain from the notice of intention, each cited and flagged unverified', async () => {
    const { token, tenderId } = await importTender(
      'dl-ua',
      readExampleText('prozorro-api-blank-tender-view-aboveThreshold.json'),
    );
    const imported = await deadlinesOf(token, tenderId);
    const complaint = ruleDeadline(imported, 'ua-922:complaint-tender-documents');
    // as Prozorro published it: complaintPeriod.endDate 2023-01-13T00:00:00+02:00
    expect(complaint).toMatchObject({ kind: 'complaint-window', dueAt: '2023-01-12T22:00:00.000Z' });
    expect(complaint?.timeZone).toBe('Europe/Kyiv');

    const res = await record(token, tenderId, 'intention-notice-published', '2023-01-20T12:00:00+02:00');
    expect(res.status).toBe(201);
    const after = await deadlinesOf(token, tenderId);
    const signing = ruleDeadline(after, 'ua-922:contract-signing');
    expect(signing).toMatchObject({
      kind: 'contract-signing',
      dueAt: '2023-02-04T21:59:59.999Z',
      risk: 'critical',
    });
    expect(signing?.source.verified).toBe(false);
    expect(signing?.source.citation?.act).toContain('1178');
    expect(signing?.warnings?.join(' ')).toMatch(/not verified against the current text of the law/);
    expect(ruleDeadline(after, 'ua-922:qualification-documents')?.dueAt).toBe('2023-01-24T21:59:59.999Z');
  });
});

describe('Indonesia: an SPSE tender in Bandung (WIB)', () => {
  it('places the buyer in Jawa Barat and moves the objection period past Idul Fitri 2026 and its cuti bersama', async () => {
    const { token, tenderId } = await importTender('dl-id', spseRelease());
    const tender = await call('GET', `/tenders/${tenderId}`, { token });
    expect(tender.json.timeZone).toBe('Asia/Jakarta');

    const res = await record(token, tenderId, 'winner-announced', '2026-03-17T10:00:00+07:00');
    expect(res.status).toBe(201);
    const objection = ruleDeadline(await deadlinesOf(token, tenderId), 'id-perpres-16-2018:objection-window');
    expect(objection).toMatchObject({ kind: 'objection-window', dueAt: '2026-03-25T16:59:59.999Z' });
    expect(objection?.source.citation?.quote).toContain('5 (lima) hari kalender');
    expect(objection?.warnings?.join(' ')).toMatch(/not verified against the current text of the law/);

    await record(token, tenderId, 'award-letter-issued', '2026-04-08T10:00:00+07:00');
    const signing = ruleDeadline(await deadlinesOf(token, tenderId), 'id-perpres-16-2018:contract-signing');
    // 14 working days from Thu 9 Apr 2026: 9, 10, 13-17, 20-24, 27, 28 Apr
    expect(signing).toMatchObject({
      kind: 'contract-signing',
      dueAt: '2026-04-28T16:59:59.999Z',
      risk: 'critical',
    });
  });
});
