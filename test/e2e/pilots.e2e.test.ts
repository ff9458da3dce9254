import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmStart } from '../support/npm-start.ts';
import { pilotInput } from '../support/pilots.ts';
import { timeouts } from '../support/timeouts.ts';

let stack: Awaited<ReturnType<typeof npmStart>>;
let baseUrl = '';

const token = (role: string, user: string) => stack.token('westshire', role, user);

async function api(method: string, path: string, bearer: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined,
  };
}

beforeAll(async () => {
  stack = await npmStart();
  baseUrl = stack.baseUrl;
});

afterAll(() => stack?.stop());

describe('a pilot against npm start, over HTTP', () => {
  it('create → scope (approver) → active → evaluating → evaluation → convert; milestones in GET /deadlines and the calendar feed', async () => {
    const pm = await token('product-manager', 'pm-olga');
    const approver = await token('approver', 'ceo');

    const created = await api('POST', '/pilots', pm, pilotInput());
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ status: 'draft', warnings: [] });

    const deadlines = await api('GET', '/deadlines?limit=500', pm);
    const mine = (deadlines.json.items as { title: string; source: { ref: string } }[]).filter((d) =>
      d.source.ref.startsWith(`${id}:`),
    );
    expect(mine.map((d) => d.title.split(':')[0])).toEqual([
      'Pilot kickoff',
      'Pilot mid-term review',
      'Pilot final evaluation',
      'Pilot conversion decision (convert / extend / stop)',
    ]);
    const ics = await fetch(`${baseUrl}/calendar.ics`, { headers: { authorization: `Bearer ${pm}` } });
    const feed = (await ics.text()).replace(/\r\n[ \t]/g, ''); // unfolded (RFC 5545 §3.1)
    expect(feed).toContain(
      'SUMMARY:[high] Pilot final evaluation: Automated GTFS timetable publication (Westshire Transport Authority)',
    );

    expect((await api('POST', `/pilots/${id}/transition`, pm, { to: 'scoped' })).status).toBe(403);
    expect((await api('POST', `/pilots/${id}/transition`, approver, { to: 'scoped' })).status).toBe(200);
    expect((await api('POST', `/pilots/${id}/transition`, pm, { to: 'active' })).status).toBe(200);
    expect((await api('POST', `/pilots/${id}/transition`, pm, { to: 'evaluating' })).status).toBe(200);
    const started = await api('POST', `/pilots/${id}/evaluation`, pm, {
      measurements: [
        { criterionId: 'latency', value: 18, measuredAt: '2027-04-28T12:00:00Z' },
        { criterionId: 'accuracy', value: 99.4, measuredAt: '2027-04-28T12:00:00Z' },
        { criterionId: 'effort', value: 1.2, measuredAt: '2027-04-28T12:00:00Z' },
      ],
    });
    expect(started.status).toBe(202);
    let pilot: { evaluation?: { status: string; recommendation?: string; score?: number } } = {};
    const deadline = Date.now() + timeouts.poll.workflow;
    while (pilot.evaluation?.status !== 'evaluated') {
      if (Date.now() > deadline || pilot.evaluation?.status === 'evaluation-failed')
        throw new Error(`evaluation did not finish: ${JSON.stringify(pilot.evaluation)}`);
      await new Promise((r) => setTimeout(r, 200));
      pilot = (await api('GET', `/pilots/${id}`, pm)).json;
    }
    expect(pilot.evaluation).toMatchObject({ recommendation: 'convert', score: 100 });
    const converted = await api('POST', `/pilots/${id}/transition`, approver, { to: 'converted' });
    expect(converted.status).toBe(200);
    expect(converted.json.followOn).toMatchObject({ contractValue: 240000, decisionBy: '2027-05-31' });
    const charter = await api('GET', `/pilots/${id}/charter`, pm);
    expect(charter.text).toContain('## Success criteria');
  });
});
