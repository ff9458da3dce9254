import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { recomputeTender } from '../../functions/flows/calendar-recompute.ts';
import { dynamo } from '../../functions/lib/clients/dynamodb.ts';
import { listAudit } from '../../functions/store/audit.ts';
import { putSetting } from '../../functions/store/settings.ts';
import { call, eventually, tokenFor, waitForTender } from '../support/api.ts';

type Deadline = {
  id: string;
  kind: string;
  dueAt: string;
  status: string;
  sequence: number;
  warnings?: string[];
};
type Alert = { kind: string; text: string; deadlineId: string };

const table = () => String(process.env.TABLE_NAME);

/** RU 2027 as a production calendar would have it: every art. 112 holiday, 247 working days. */
const ru2027 = {
  country: 'RU',
  year: 2027,
  daysOff: [
    '2027-01-01',
    '2027-01-04',
    '2027-01-05',
    '2027-01-06',
    '2027-01-07',
    '2027-01-08',
    '2027-02-22',
    '2027-02-23',
    '2027-03-08',
    '2027-05-03',
    '2027-05-10',
    '2027-06-14',
    '2027-11-04',
    '2027-12-31',
  ],
  workingDays: [],
  source: 'official production calendar 2027 (test copy)',
};

/** The calendar: Saturday 2 January typed into daysOff, and no 1 January. */
const implausible = {
  ...ru2027,
  daysOff: ['2027-01-02', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
};

const put = (token: string, body: unknown, version: number) =>
  call('PUT', '/settings/working-calendar', {
    token,
    body: JSON.stringify(body),
    headers: { 'if-match': `"${version}"` },
  });

async function russianTender(org: string, ocid: string) {
  const token = await tokenFor(org, ['admin', 'bid-manager']);
  const res = await call('POST', '/tenders/import?timeZone=Europe/Moscow', {
    token,
    body: JSON.stringify({
      ocid,
      buyer: { id: 'b', name: 'Заказчик' },
      parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
      tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-12-20T10:00:00+03:00' } },
    }),
  });
  const tenderId = String(res.json.tenderId);
  await waitForTender(token, tenderId);
  return { token, tenderId };
}

const signingOf = async (token: string, tenderId: string) =>
  ((await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[]).find(
    (d) => d.kind === 'contract-signing',
  );

describe('PUT /settings/working-calendar refuses an implausible calendar', () => {
  it('answers 400 naming the Saturday, the missing holidays and the count; with confirmation 200, audited', async () => {
    const admin = await tokenFor('wc-plausible', ['admin']);
    const refused = await put(admin, { calendars: [implausible] }, 0);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const errors = refused.json.errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      'calendars.0.daysOff.0',
      'calendars.0.daysOff',
      'calendars.0.daysOff',
      'calendars.0.daysOff',
      'calendars.0.daysOff',
      'calendars.0',
    ]);
    expect(errors[0]?.message).toMatch(/^2027-01-02 is a Saturday, already not a working day/);
    expect(errors.slice(1, 5).map((e) => e.message.slice(0, 10))).toEqual([
      '2027-01-01',
      '2027-02-23',
      '2027-03-08',
      '2027-11-04',
    ]);
    expect(errors[5]?.message).toContain('256 working days; a normal year has 245–250');
    // nothing written
    expect((await call('GET', '/settings/working-calendar', { token: admin })).status).toBe(404);

    const bad = await put(admin, { calendars: [implausible], confirmImplausible: 'yes' }, 0);
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ path: 'confirmImplausible', message: 'expected true or false' }]);

    const kept = await put(admin, { calendars: [implausible], confirmImplausible: true }, 0);
    expect(kept.status).toBe(200);
    expect(kept.json.value).toEqual({ calendars: [implausible] }); // the flag is not part of the setting
    const [entry] = (await listAudit(table(), 'wc-plausible', { setting: 'working-calendar' }, 5)).items;
    expect(entry?.after.confirmedImplausible).toHaveLength(6);

    // unchanged, it is not judged again; a plausible one needs no confirmation
    expect((await put(admin, { calendars: [implausible] }, 1)).status).toBe(200);
    expect((await put(admin, { calendars: [ru2027] }, 2)).status).toBe(200);
  });
});

