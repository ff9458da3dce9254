import { describe, expect, it } from 'vitest';
import { sweep } from '../../functions/flows/sweep.ts';
import { remindersOf } from '../../functions/store/reminders.ts';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExample, readExampleText } from '../support/fixtures.ts';

type Deadline = {
  id: string;
  kind: string;
  title: string;
  status: string;
  dueAt: string;
  source: { ref: string };
};
type Alert = { kind: string; title: string };
type Item = { criterionId: string; category: string; lotIds: string[]; title: Record<string, string> };

const table = () => String(process.env.TABLE_NAME);
const channels = {
  topicArn: String(process.env.ALERT_TOPIC_ARN ?? 'arn:aws:sns:us-east-1:000000000000:tenderflow-alerts'),
  now: () => new Date().toISOString(),
};

async function importDoc(token: string, body: string): Promise<string> {
  const res = await call('POST', '/tenders/import', { token, body });
  expect(res.status).toBe(202);
  const tenderId = String(res.json.tenderId);
  expect((await waitForTender(token, tenderId)).status).toBe('ready');
  return tenderId;
}
const deadlinesOf = async (token: string, tenderId: string) =>
  (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[];
const alertsOf = async (token: string, tenderId: string) =>
  (await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as Alert[];

/** The real UK notice (2014; its deadlines passed years ago) with its dates moved to `submission`: same shape, a live tender. */
function liveUkNotice(ocid: string, submission: Date): string {
  const doc = structuredClone(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json')) as {
    ocid: string;
    id: string;
    tender: { tenderPeriod: { endDate: string }; milestones: { dueDate: string }[] };
  };
  doc.ocid = ocid;
  doc.id = `${ocid}-1`;
  doc.tender.tenderPeriod.endDate = submission.toISOString();
  for (const m of doc.tender.milestones)
    m.dueDate = new Date(submission.getTime() + 30 * 86_400_000).toISOString();
  return JSON.stringify(doc);
}

describe('deadlines already past at import', () => {
  it('an old tender imports with its deadlines passed: no reminders, and a sweep sends no alert; a live tender whose deadline then passes is still escalated', async () => {
    const token = await tokenFor('ms-old', ['bid-manager']);
    const old = await importDoc(
      token,
      readExampleText('uk-contracts-finder-2c40364c-tender-release-1.1.json'),
    );
    const submission = new Date(Date.now() + 3_600_000);
    const live = await importDoc(token, liveUkNotice('ocds-b5fd17-ms-live', submission));

    const oldDeadlines = await deadlinesOf(token, old);
    expect(oldDeadlines.map((d) => [d.source.ref, d.status])).toEqual(
      expect.arrayContaining([
        ['periods.tender.end', 'passed'],
        ['milestones[1]', 'passed'],
        ['milestones[2]', 'passed'],
      ]),
    );
    expect(oldDeadlines.filter((d) => d.status === 'missed')).toEqual([]);
    expect(await remindersOf(table(), 'ms-old', old)).toEqual([]);
    expect((await deadlinesOf(token, live)).find((d) => d.source.ref === 'periods.tender.end')?.status).toBe(
      'open',
    );

    // half an hour after the live tender's submission deadline
    await sweep(table(), new Date(submission.getTime() + 1_800_000).toISOString(), channels);

    expect(await alertsOf(token, old)).toEqual([]);
    expect((await deadlinesOf(token, old)).filter((d) => d.status === 'missed')).toEqual([]);
    const liveAlerts = await alertsOf(token, live);
    // the title says the time past the deadline as of the sweep (half an hour)
    expect(liveAlerts.filter((a) => a.kind === 'missed').map((a) => a.title)).toContain(
      '[critical] MISSED: Submit the bid — overdue by 30 minutes',
    );
    expect((await deadlinesOf(token, live)).find((d) => d.source.ref === 'periods.tender.end')?.status).toBe(
      'missed',
    );
  });
});

describe('milestones and EU selection criteria through the API', () => {
  it('Nigeria: the tender and the contract implementation milestones are deadlines; the contract id is in the source ref', async () => {
    const token = await tokenFor('ms-ng', ['bid-manager']);
    const tenderId = await importDoc(
      token,
      readExampleText('nigeria-borbda-mkksbm-contract-release-1.1.json'),
    );
    const milestones = (await deadlinesOf(token, tenderId)).filter((d) =>
      d.source.ref.includes('milestones['),
    );
    expect(milestones.map((d) => [d.kind, d.source.ref, d.status]).sort()).toEqual([
      [
        'milestone',
        'contracts[ocds-gyl66f-borbda-mkksbm].implementation.milestones[ocds-gyl66f-borbda-mkksbm]',
        'passed',
      ],
      ['milestone', 'milestones[ocds-gyl66f-borbda-mkksbm]', 'passed'],
    ]);
    const tender = await call('GET', `/tenders/${tenderId}`, { token });
    expect((tender.json.milestones as unknown[]).length).toBe(2);
  });

  it('the real eForms notice: its lot selection criteria are checklist items of that lot', async () => {
    const token = await tokenFor('ms-eu', ['bid-manager']);
    const tenderId = await importDoc(
      token,
      readExampleText('ContractNotice_cn-standard_2024-107345_release_0.json'),
    );
    const res = await call('GET', `/tenders/${tenderId}/checklist?lot=LOT-0000&limit=200`, { token });
    const selection = (res.json.items as Item[]).filter((i) =>
      i.criterionId.startsWith('lots[LOT-0000].selectionCriteria'),
    );
    expect(selection).toHaveLength(5);
    expect(selection.every((i) => i.lotIds.includes('LOT-0000'))).toBe(true);
    expect(selection.map((i) => i.title.no)).toContain('Registrert i handelsregister eller foretaksregister');
  });
});
