import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { describe, expect, it, vi } from 'vitest';
import { sweep } from '../../functions/flows/sweep.ts';
import { dynamo } from '../../functions/lib/clients/dynamodb.ts';
import { sns } from '../../functions/lib/clients/sns.ts';
import { claim, remindersOf } from '../../functions/store/reminders.ts';
import { keys } from '../../functions/store/table-definition.ts';
import { call, stack, tokenFor, waitForTender } from '../support/api.ts';

type Deadline = {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  risk: string;
  sequence: number;
  source: { legalBasis?: string };
  warnings?: string[];
};
type Alert = {
  alertId: string;
  kind: string;
  title: string;
  text: string;
  deliveries: Record<string, { status: string }>;
};

const table = () => String(process.env.TABLE_NAME);
const channels = {
  topicArn: String(process.env.ALERT_TOPIC_ARN ?? 'arn:aws:sns:us-east-1:000000000000:tenderflow-alerts'),
  now: () => new Date().toISOString(),
};

/** A Russian 44-FZ tender (Moscow buyer): submission in 2026, contract signing computed from events. */
const russianTender = (ocid: string) =>
  JSON.stringify({
    ocid,
    buyer: { id: 'b', name: 'Заказчик' },
    parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
    tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-12-20T10:00:00+03:00' } },
  });

async function importRussian(org: string, ocid: string) {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await call('POST', '/tenders/import?timeZone=Europe/Moscow', {
    token,
    body: russianTender(ocid),
  });
  const tenderId = String(res.json.tenderId);
  await waitForTender(token, tenderId);
  return { token, tenderId };
}