describe('a calendar change recomputes the open deadlines counted through that year (calendar-recompute)', () => {
  it('moves the contract-signing deadline counted across New Year, bumps its SEQUENCE and alerts the move, once', async () => {
    const org = 'wc-recompute';
    const { token, tenderId } = await russianTender(org, 'ocds-wc-recompute');
    await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2026-12-29T15:00:00+03:00' }),
    });
    // built-in calendar: 30 Dec; 31 Dec off; 1–8 Jan; 9–10 weekend; 11–14 Jan → end of 14 Jan, 2027 unconfirmed
    const before = await signingOf(token, tenderId);
    expect(before).toMatchObject({ dueAt: '2027-01-14T20:59:59.999Z', sequence: 0, status: 'open' });
    expect(before?.warnings?.join(' ')).toContain('2027');

    // the official 2027 calendar also makes Monday 11 January a day off
    const official = { ...ru2027, daysOff: [...ru2027.daysOff, '2027-01-11'].sort() };
    expect((await put(token, { calendars: [official] }, 0)).status).toBe(200);

    const after = await eventually('the recompute to move the signing deadline', async () => {
      const d = await signingOf(token, tenderId);
      return d?.dueAt === '2027-01-15T20:59:59.999Z' ? d : undefined;
    });
    expect(after).toMatchObject({ id: before?.id, sequence: 1, status: 'open' });
    // 2027 is confirmed now: no calendar warning (the rule's own "not verified" warning stays)
    expect((after.warnings ?? []).filter((w) => w.startsWith('counted through'))).toEqual([]);
    const moved = (
      (await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as Alert[]
    ).filter((a) => a.kind === 'moved');
    // the signing and the performance security (both 5 working days after the draft), one alert each
    expect(moved).toHaveLength(2);
    const signing = moved.filter((a) => after.id.endsWith(`.${a.deadlineId}`));
    expect(signing).toHaveLength(1);
    expect(signing[0]?.text).toContain('deadline moved from 2027-01-14 end of day Europe/Moscow');
    expect(signing[0]?.text).toContain('to 2027-01-15 end of day Europe/Moscow');

    // the source alone changes no day: no recompute, nothing moves again
    expect((await put(token, { calendars: [{ ...official, source: 'decree' }] }, 1)).status).toBe(200);
    const calendar = await call('GET', `/tenders/${tenderId}/calendar.ics`, { token });
    expect(calendar.text).toContain('SEQUENCE:1');
    expect((await signingOf(token, tenderId))?.sequence).toBe(1);
    const alerts = (await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json
      .items as Alert[];
    expect(alerts.filter((a) => a.kind === 'moved')).toHaveLength(2);
  });
});

describe('the recompute is idempotent and crash-safe', () => {
  it('a run that dies after the first move is finished by the next run: each move written and alerted once', async () => {
    const org = 'wc-crash';
    const { token, tenderId } = await russianTender(org, 'ocds-wc-crash');
    await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2026-12-29T15:00:00+03:00' }),
    });
    // the setting written directly (no workflow started), then the task's code run by hand
    const official = { ...ru2027, daysOff: [...ru2027.daysOff, '2027-01-11'].sort() };
    await putSetting(
      table(),
      org,
      'working-calendar',
      { calendars: [official] },
      0,
      'admin',
      new Date().toISOString(),
    );
    const now = () => new Date().toISOString();

    const client = dynamo();
    const send = client.send.bind(client);
    let transactions = 0;
    const spy = vi.spyOn(client, 'send').mockImplementation(async (cmd: Parameters<typeof send>[0]) => {
      if (cmd instanceof TransactWriteCommand && ++transactions === 2)
        throw Object.assign(new Error('the function timed out'), { name: 'InternalServerError' });
      return send(cmd);
    });
    try {
      await expect(recomputeTender(table(), org, tenderId, now())).rejects.toThrow('timed out');
    } finally {
      spy.mockRestore();
    }
    const movedAlerts = async () =>
      ((await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as Alert[]).filter(
        (a) => a.kind === 'moved',
      );
    expect(await movedAlerts()).toHaveLength(1); // the first move landed whole, with its alert

    expect(await recomputeTender(table(), org, tenderId, now())).toEqual({ moved: 1 }); // the rest
    expect(await recomputeTender(table(), org, tenderId, now())).toEqual({ moved: 0 }); // nothing twice
    expect(await movedAlerts()).toHaveLength(2);
    const deadlines = (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json
      .items as Deadline[];
    for (const kind of ['contract-signing', 'performance-security'])
      expect(deadlines.find((d) => d.kind === kind)).toMatchObject({
        dueAt: '2027-01-15T20:59:59.999Z',
        sequence: 1,
      });
  });
});
