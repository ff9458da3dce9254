import { describe, expect, it } from 'vitest';
import type { Alert } from '../../functions/domain/reminders/types.ts';
import { deliver } from '../../functions/flows/notify.ts';
import { listAlerts, putAlertOnce } from '../../functions/store/alerts.ts';
import { putSetting } from '../../functions/store/settings.ts';

const table = () => String(process.env.TABLE_NAME);
const alert = (id: string): Alert => ({
  alertId: id,
  deadlineId: 'd1',
  tenderId: 't1',
  kind: 'reminder',
  title: '[critical] Submit the bid due in 1 day',
  text: 'Submit the bid due 2027-01-15 23:59 Europe/Moscow (20:59 UTC) — in 1 day',
  dueAt: '2027-01-15T20:59:00.000Z',
  timeZone: 'Europe/Moscow',
  risk: 'critical',
  recipients: { roles: ['bid-manager'], owners: [] },
  reminderIds: ['r1'],
});

/** The webhook endpoint is a recording function passed as the channel's fetch (no outside network here). */
function recordingFetch(failures: number) {
  const calls: { url: string; body: Record<string, unknown> }[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    return new Response(null, { status: calls.length <= failures ? 503 : 200 });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('the webhook channel', () => {
  it('posts JSON that Slack and Teams accept, retrying with backoff until it goes through', async () => {
    const org = 'hook-ok';
    await putSetting(
      table(),
      org,
      'webhook',
      { url: 'https://hooks.example.test/T000/B000' },
      0,
      'admin',
      new Date().toISOString(),
    );
    const a = alert('hook-1');
    await putAlertOnce(table(), org, a, new Date().toISOString());
    const { calls, fetchImpl } = recordingFetch(2);
    const ok = await deliver(table(), org, a, {
      topicArn: String(process.env.ALERT_TOPIC_ARN),
      now: () => new Date().toISOString(),
      fetch: fetchImpl,
    });
    expect(ok).toBe(true);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.body).toMatchObject({
      text: expect.stringContaining('Submit the bid'),
      '@type': 'MessageCard',
      summary: expect.any(String),
    });
    const [stored] = (await listAlerts(table(), org, { limit: 10 })).items;
    expect(stored?.deliveries).toMatchObject({ sns: { status: 'sent' }, webhook: { status: 'sent' } });
  });

  it('a webhook that keeps failing is recorded as failed, visible in the outbox', async () => {
    const org = 'hook-bad';
    await putSetting(
      table(),
      org,
      'webhook',
      { url: 'https://hooks.example.test/broken' },
      0,
      'admin',
      new Date().toISOString(),
    );
    const a = alert('hook-2');
    await putAlertOnce(table(), org, a, new Date().toISOString());
    const { calls, fetchImpl } = recordingFetch(99);
    const ok = await deliver(table(), org, a, {
      topicArn: String(process.env.ALERT_TOPIC_ARN),
      now: () => new Date().toISOString(),
      fetch: fetchImpl,
    });
    expect(ok).toBe(false);
    expect(calls).toHaveLength(3);
    const [stored] = (await listAlerts(table(), org, { limit: 10 })).items;
    expect(stored?.deliveries.webhook).toMatchObject({ status: 'failed', error: 'HTTP 503' });
  });
});
