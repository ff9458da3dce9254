/**
 * The 44-FZ signing chain over HTTP (issue #21): a Russian tender imported, then the events a bid team
 * records — draft received, protocol of disagreements, revised draft, a complaint and its decision, the
 * signature — each through POST /tenders/{id}/events, each recomputing the deadlines, moves alerted.
 */
import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';

type Deadline = {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  source: { ref: string; verified?: boolean; citation?: { act: string; article: string; quote: string } };
  warnings?: string[];
};

const ruleOf = (ds: Deadline[], id: string) => ds.find((d) => d.source.ref === `ru-44fz:${id}`);
const endOf = (date: string) => `${date}T20:59:59.999Z`; // 24:00 in Moscow

describe('44-FZ events over HTTP', () => {
  it('a protocol of disagreements meets signing; the revised draft, a complaint and its decision move the new deadline', async () => {
    const org = 'dl-44fz-events';
    const token = await tokenFor(org, ['bid-manager']);
    const imported = await call('POST', '/tenders/import?timeZone=Europe/Moscow', {
      token,
      body: JSON.stringify({
        ocid: 'ocds-44fz-events',
        buyer: { id: 'b', name: 'Федеральное казенное учреждение' },
        parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
        // Saturday 21 March 2026: a bid deadline on a non-working day
        tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-03-21T10:00:00+03:00' } },
      }),
    });
    expect(imported.status).toBe(202);
    const tenderId = String(imported.json.tenderId);
    await waitForTender(token, tenderId);
    const tender = (await call('GET', `/tenders/${tenderId}`, { token })).json;
    expect(tender.buyer).toMatchObject({ countryCode: 'RU', kind: 'federal' });

    const record = async (type: string, at: string) => {
      const res = await call('POST', `/tenders/${tenderId}/events`, {
        token,
        body: JSON.stringify({ type, at }),
      });
      expect(res.status, `${type}: ${JSON.stringify(res.json)}`).toBe(201);
      return res.json as {
        event: { type: string; recordedBy: string };
        deadlines: Deadline[];
        moved: number;
      };
    };
    const deadlines = async () =>
      (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[];

    const before = await deadlines();
    expect(ruleOf(before, 'clarification-request')?.dueAt).toBe(endOf('2026-03-18'));
    expect(before.find((d) => d.kind === 'submission')?.warnings?.join(' ')).toContain(
      'the bid deadline falls on a non-working day (Saturday 21 March 2026)',
    );

    const draft = await record('draft-contract-received', '2026-03-02T10:00:00+03:00');
    expect(draft.event.recordedBy).toBeTruthy();
    const signing = ruleOf(draft.deadlines, 'contract-signing');
    expect(signing).toMatchObject({ dueAt: endOf('2026-03-10'), source: { verified: false } });
    expect(signing?.source.citation).toMatchObject({ article: '51' });
    expect(signing?.warnings).toContain(
      'this rule is not verified against the current text of the law: check it',
    );

    await record('disagreements-protocol-posted', '2026-03-05T16:00:00+03:00');
    expect(ruleOf(await deadlines(), 'contract-signing')?.status).toBe('met');

    const revised = await record('revised-draft-received', '2026-03-12T14:00:00+03:00');
    expect(ruleOf(revised.deadlines, 'contract-signing-revised')?.dueAt).toBe(endOf('2026-03-13'));

    await record('complaint-filed', '2026-03-13T09:00:00+03:00');
    expect(ruleOf(await deadlines(), 'contract-signing-revised')?.status).toBe('suspended');

    // decided Tue 17 March: the day used on 13 March was the only one, none left → due at the end of 17 March
    const decided = await record('complaint-decided', '2026-03-17T12:00:00+03:00');
    expect(decided.moved).toBeGreaterThan(0);
    expect(ruleOf(await deadlines(), 'contract-signing-revised')).toMatchObject({
      dueAt: endOf('2026-03-17'),
    });

    await record('supplier-signed', '2026-03-17T15:00:00+03:00');
    const after = await deadlines();
    expect(ruleOf(after, 'contract-signing-revised')?.status).toBe('met');
    expect(ruleOf(after, 'buyer-signing')?.dueAt).toBe(endOf('2026-03-19'));

    // the moves were alerted
    const alerts = (await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as {
      kind: string;
    }[];
    expect(alerts.some((a) => a.kind === 'moved')).toBe(true);
  });
});
