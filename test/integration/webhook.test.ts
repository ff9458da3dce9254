import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../functions/domain/reminders/types.ts';
import {
  type Channels,
  defaultWebhookPolicy,
  deliver,
  type WebhookPolicy,
} from '../../functions/flows/notify.ts';
import { sweep } from '../../functions/flows/sweep.ts';
import { sns } from '../../functions/lib/clients/sns.ts';
import { claimDelivery, dueAlertOf, listAlerts, putAlertOnce } from '../../functions/store/alerts.ts';
import { getSetting, putSetting } from '../../functions/store/settings.ts';
import { createTable } from '../../infra/local/dynamodb.ts';
import { call, tokenFor, waitForTender } from '../support/api.ts';

const table = () => String(process.env.TABLE_NAME);
const topicArn = () => String(process.env.ALERT_TOPIC_ARN);
const alert = (id: string, title = '[critical] Submit the bid due in 1 day'): Alert => ({
  alertId: id,
  deadlineId: 'd1',
  tenderId: 't1',
  kind: 'reminder',
  title,
  text: 'Submit the bid due 2027-01-15 23:59 Europe/Moscow (20:59 UTC) — in 1 day',
  dueAt: '2027-01-15T20:59:00.000Z',
  timeZone: 'Europe/Moscow',
  risk: 'critical',
  recipients: { roles: ['bid-manager'], owners: [] },
  reminderIds: ['r1'],
});

