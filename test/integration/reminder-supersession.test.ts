import { PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { describe, expect, it, vi } from 'vitest';
import { sweep } from '../../functions/flows/sweep.ts';
import { sns } from '../../functions/lib/clients/sns.ts';
import { claim, remindersOf } from '../../functions/store/reminders.ts';
import { call, tokenFor, waitForTender } from '../support/api.ts';

type Alert = {
  alertId: string;
  kind: string;
  title: string;
  text: string;
  deliveries: Record<string, { status: string }>;
  supersededBy?: string;
};

const table = () => String(process.env.TABLE_NAME);
const channels = {
  topicArn: String(process.env.ALERT_TOPIC_ARN ?? 'arn:aws:sns:us-east-1:000000000000:tenderflow-alerts'),
  now: () => new Date().toISOString(),
};

/** A Russian tender whose bid is due 2026-12-20T07:00Z: reminders 14 d (caught up at intake), 7 d, 3 d, 1 d, 4 h and at due. */
async function importTender(org: string) {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await call('POST', '/tenders/import?timeZone=Europe/Moscow', {
    token,
    body: JSON.stringify({
      ocid: `ocds-${org}`,
      buyer: { id: 'b', name: 'Заказчик' },
      parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
      tender: { title: 'Поставка', tenderPeriod: { endDate: '2026-12-20T10:00:00+03:00' } },
    }),
  });
  const tenderId = String(res.json.tenderId);
  await waitForTender(token, tenderId);
  return { token, tenderId };
}

const submissionAlerts = async (token: string, tenderId: string) =>
  ((await call('GET', `/alerts?tender=${tenderId}&limit=200`, { token })).json.items as Alert[]).filter((a) =>
    a.title.includes('Submit the bid'),
  );

/** Run `work` recording what this organisation's alerts publish to SNS (and publishing it, or failing when `fail`). */
async function publishedBy<T>(org: string, work: () => Promise<T>, fail = false) {
  const published: PublishCommandInput[] = [];
  const client = sns();
  const send = client.send.bind(client);
  const spy = vi.spyOn(client, 'send').mockImplementation(async (cmd: Parameters<typeof send>[0]) => {
    if (cmd instanceof PublishCommand && cmd.input.MessageAttributes?.org?.StringValue === org) {
      if (fail) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      published.push(cmd.input);
    }
    return send(cmd);
  });
  try {
    return { result: await work(), published };
  } finally {
    spy.mockRestore();
  }
}

const offsetOf = (reminderId: string) => reminderId.split('#').at(-1);

describe('reminders say the time left and a later one supersedes an earlier one', () => {
  it('a sweep after a gap delivers only the latest reminder, with the time left as of sending', async () => {
    const org = 'rs-gap';
    const { token, tenderId } = await importTender(org);
    await sweep(table(), '2026-12-01T00:00:00.000Z', channels); // the last sweep before the gap
    // 08:00 on 19 Dec: the 14-day, 7-day, 3-day and 1-day reminders are all due; the bid is due in 23 hours
    const { published } = await publishedBy(org, () => sweep(table(), '2026-12-19T08:00:00.000Z', channels));

    const submission = published.filter((p) => p.Subject?.includes('Submit the bid'));
    expect(submission.map((p) => p.Subject)).toEqual(['[critical] Submit the bid due in 23 hours']);
    expect(submission[0]?.Message).toContain(
      '— due in 23 hours [3 earlier reminders superseded by this one]',
    );
    const alerts = await submissionAlerts(token, tenderId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.deliveries.sns?.status).toBe('sent');

    const reminders = (await remindersOf(table(), org, tenderId)).filter(
      (r) => r.sendAt <= '2026-12-19T08:00Z',
    );
    // the submission deadline's own reminders (44-FZ rules add other deadlines at the same instant)
    const submissionId = alerts[0]?.alertId.split('#')[0];
    const oneDay = reminders.find((r) => r.deadlineId === submissionId && offsetOf(r.reminderId) === 'P1D');
    expect(oneDay).toMatchObject({ state: 'sent', alertId: alerts[0]?.alertId });
    const earlier = reminders.filter((r) => r !== oneDay && r.deadlineId === oneDay?.deadlineId);
    expect(earlier.map((r) => offsetOf(r.reminderId)).sort()).toEqual(['P14D', 'P3D', 'P7D']);
    for (const r of earlier)
      expect(r).toMatchObject({ state: 'superseded', supersededBy: oneDay?.reminderId });
  });

  it('an older alert waiting for its retry is superseded by the later one that went out, never delivered after it', async () => {
    const org = 'rs-retry';
    const { token, tenderId } = await importTender(org);
    await sweep(table(), '2026-12-01T00:00:00.000Z', channels);
    // 13 Dec: "due in 7 days" is made, but SNS refuses it: it waits for a retry
    await publishedBy(org, () => sweep(table(), '2026-12-13T08:00:00.000Z', channels), true);
    const [waiting] = await submissionAlerts(token, tenderId);
    expect(waiting?.title).toBe('[critical] Submit the bid due in 7 days');
    expect(waiting?.deliveries.sns?.status).toBe('failed');

    // the next sweep is days later: the retry is due, and so are the 3-day and 1-day reminders
    const { result, published } = await publishedBy(org, () =>
      sweep(table(), '2026-12-19T08:00:00.000Z', channels),
    );
    expect(published.filter((p) => p.Subject?.includes('Submit the bid')).map((p) => p.Subject)).toEqual([
      '[critical] Submit the bid due in 23 hours',
    ]);
    expect(result.superseded).toBeGreaterThanOrEqual(1);
    const alerts = await submissionAlerts(token, tenderId);
    const latest = alerts.find((a) => a.alertId !== waiting?.alertId);
    expect(alerts.find((a) => a.alertId === waiting?.alertId)?.supersededBy).toBe(latest?.alertId);

    // and it stays out of the due index: a later sweep sends nothing more for this deadline
    const later = await publishedBy(org, () => sweep(table(), '2026-12-19T09:00:00.000Z', channels));
    expect(later.published.filter((p) => p.Subject?.includes('Submit the bid'))).toEqual([]);
  });

  it('a reminder claimed by a crashed sweep and taken over after a later one was sent is superseded, not sent', async () => {
    const org = 'rs-crash';
    // reminders an hour apart, so that the crashed claim is still in the buckets the next sweeps read
    const admin = await tokenFor(org, ['admin']);
    const risk = { repeatWhileMissed: null, recipients: { roles: ['bid-manager'], owners: true } };
    const plan = { offsets: ['PT2H', 'PT1H', 'PT0S'], ...risk };
    const put = await call('PUT', '/settings/reminder-plan', {
      token: admin,
      body: JSON.stringify({ info: plan, normal: plan, high: plan, critical: plan }),
      headers: { 'if-match': '"0"' },
    });
    expect(put.status).toBe(200);
    const { token, tenderId } = await importTender(org);
    await sweep(table(), '2026-12-01T00:00:00.000Z', channels);
    const rows = await remindersOf(table(), org, tenderId);
    const twoHours = rows.find(
      (r) => offsetOf(r.reminderId) === 'PT2H' && r.sendAt.startsWith('2026-12-20T05'),
    );
    if (!twoHours) throw new Error('no 2-hour reminder');
    // a sweep claims the 2-hour reminder at 06:00, then dies before sending
    expect(await claim(table(), twoHours, 'crashed-sweep', '2026-12-20T06:00:00.000Z', 300_000)).toBe(true);
    // 06:01: the 1-hour reminder goes out (the 2-hour one is still held by the crashed sweep's lease)
    const first = await publishedBy(org, () => sweep(table(), '2026-12-20T06:01:00.000Z', channels));
    expect(
      first.published.filter((p) => p.Subject?.includes('Submit the bid')).map((p) => p.Subject),
    ).toEqual(['[critical] Submit the bid due in 59 minutes']);
    // 06:10: the lease is over, the claim is taken over — and the 1-hour reminder was already sent
    const second = await publishedBy(org, () => sweep(table(), '2026-12-20T06:10:00.000Z', channels));
    expect(second.published.filter((p) => p.Subject?.includes('Submit the bid'))).toEqual([]);
    expect(await submissionAlerts(token, tenderId)).toHaveLength(1);
    const after = (await remindersOf(table(), org, tenderId)).find(
      (r) => r.reminderId === twoHours.reminderId,
    );
    expect(after).toMatchObject({ state: 'superseded' });
    expect(offsetOf(String(after?.supersededBy))).toBe('PT1H');
  });
});