const deadlinesOf = async (token: string, tenderId: string) =>
  (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[];
const alertsOf = async (token: string, tenderId: string) =>
  (await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as Alert[];

describe('deadlines from intake and procurement events', () => {
  it('44-FZ: the signing deadline counts 5 Russian working days across the New Year holidays and follows the events', async () => {
    const { token, tenderId } = await importRussian('dl-ru', 'ocds-dl-ru');
    expect((await deadlinesOf(token, tenderId)).map((d) => d.kind)).toContain('submission');

    const received = await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2026-12-29T15:00:00+03:00' }),
    });
    expect(received.status).toBe(201);
    const signing = (await deadlinesOf(token, tenderId)).find((d) => d.kind === 'contract-signing');
    // 30 Dec; 31 Dec off (2026 transfer decree); 1–8 Jan holidays; 9–10 Jan weekend; 11–14 Jan → end of 14 Jan in Moscow
    expect(signing).toMatchObject({
      dueAt: '2027-01-14T20:59:59.999Z',
      risk: 'critical',
      status: 'open',
      sequence: 0,
    });
    expect(signing?.source.legalBasis).toContain('44-FZ');

    const moved = await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2027-01-11T10:00:00+03:00' }),
    });
    expect(moved.json.moved).toBeGreaterThan(0);
    const after = (await deadlinesOf(token, tenderId)).find((d) => d.kind === 'contract-signing');
    expect(after).toMatchObject({ id: signing?.id, dueAt: '2027-01-18T20:59:59.999Z', sequence: 1 });
    const movedAlerts = (await alertsOf(token, tenderId)).filter((a) => a.kind === 'moved');
    expect(movedAlerts.length).toBeGreaterThan(0);
    // in the outbox, due for the sweep: the API request itself delivers nothing
    expect(movedAlerts[0]?.deliveries.sns?.status).not.toBe('failed');

    await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'contract-signed', at: '2027-01-15T12:00:00+03:00' }),
    });
    expect((await deadlinesOf(token, tenderId)).find((d) => d.kind === 'contract-signing')?.status).toBe(
      'met',
    );

    const bad = await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'signed', at: 'yesterday' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.map((e) => e.path).sort()).toEqual(['at', 'type']);
  });

  it('the calendar feed parses with an independent parser: stable UIDs, SEQUENCE, alarms', async () => {
    const { token, tenderId } = await importRussian('dl-ics', 'ocds-dl-ics');
    const res = await fetch(`${stack().apiUrl}/tenders/${tenderId}/calendar.ics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const comp = new ICAL.Component(ICAL.parse(await res.text()));
    const events = comp.getAllSubcomponents('vevent');
    const deadlines = await deadlinesOf(token, tenderId);
    expect(events.length).toBe(deadlines.length);
    const submission = deadlines.find((d) => d.kind === 'submission');
    const ev = events.find((e) =>
      String(e.getFirstPropertyValue('uid')).startsWith(String(submission?.id.split('.')[1])),
    );
    if (!ev) throw new Error('no VEVENT for the submission deadline');
    expect(ev.getFirstPropertyValue('sequence')).toBe(0);
    expect((ev.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(
      '2026-12-20T07:00:00.000Z',
    );
    expect(ev.getAllSubcomponents('valarm').length).toBeGreaterThan(0);
  });
});

describe('the alert sweep', () => {
  it('sends each due reminder exactly once, also with two sweeps at once, and folds stale ones into one alert', async () => {
    const { token, tenderId } = await importRussian('dl-sweep', 'ocds-dl-sweep');
    // 2026-12-19T08:00Z: the 14 d, 7 d, 3 d and 1 d reminders of the submission (2026-12-20T07:00Z) are all due
    const at = '2026-12-19T08:00:00.000Z';
    await sweep(table(), '2026-12-01T00:00:00.000Z', channels); // the last sweep before a long downtime
    const [a, b] = await Promise.all([sweep(table(), at, channels), sweep(table(), at, channels)]);
    const submission = (await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'));
    expect(submission).toHaveLength(1);
    expect(submission[0]?.text).toContain('earlier reminders superseded by this one');
    expect(a.claimed + b.claimed).toBeGreaterThanOrEqual(4);
    const again = await sweep(table(), at, channels);
    expect(again.claimed).toBe(0);
    expect((await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'))).toHaveLength(1);
  });

  it('a delivery that fails once (SNS throttled: injected by a stub on the client) is kept, visible, and retried once', async () => {
    const { token, tenderId } = await importRussian('dl-fail', 'ocds-dl-fail');
    const spy = vi.spyOn(sns(), 'send').mockImplementation(async (cmd) => {
      if (cmd instanceof PublishCommand)
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return {};
    });
    try {
      await sweep(table(), '2026-12-19T09:00:00.000Z', channels);
    } finally {
      spy.mockRestore();
    }
    const failed = (await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'));
    expect(failed).toHaveLength(1);
    expect(failed[0]?.deliveries.sns?.status).toBe('failed');

    const retried = await sweep(table(), '2026-12-19T09:06:00.000Z', channels); // the first retry is due after 5 minutes
    expect(retried.sent).toBeGreaterThanOrEqual(1);
    const after = (await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'));
    expect(after).toHaveLength(1);
    expect(after[0]?.deliveries.sns?.status).toBe('sent');
    expect((await sweep(table(), '2026-12-19T09:30:00.000Z', channels)).sent).toBe(0);
  });

  it('a sweep that crashed between claim and send loses nothing: the claim is taken over after its lease', async () => {
    const { token, tenderId } = await importRussian('dl-crash', 'ocds-dl-crash');
    const at = '2026-12-19T07:30:00.000Z';
    const due = (await remindersOf(table(), 'dl-crash', tenderId)).filter((r) => r.sendAt <= at);
    expect(due.length).toBeGreaterThan(0);
    // the crashed sweep: it claimed everything, then died before sending
    for (const row of due) expect(await claim(table(), row, 'crashed-sweep', at, 300_000)).toBe(true);
    await sweep(table(), '2026-12-19T07:31:00.000Z', channels); // still within the lease: nothing of ours is sent
    expect((await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'))).toHaveLength(0);
    await sweep(table(), '2026-12-19T07:40:00.000Z', channels);
    expect((await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'))).toHaveLength(1);
  });

  it('a sweep that fails after locking (the outbox write rejected: injected by a stub on the DynamoDB client) releases its deadline locks', async () => {
    const { tenderId } = await importRussian('dl-lock', 'ocds-dl-lock');
    const at = '2026-12-19T08:00:00.000Z';
    const due = (await remindersOf(table(), 'dl-lock', tenderId)).filter((r) => r.sendAt <= at);
    const deadlineIds = [...new Set(due.map((r) => r.deadlineId))];
    expect(deadlineIds.length).toBeGreaterThan(0);
    const client = dynamo();
    const send = client.send.bind(client);
    const spy = vi.spyOn(client, 'send').mockImplementation(async (cmd: Parameters<typeof send>[0]) => {
      if (cmd instanceof PutCommand && cmd.input.Item?.entity === 'alert')
        throw Object.assign(new Error('Internal server error'), { name: 'InternalServerError' });
      return send(cmd);
    });
    try {
      await expect(sweep(table(), at, channels)).rejects.toThrow('Internal server error');
    } finally {
      spy.mockRestore();
    }
    for (const deadlineId of deadlineIds) {
      const row = await dynamo().send(
        new GetCommand({ TableName: table(), Key: keys.deadline('dl-lock', tenderId, deadlineId) }),
      );
      expect(row.Item?.deadlineId).toBe(deadlineId);
      expect(row.Item?.sweepLock).toBeUndefined();
    }
  });

  it('marks a passed deadline missed and escalates to the bid manager', async () => {
    const { token, tenderId } = await importRussian('dl-miss', 'ocds-dl-miss');
    await sweep(table(), '2026-12-21T08:00:00.000Z', channels);
    expect((await deadlinesOf(token, tenderId)).find((d) => d.kind === 'submission')?.status).toBe('missed');
    const missed = (await alertsOf(token, tenderId)).filter((x) => x.kind === 'missed');
    expect(missed.length).toBeGreaterThan(0);
  });

  it('POST /deadlines/{id}/met withdraws its pending reminders: the sweep sends nothing for it', async () => {
    const { token, tenderId } = await importRussian('dl-met', 'ocds-dl-met');
    const submission = (await deadlinesOf(token, tenderId)).find((d) => d.kind === 'submission');
    const met = await call('POST', `/deadlines/${submission?.id}/met`, { token });
    expect(met.json.status).toBe('met');
    await sweep(table(), '2026-12-19T10:00:00.000Z', channels);
    expect((await alertsOf(token, tenderId)).filter((x) => x.title.includes('Submit'))).toHaveLength(0);
    const org = await call('GET', '/deadlines?risk=critical', { token });
    expect((org.json.items as Deadline[]).some((d) => d.id === submission?.id)).toBe(true);
  });
});

describe('checklist due dates are deadlines', () => {
  it('assigning a due date to an item creates its deadline; approving the item meets it', async () => {
    const token = await tokenFor('dl-item', ['bid-manager']);
    const body = JSON.stringify({
      ocid: 'ocds-dl-item',
      buyer: { id: 'b', name: 'B' },
      parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Norway' } }],
      tender: {
        tenderPeriod: { endDate: '2030-01-15T12:00:00+01:00' },
        criteria: [
          {
            id: 'C',
            requirementGroups: [
              { id: 'G', requirements: [{ id: 'R', title: 'Insurance', dataType: 'boolean' }] },
            ],
          },
        ],
      },
    });
    const res = await call('POST', '/tenders/import', { token, body });
    const tenderId = String(res.json.tenderId);
    await waitForTender(token, tenderId);
    const [item] = (await call('GET', `/tenders/${tenderId}/checklist`, { token })).json.items as {
      itemId: string;
      version: number;
    }[];
    if (!item) throw new Error('no item');
    const assigned = await call('PATCH', `/tenders/${tenderId}/checklist/${item.itemId}`, {
      token,
      body: JSON.stringify({ owner: 'carol', dueAt: '2030-01-10T16:00:00+01:00' }),
      headers: { 'if-match': `"${item.version}"` },
    });
    expect(assigned.status).toBe(200);
    const itemDeadline = (await deadlinesOf(token, tenderId)).find((d) => d.kind === 'checklist-item');
    expect(itemDeadline).toMatchObject({ dueAt: '2030-01-10T15:00:00.000Z', status: 'open' });
  });
});

describe("the buyer's zone and the working calendar, end to end", () => {
  it('places a buyer written in Russian by its region, and counts with the official calendar the admin adds', async () => {
    const org = 'dl-cal';
    const admin = await tokenFor(org, ['admin', 'bid-manager']);
    const imported = await call('POST', '/tenders/import', {
      token: admin,
      body: JSON.stringify({
        ocid: 'ocds-dl-cal',
        buyer: {
          id: 'b',
          name: 'Заказчик',
          address: { countryName: 'Российская Федерация', region: 'г. Москва' },
        },
        tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-12-21' } },
      }),
    });
    const tenderId = String(imported.json.tenderId);
    await waitForTender(admin, tenderId);
    const tender = (await call('GET', `/tenders/${tenderId}`, { token: admin })).json;
    expect(tender).toMatchObject({ timeZone: 'Europe/Moscow', timeZoneSource: 'buyer-region' });
    // a date-only deadline ends at midnight Moscow time, not midnight UTC
    const submission = (await deadlinesOf(admin, tenderId)).find((d) => d.kind === 'submission');
    expect(submission).toMatchObject({ dueAt: '2026-12-21T20:59:59.999Z' });
    expect(submission?.warnings).toBeUndefined();

    const bad = await call('PUT', '/settings/working-calendar', {
      token: admin,
      body: JSON.stringify({
        calendars: [{ country: 'RU', year: 2027, daysOff: ['2027-13-01'], workingDays: [], source: 'x' }],
      }),
      headers: { 'if-match': '"0"' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      { path: 'calendars.0.daysOff.0', message: 'expected a date YYYY-MM-DD' },
    ]);

    const official = {
      country: 'RU',
      year: 2027,
      daysOff: [
        '2027-01-01',
        '2027-01-04',
        '2027-01-05',
        '2027-01-06',
        '2027-01-07',
        '2027-01-08',
        '2027-01-11',
        '2027-02-23',
        '2027-03-08',
        '2027-05-03',
        '2027-05-10',
        '2027-06-14',
        '2027-11-04',
      ],
      workingDays: [],
      source: 'official production calendar 2027 (test copy)',
    };
    const put = await call('PUT', '/settings/working-calendar', {
      token: admin,
      body: JSON.stringify({ calendars: [official] }),
      headers: { 'if-match': '"0"' },
    });
    expect(put.status).toBe(200);

    await call('POST', `/tenders/${tenderId}/events`, {
      token: admin,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2026-12-29T15:00:00+03:00' }),
    });
    // 30 Dec; 31 Dec off; the organisation's 2027 calendar also makes 11 Jan a day off → 12, 13, 14, 15 Jan
    const signing = (await deadlinesOf(admin, tenderId)).find((d) => d.kind === 'contract-signing');
    expect(signing).toMatchObject({ dueAt: '2027-01-15T20:59:59.999Z' });
    // no calendar warning (a rule's own "not verified" warning is not the calendar's)
    expect((signing?.warnings ?? []).filter((w) => w.startsWith('counted through'))).toEqual([]);
  });
});