/** A local webhook endpoint that records what it receives; `hang` never answers. */
interface Hook {
  url: string;
  requests: { path: string; host: string; body: string }[];
  close(): Promise<void>;
}
async function startHook(
  answer: 'ok' | 'hang' | { status: number; location?: string; body?: string },
): Promise<Hook> {
  const requests: Hook['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        host: req.headers.host ?? '',
        body: Buffer.concat(chunks).toString(),
      });
      if (answer === 'hang') return;
      if (answer === 'ok') return void res.writeHead(200).end('ok');
      res
        .writeHead(answer.status, answer.location ? { location: answer.location } : {})
        .end(answer.body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** Test-only policy: admits the local hook servers (http on loopback), which the default policy refuses. */
const localPolicy: WebhookPolicy = {
  urlProblems: (url) => (new URL(url).hostname === '127.0.0.1' ? [] : ['not a local test hook']),
  allowAddress: (address) => address === '127.0.0.1',
  timeoutMs: 1_000,
};
const channels = (webhook?: WebhookPolicy): Channels => ({
  topicArn: topicArn(),
  now: () => new Date().toISOString(),
  webhook,
});

const setHook = (org: string, url: string, t = table()) =>
  putSetting(t, org, 'webhook', { url }, 0, 'admin', new Date().toISOString());

async function outboxAlert(org: string, id: string, t = table(), at = new Date().toISOString()) {
  const a = alert(id);
  await putAlertOnce(t, org, a, at);
  return dueAlertOf(org, a, at);
}

const hooks: Hook[] = [];
const hook = async (answer: Parameters<typeof startHook>[0]) => {
  const h = await startHook(answer);
  hooks.push(h);
  return h;
};
afterAll(async () => {
  for (const h of hooks) await h.close();
});

describe('PUT /settings/webhook: only Slack and Teams webhook hosts (or the organisation’s allowHosts)', () => {
  const put = async (org: string, body: unknown, etag = '"0"') =>
    call('PUT', '/settings/webhook', {
      token: await tokenFor(org, ['admin']),
      body: JSON.stringify(body),
      headers: { 'if-match': etag },
    });

  it('refuses loopback, metadata, private, unique-local and numeric hosts, http, other ports, credentials and URLs over 2,048 characters; nothing is written', async () => {
    const refused = [
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/hook',
      'https://0x7f000001/hook',
      'https://10.0.0.1/hook',
      'https://[fd00:ec2::254]/latest/meta-data/',
      'https://[::ffff:127.0.0.1]/hook',
      'http://hooks.slack.com/services/T/B/X',
      'https://hooks.slack.com:8443/services/T/B/X',
      'https://user:pass@hooks.slack.com/services/T/B/X',
      'https://evil.example.com/hook',
      'https://hooks.slack.com.evil.example.com/hook',
      'https://localhost/hook',
      `https://hooks.slack.com/services/${'a'.repeat(450_000)}`,
      'not a url',
    ];
    for (const url of refused) {
      const res = await put('hook-put-refused', { url });
      expect(res.status, url.slice(0, 60)).toBe(400);
      expect(
        res.json.errors?.map((e) => e.path),
        url.slice(0, 60),
      ).toContain('url');
    }
    expect(await getSetting(table(), 'hook-put-refused', 'webhook')).toBeUndefined();
  });

  it('accepts Slack and Teams (connector and Workflows) URLs, and another host only once an admin lists it', async () => {
    for (const [i, url] of [
      'https://hooks.slack.com/services/T000/B000/XXXX',
      'https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456',
      'https://prod-23.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x',
      'https://default0123.ab.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/x',
    ].entries()) {
      const res = await put(`hook-put-ok-${i}`, { url });
      expect(res.status, url).toBe(200);
    }
    const other = 'https://chat.example.org/hooks/abc';
    expect((await put('hook-put-extra', { url: other })).status).toBe(400);
    expect((await put('hook-put-extra', { url: other, allowHosts: ['chat.example.org'] })).status).toBe(200);
    const nested = 'https://a.hooks.example.org/x';
    expect((await put('hook-put-nested', { url: nested, allowHosts: ['*.hooks.example.org'] })).status).toBe(
      200,
    );
    const ipListed = await put('hook-put-ip', { url: 'https://10.0.0.1/x', allowHosts: ['10.0.0.1'] });
    expect(ipListed.status).toBe(400);
    expect(ipListed.json.errors?.map((e) => e.path)).toEqual(['allowHosts.0', 'url']);
  });

  it('refuses allowHosts wildcards over a public suffix or a whole registrable domain, naming the entry and why', async () => {
    const res = await put('hook-put-psl', {
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/hook',
      allowHosts: ['*.co.uk', '*.amazonaws.com', '*.com', '*.s3.amazonaws.com', '*.eu-west-1.amazonaws.com'],
    });
    expect(res.status).toBe(400);
    const errors = res.json.errors ?? [];
    expect(errors.map((e) => e.path)).toEqual([
      'allowHosts.0',
      'allowHosts.1',
      'allowHosts.2',
      'allowHosts.3',
      'url',
    ]);
    expect(errors[0]?.message).toMatch(
      /^\*\.co\.uk covers co\.uk, a public suffix of the Public Suffix List/,
    );
    expect(errors[1]?.message).toMatch(
      /^\*\.amazonaws\.com covers every host of the registrable domain amazonaws\.com/,
    );
    expect(errors[3]?.message).toMatch(/private section/);
    // *.eu-west-1.amazonaws.com is taken, but it does not reach a customer's API under execute-api.eu-west-1.amazonaws.com
    expect(errors[4]?.message).toMatch(/not a Slack or Microsoft Teams webhook host/);
  });

  it('settings are looked up by their own names: __proto__, constructor, hasOwnProperty, valueOf are 404 and store nothing', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'toString']) {
      const res = await call('PUT', `/settings/${name}`, {
        token: await tokenFor('hook-names', ['admin']),
        body: JSON.stringify({ anything: true }),
        headers: { 'if-match': '"0"' },
      });
      expect(res.status, name).toBe(404);
      // a name of a setting's shape reaches the lookup, which names the settings; any other shape is refused before it
      if (/^[a-z-]+$/.test(name))
        expect(String(res.json.detail), name).toContain('bid-policy, reminder-plan, webhook');
      else expect(String(res.json.detail), name).toContain('not a valid id');
      expect(await getSetting(table(), 'hook-names', name)).toBeUndefined();
    }
  });
});

describe('sending a webhook', () => {
  it('refuses at send time a stored URL that is not allowed (set before these rules): nothing is sent', async () => {
    const target = await hook('ok');
    await setHook('hook-legacy', target.url);
    const result = await deliver(
      table(),
      'hook-legacy',
      await outboxAlert('hook-legacy', 'legacy-1'),
      channels(),
    );
    expect(result.ok).toBe(false);
    expect(target.requests).toHaveLength(0);
    const [stored] = (await listAlerts(table(), 'hook-legacy', { limit: 10 })).items;
    expect(stored?.deliveries.webhook).toMatchObject({ status: 'failed', reason: 'not-allowed' });
  });

  it('refuses a Slack host name that resolves to a private, loopback or metadata address (DNS answers injected: no real resolver here gives them)', async () => {
    const target = await hook('ok');
    for (const [i, addresses] of [
      ['127.0.0.1'],
      ['169.254.169.254'],
      ['10.0.0.1'],
      ['::1'],
      ['fd00:ec2::254'],
      ['::ffff:127.0.0.1'],
      ['100.64.0.1'],
      ['::7f00:1'], // IPv4-compatible: judged by 127.0.0.1
      ['64:ff9b::a9fe:a9fe'], // NAT64 to the metadata address
      ['2002:7f00:1::'], // 6to4
      ['8.8.8.8', '127.0.0.1'], // one bad answer among good ones is enough
    ].entries()) {
      const org = `hook-dns-${i}`;
      await setHook(org, 'https://hooks.slack.com/services/T/B/X');
      const lookup = ((_host: string, _opts: unknown, cb: (e: null, a: LookupAddress[]) => void) =>
        cb(
          null,
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        )) as unknown as WebhookPolicy['lookup'];
      const result = await deliver(table(), org, await outboxAlert(org, `dns-${i}`), {
        ...channels({ ...defaultWebhookPolicy, lookup }),
      });
      expect(result.ok, addresses.join()).toBe(false);
      const [stored] = (await listAlerts(table(), org, { limit: 10 })).items;
      expect(stored?.deliveries.webhook, addresses.join()).toMatchObject({ reason: 'not-allowed' });
    }
    expect(target.requests).toHaveLength(0);
  });

  it('connects to the address it checked, keeping the host name (a resolver injected for a name no DNS knows)', async () => {
    const target = await hook('ok');
    const port = new URL(target.url).port;
    await setHook('hook-pinned', `http://hook.invalid:${port}/hook`);
    const lookup = ((_host: string, _opts: unknown, cb: (e: null, a: LookupAddress[]) => void) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as WebhookPolicy['lookup'];
    const policy: WebhookPolicy = { ...localPolicy, urlProblems: () => [], lookup };
    const result = await deliver(
      table(),
      'hook-pinned',
      await outboxAlert('hook-pinned', 'pin-1'),
      channels(policy),
    );
    expect(result.ok).toBe(true);
    expect(target.requests.map((r) => r.host)).toEqual([`hook.invalid:${port}`]);
  });

  it('does not follow redirects: a 302 to the metadata path and a 307 re-POST are failed deliveries, the target gets nothing', async () => {
    const internal = await hook('ok');
    for (const status of [302, 307]) {
      const org = `hook-redirect-${status}`;
      const redirecting = await hook({
        status,
        location: `${internal.url.replace('/hook', '')}/latest/meta-data/`,
      });
      await setHook(org, redirecting.url);
      const result = await deliver(
        table(),
        org,
        await outboxAlert(org, `redir-${status}`),
        channels(localPolicy),
      );
      expect(result.ok).toBe(false);
      expect(redirecting.requests).toHaveLength(1);
      const [stored] = (await listAlerts(table(), org, { limit: 10 })).items;
      expect(stored?.deliveries.webhook).toMatchObject({ status: 'failed', reason: 'rejected' });
    }
    expect(internal.requests).toHaveLength(0);
  });

  it('GET /alerts shows sent/failed and a coarse reason only: no HTTP status, no text from the remote', async () => {
    const org = 'hook-oracle';
    const talkative = await hook({ status: 500, body: 'ami-id i-0123 secret-internal-banner' });
    await setHook(org, talkative.url);
    await deliver(table(), org, await outboxAlert(org, 'oracle-1'), channels(localPolicy));
    const res = await call('GET', '/alerts', { token: await tokenFor(org, ['viewer']) });
    const [listed] = res.json.items as { deliveries: Record<string, Record<string, string>> }[];
    expect(listed?.deliveries.webhook).toEqual({
      status: 'failed',
      at: expect.any(String),
      reason: 'rejected',
    });
    expect(res.text).not.toContain('secret-internal-banner');
    expect(res.text).not.toContain('HTTP 500');
  });

  it('posts the alert once, as JSON Slack and Teams accept, with a hostile title on one line', async () => {
    const target = await hook('ok');
    await setHook('hook-json', target.url);
    const a = alert('json-1', `[critical] Bid\r\nEND:VEVENT\u0000\u2028forged ${'😀'.repeat(120)}`);
    await putAlertOnce(table(), 'hook-json', a, new Date().toISOString());
    // Watches what goes to SNS (the call goes through to the local endpoint).
    const published = vi.spyOn(sns(), 'send');
    const result = await deliver(
      table(),
      'hook-json',
      dueAlertOf('hook-json', a, new Date().toISOString()),
      channels(localPolicy),
    );
    expect(result.ok).toBe(true);
    expect(target.requests).toHaveLength(1);
    const body = JSON.parse(target.requests[0]?.body ?? '{}') as {
      title: string;
      '@type': string;
      text: string;
    };
    expect(body['@type']).toBe('MessageCard');
    expect(body.title.startsWith('[critical] Bid END:VEVENT forged 😀')).toBe(true);
    const subject = published.mock.calls
      .map(([cmd]) => cmd)
      .filter((cmd) => cmd instanceof PublishCommand)
      .map((cmd) => String(cmd.input.Subject));
    published.mockRestore();
    expect(subject).toHaveLength(1);
    // SNS: no line breaks or control characters, under 100 characters, whole characters only
    expect(subject[0]?.startsWith('[critical] Bid END:VEVENT forged')).toBe(true);
    expect([...(subject[0] ?? '')].length).toBeLessThan(100);
    expect(subject[0]?.isWellFormed()).toBe(true);
    expect(body.text).toContain('Submit the bid');
  });
});

describe('delivery off the request path, one organisation never stalls another', () => {
  // Its own table: this sweep's checkpoint and due index are not the other tests' (sweeps read the whole due index).
  const sweepTable = 'tenderflow-webhook-sweep';
  beforeAll(async () => {
    await createTable(new DynamoDBClient({}), sweepTable);
  });

  it('a hook that never answers: its attempt times out, its organisation’s other alerts wait, another organisation’s alert is delivered in the same sweep', async () => {
    const hanging = await hook('hang');
    const fine = await hook('ok');
    await setHook('stall-a', hanging.url, sweepTable);
    await setHook('stall-b', fine.url, sweepTable);
    const at = '2031-03-03T10:00:00.000Z';
    for (const id of ['a-1', 'a-2', 'a-3']) await outboxAlert('stall-a', id, sweepTable, at);
    await outboxAlert('stall-b', 'b-1', sweepTable, at);

    const result = await sweep(sweepTable, '2031-03-03T10:01:00.000Z', channels(localPolicy));

    expect(fine.requests).toHaveLength(1);
    expect(hanging.requests).toHaveLength(1); // the other two skip a hook that is down
    expect(result).toMatchObject({ sent: 1, failed: 1, deferred: 2 });
    const [b] = (await listAlerts(sweepTable, 'stall-b', { limit: 10 })).items;
    expect(b?.deliveries).toMatchObject({ sns: { status: 'sent' }, webhook: { status: 'sent' } });
    const a = (await listAlerts(sweepTable, 'stall-a', { limit: 10 })).items;
    expect(a.filter((x) => x.deliveries.webhook?.reason === 'timeout')).toHaveLength(1);
    expect(a.every((x) => x.deliveries.sns?.status === 'sent')).toBe(true);

    // The hook comes back: the next sweeps (after the backoff) deliver the rest, each exactly once.
    await hanging.close();
    const back = await hook('ok');
    await putSetting(sweepTable, 'stall-a', 'webhook', { url: back.url }, 1, 'admin', at);
    await sweep(sweepTable, '2031-03-03T10:07:00.000Z', channels(localPolicy));
    await sweep(sweepTable, '2031-03-03T10:08:00.000Z', channels(localPolicy));
    expect(back.requests).toHaveLength(3);
    const after = (await listAlerts(sweepTable, 'stall-a', { limit: 10 })).items;
    expect(after.map((x) => x.deliveries.webhook?.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('what does not fit in the time budget stays due and goes out with the next sweep', async () => {
    const target = await hook('ok');
    await setHook('budget', target.url, sweepTable);
    const at = '2031-03-03T12:00:00.000Z';
    await outboxAlert('budget', 'budget-1', sweepTable, at);
    const starved = await sweep(sweepTable, '2031-03-03T12:00:30.000Z', channels(localPolicy), {
      deliveryBudgetMs: 0,
    });
    expect(starved).toMatchObject({ sent: 0, deferred: 1 });
    expect(target.requests).toHaveLength(0);
    const next = await sweep(sweepTable, '2031-03-03T12:01:00.000Z', channels(localPolicy));
    expect(next.sent).toBe(1);
    expect(target.requests).toHaveLength(1);
    expect((await sweep(sweepTable, '2031-03-03T12:02:00.000Z', channels(localPolicy))).sent).toBe(0);
  });

  it('a delivery whose sweep died after claiming it is due again after the lease, and goes out once', async () => {
    const target = await hook('ok');
    await setHook('lease', target.url, sweepTable);
    const at = '2031-03-03T14:00:00.000Z';
    const due = await outboxAlert('lease', 'lease-1', sweepTable, at);
    expect(await claimDelivery(sweepTable, due, 'crashed-sweep', at, 300_000)).toBe(true);
    expect((await sweep(sweepTable, '2031-03-03T14:01:00.000Z', channels(localPolicy))).sent).toBe(0);
    expect(target.requests).toHaveLength(0);
    expect((await sweep(sweepTable, '2031-03-03T14:06:00.000Z', channels(localPolicy))).sent).toBe(1);
    expect((await sweep(sweepTable, '2031-03-03T14:20:00.000Z', channels(localPolicy))).sent).toBe(0);
    expect(target.requests).toHaveLength(1);
  });

  it('PATCH of a checklist item and POST /events answer without touching a hook that never answers; the moved alerts wait in the outbox', async () => {
    const org = 'stall-api';
    const hanging = await hook('hang');
    await setHook(org, hanging.url);
    const token = await tokenFor(org, ['bid-manager']);
    const imported = await call('POST', '/tenders/import?timeZone=Europe/Moscow', {
      token,
      body: JSON.stringify({
        ocid: 'ocds-stall-api',
        buyer: { id: 'b', name: 'Заказчик' },
        parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Russia' } }],
        tender: {
          title: 'Поставка',
          tenderPeriod: { endDate: '2030-12-20T10:00:00+03:00' },
          criteria: [
            {
              id: 'C',
              requirementGroups: [
                { id: 'G', requirements: [{ id: 'R', title: 'Insurance', dataType: 'boolean' }] },
              ],
            },
          ],
        },
      }),
    });
    const tenderId = String(imported.json.tenderId);
    await waitForTender(token, tenderId);
    const [item] = (await call('GET', `/tenders/${tenderId}/checklist`, { token })).json.items as {
      itemId: string;
      version: number;
    }[];
    if (!item) throw new Error('no checklist item');
    const path = `/tenders/${tenderId}/checklist/${item.itemId}`;
    const first = await call('PATCH', path, {
      token,
      body: JSON.stringify({ dueAt: '2030-12-10T16:00:00+03:00' }),
      headers: { 'if-match': `"${item.version}"` },
    });
    expect(first.status).toBe(200);
    const moved = await call('PATCH', path, {
      token,
      body: JSON.stringify({ dueAt: '2030-12-11T16:00:00+03:00' }),
      headers: { 'if-match': String(first.headers.get('etag')) },
    });
    expect(moved.status).toBe(200);
    const event = await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2030-12-25T15:00:00+03:00' }),
    });
    expect(event.status).toBe(201);
    const movedAgain = await call('POST', `/tenders/${tenderId}/events`, {
      token,
      body: JSON.stringify({ type: 'draft-contract-received', at: '2031-01-11T10:00:00+03:00' }),
    });
    expect(movedAgain.status).toBe(201);

    expect(hanging.requests).toHaveLength(0);
    const alerts = (await call('GET', `/alerts?tender=${tenderId}`, { token })).json.items as {
      kind: string;
    }[];
    expect(alerts.filter((a) => a.kind === 'moved').length).toBeGreaterThanOrEqual(2);
  });
});
