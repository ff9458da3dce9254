import { describe, expect, it } from 'vitest';
import { pilotIdOfRequest } from '../../functions/domain/custom-dev/pilot-draft.ts';
import type { Pilot } from '../../functions/domain/pilots/types.ts';
import { createDraftPilot } from '../../functions/flows/pilots.ts';
import { getPilot } from '../../functions/store/pilots.ts';
import { call, eventually, stack, tokenFor } from '../support/api.ts';
import { pilotInput } from '../support/pilots.ts';

type Deadline = {
  id: string;
  title: string;
  dueAt: string;
  status: string;
  source: { type: string; ref: string };
};

const create = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/pilots', { token, body: JSON.stringify(body), headers });
const transition = (token: string, id: string, body: Record<string, unknown>) =>
  call('POST', `/pilots/${id}/transition`, { token, body: JSON.stringify(body) });
const pilotOf = (res: { json: unknown }) => res.json as Pilot;

async function pilotDeadlines(token: string, pilotId: string): Promise<Deadline[]> {
  const out: Deadline[] = [];
  let cursor: string | null = null;
  do {
    const res = await call('GET', `/deadlines?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(res.status).toBe(200);
    out.push(...(res.json.items as Deadline[]));
    cursor = res.json.nextCursor as string | null;
  } while (cursor);
  return out.filter((d) => d.source.type === 'pilot' && d.source.ref.startsWith(`${pilotId}:`));
}

describe('POST /pilots: scoping', () => {
  it('creates a draft with ids on its criteria, warnings kept, the same answer for a repeated Idempotency-Key', async () => {
    const pm = await tokenFor('pilot-create', ['product-manager']);
    const body = pilotInput({ conversion: undefined, endDate: '2027-08-31' });
    const first = await create(pm, body, { 'idempotency-key': 'pilot-create-1' });
    expect(first.status).toBe(201);
    const pilot = pilotOf(first);
    expect(pilot).toMatchObject({
      status: 'draft',
      client: body.client,
      timeZone: 'UTC',
      createdBy: 'alice',
    });
    expect(pilot.id).toMatch(/^p-[0-9A-Z]{26}$/);
    expect(pilot.criteria.map((c) => c.id)).toEqual(['latency', 'accuracy', 'effort']);
    expect(pilot.warnings.map((w) => w.split(':')[0])).toEqual(['pilot-too-long', 'no-conversion-terms']);
    expect(first.headers.get('etag')).toBe('"1"');
    const again = await create(pm, body, { 'idempotency-key': 'pilot-create-1' });
    expect(again.status).toBe(201);
    expect(pilotOf(again).id).toBe(pilot.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const read = await call('GET', `/pilots/${pilot.id}`, { token: pm });
    expect(read.status).toBe(200);
    expect(pilotOf(read)).toEqual({ ...pilot, milestones: expect.any(Array) });
  });

  it.each([
    [
      'a target that does not improve on the baseline',
      { criteria: [{ ...pilotInput().criteria[0], target: 80 }] },
      'criteria.0.target',
    ],
    [
      'between without targetMax',
      { criteria: [{ ...pilotInput().criteria[2], targetMax: undefined }] },
      'criteria.0.targetMax',
    ],
    [
      'a criterion without a unit',
      { criteria: [{ ...pilotInput().criteria[1], unit: '' }] },
      'criteria.0.unit',
    ],
    ['end not after start', { endDate: '2027-01-31' }, 'endDate'],
    ['empty scopeIn', { scopeIn: [] }, 'scopeIn'],
    ['an unknown field', { budget: 5 }, 'budget'],
    ['a tender of no tender in this organisation', { tenderId: 't-000000000000000000000000' }, 'tenderId'],
  ])('400 naming the field for %s, nothing written', async (_what, over, path) => {
    const org = `pilot-bad-${path.replace(/\W/g, '').toLowerCase()}`;
    const pm = await tokenFor(org, ['product-manager']);
    const res = await create(pm, { ...pilotInput(), ...over });
    expect(res.status).toBe(400);
    expect(res.json.errors?.map((e) => e.path)).toContain(path);
    const list = await call('GET', '/pilots', { token: pm });
    expect(list.json.items).toEqual([]);
  });

  it('roles: a viewer or contributor cannot create; another organisation cannot see it', async () => {
    for (const role of ['viewer', 'contributor'] as const)
      expect((await create(await tokenFor('pilot-roles', [role]), pilotInput())).status).toBe(403);
    const created = pilotOf(await create(await tokenFor('pilot-roles', ['bid-manager']), pilotInput()));
    expect(
      (await call('GET', `/pilots/${created.id}`, { token: await tokenFor('pilot-roles-other', ['admin']) }))
        .status,
    ).toBe(404);
    expect(
      (
        await call('GET', `/pilots/${created.id}/charter`, {
          token: await tokenFor('pilot-roles-other', ['admin']),
        })
      ).status,
    ).toBe(404);
  });

  it('GET /pilots filters by status and client and pages with a cursor', async () => {
    const pm = await tokenFor('pilot-list', ['product-manager']);
    for (const client of ['A', 'B', 'A']) expect((await create(pm, pilotInput({ client }))).status).toBe(201);
    const a = await call('GET', '/pilots?client=A&status=draft', { token: pm });
    expect((a.json.items as Pilot[]).map((p) => p.client)).toEqual(['A', 'A']);
    const first = await call('GET', '/pilots?limit=2', { token: pm });
    expect(first.json.items).toHaveLength(2);
    const next = await call('GET', `/pilots?limit=2&cursor=${first.json.nextCursor}`, { token: pm });
    expect(next.json.items).toHaveLength(1);
    expect((await call('GET', '/pilots?status=won', { token: pm })).json.errors?.[0]?.path).toBe(
      'query:status',
    );
  });
});

describe('a pilot through its lifecycle over HTTP', () => {
  it('scoped only by an approver, illegal steps 409, PATCH with If-Match moves the milestones, evaluated and converted, all audited', async () => {
    const org = 'pilot-life';
    const pm = await tokenFor(org, ['product-manager'], 'pm-olga');
    const approver = await tokenFor(org, ['approver'], 'ceo');
    const pilot = pilotOf(await create(pm, pilotInput()));

    // milestones are deadlines in the organisation's list and calendar feed
    const milestones = await pilotDeadlines(pm, pilot.id);
    expect(milestones.map((d) => [d.source.ref.split(':')[1], d.dueAt])).toEqual([
      ['kickoff', '2027-02-01T23:59:59.999Z'],
      ['mid-term-review', '2027-03-17T23:59:59.999Z'],
      ['final-evaluation', '2027-04-30T23:59:59.999Z'],
      ['conversion-decision', '2027-05-31T23:59:59.999Z'],
    ]);
    const ics = await fetch(`${stack().apiUrl}/calendar.ics`, { headers: { authorization: `Bearer ${pm}` } });
    const feed = (await ics.text()).replace(/\r\n[ \t]/g, ''); // unfolded (RFC 5545 §3.1)
    expect(feed).toContain(
      'SUMMARY:[normal] Pilot mid-term review: Automated GTFS timetable publication (Westshire Transport Authority)',
    );
    expect(feed).toContain('BEGIN:VALARM');

    // a stale ETag is 412; the right one moves the dates and the deadlines follow
    const stale = await call('PATCH', `/pilots/${pilot.id}`, {
      token: pm,
      headers: { 'if-match': '"7"' },
      body: JSON.stringify({ endDate: '2027-05-31' }),
    });
    expect(stale.status).toBe(412);
    const patched = await call('PATCH', `/pilots/${pilot.id}`, {
      token: pm,
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ endDate: '2027-05-31' }),
    });
    expect(patched.status).toBe(200);
    expect(pilotOf(patched)).toMatchObject({
      endDate: '2027-05-31',
      plannedEndDate: '2027-05-31',
      version: 2,
    });
    const moved = await pilotDeadlines(pm, pilot.id);
    expect(moved.find((d) => d.source.ref.endsWith(':final-evaluation'))?.dueAt).toBe(
      '2027-05-31T23:59:59.999Z',
    );
    expect(moved.find((d) => d.source.ref.endsWith(':mid-term-review'))?.dueAt).toBe(
      '2027-04-01T23:59:59.999Z',
    );

    expect((await transition(pm, pilot.id, { to: 'scoped' })).status).toBe(403);
    expect((await transition(pm, pilot.id, { to: 'active' })).status).toBe(409);
    expect((await transition(approver, pilot.id, { to: 'scoped', reason: 'criteria agreed' })).status).toBe(
      200,
    );
    expect((await transition(pm, pilot.id, { to: 'active' })).status).toBe(200);
    const kickedOff = await pilotDeadlines(pm, pilot.id);
    expect(kickedOff.find((d) => d.source.ref.endsWith(':kickoff'))?.status).toBe('met');
    const late = await call('PATCH', `/pilots/${pilot.id}`, {
      token: pm,
      headers: { 'if-match': '"4"' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(late.status).toBe(409);

    // an unknown criterion is a 400 naming it, and nothing starts
    const unknown = await call('POST', `/pilots/${pilot.id}/evaluation`, {
      token: pm,
      body: JSON.stringify({ measurements: [{ criterionId: 'nps', value: 3 }] }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors?.[0]?.path).toBe('measurements.0.criterionId');
    expect(pilotOf(await call('GET', `/pilots/${pilot.id}`, { token: pm })).evaluation).toBeNull();

    expect((await transition(pm, pilot.id, { to: 'converted' })).status).toBe(409);
    expect((await transition(pm, pilot.id, { to: 'evaluating' })).status).toBe(200);
    const started = await call('POST', `/pilots/${pilot.id}/evaluation`, {
      token: pm,
      body: JSON.stringify({
        measurements: [
          { criterionId: 'latency', value: 20, measuredAt: '2027-05-28T09:00:00Z', source: 'portal logs' },
          { metric: 'Feed validation pass rate', value: 99.2, measuredAt: '2027-05-28T09:00:00Z' },
          { criterionId: 'effort', value: 1.5, measuredAt: '2027-05-28T09:00:00Z' },
        ],
      }),
    });
    expect(started.status).toBe(202);
    const evaluated = await eventually('the evaluation', async () => {
      const p = pilotOf(await call('GET', `/pilots/${pilot.id}`, { token: pm }));
      return p.evaluation?.status === 'evaluated' ? p : undefined;
    });
    expect(evaluated.evaluation).toMatchObject({
      score: 100,
      recommendation: 'convert',
      evaluatedAt: expect.any(String),
    });
    expect(evaluated.evaluation?.results?.map((r) => [r.criterionId, r.pass, r.margin])).toEqual([
      ['latency', true, 4],
      ['accuracy', true, 0.2],
      ['effort', true, 0.5],
    ]);
    // the last step puts the recommendation in the outbox
    await eventually('the evaluation alert', async () => {
      const alerts = await call('GET', '/alerts', { token: pm });
      return (alerts.json.items as { title: string }[]).find((a) => a.title.includes('Pilot evaluated'));
    });

    const converted = await transition(approver, pilot.id, { to: 'converted', reason: 'client signed' });
    expect(converted.status).toBe(200);
    expect(pilotOf(converted).followOn).toMatchObject({
      contractValue: 240000,
      currency: 'EUR',
      decisionBy: '2027-05-31',
    });
    expect((await transition(pm, pilot.id, { to: 'stopped' })).status).toBe(409);
    const after = await pilotDeadlines(pm, pilot.id);
    expect(after.find((d) => d.source.ref.endsWith(':conversion-decision'))?.title).toMatch(
      /^Follow-on contract decision/,
    );

    const audit = await call('GET', `/pilots/${pilot.id}/audit`, { token: pm });
    expect((audit.json.items as { action: string; actor: string }[]).map((e) => e.action).reverse()).toEqual([
      'create',
      'update',
      'transition:draft->scoped',
      'transition:scoped->active',
      'transition:active->evaluating',
      'evaluation-requested',
      'evaluated',
      'transition:evaluating->converted',
    ]);
    const charter = await call('GET', `/pilots/${pilot.id}/charter`, { token: pm });
    expect(charter.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(charter.text).toContain('| accuracy | Feed validation pass rate | 91 % | ≥ 99 % |');
  });

  it('extended → active needs a new end date; the milestones move to it', async () => {
    const org = 'pilot-extend';
    const admin = await tokenFor(org, ['admin']);
    const pilot = pilotOf(await create(admin, pilotInput({ conversion: undefined })));
    for (const to of ['scoped', 'active', 'evaluating', 'extended'])
      expect((await transition(admin, pilot.id, { to })).status).toBe(200);
    const missing = await transition(admin, pilot.id, { to: 'active' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors?.[0]?.path).toBe('endDate');
    const resumed = await transition(admin, pilot.id, { to: 'active', endDate: '2027-06-30' });
    expect(pilotOf(resumed)).toMatchObject({
      status: 'active',
      endDate: '2027-06-30',
      plannedEndDate: '2027-04-30',
    });
    const ds = await pilotDeadlines(admin, pilot.id);
    expect(ds.find((d) => d.source.ref.endsWith(':conversion-decision'))?.dueAt).toBe(
      '2027-07-14T23:59:59.999Z',
    );
    expect(ds.find((d) => d.source.ref.endsWith(':final-evaluation'))?.status).toBe('open');
  });

  it('the pilot-policy setting sets the zone of new pilots and the maximum length', async () => {
    const org = 'pilot-policy';
    const admin = await tokenFor(org, ['admin']);
    const bad = await call('PUT', '/settings/pilot-policy', {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: JSON.stringify({ timeZone: 'Mars/Olympus' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toBe('timeZone');
    const put = await call('PUT', '/settings/pilot-policy', {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: JSON.stringify({ timeZone: 'Europe/Berlin', maxLengthDays: 30 }),
    });
    expect(put.status).toBe(200);
    const pilot = pilotOf(await create(admin, pilotInput()));
    expect(pilot.timeZone).toBe('Europe/Berlin');
    expect(pilot.warnings[0]).toMatch(/^pilot-too-long: 88 days/);
    const ds = await pilotDeadlines(admin, pilot.id);
    expect(ds[0]?.dueAt).toBe('2027-02-01T22:59:59.999Z');
  });
});

describe('createDraftPilot (the custom-development decision calls it)', () => {
  it('creates a linked draft pilot with its milestones, and refuses a bad scope naming the field', async () => {
    const pilot = await createDraftPilot(
      'pilot-cdr',
      pilotInput(),
      'approver-ann',
      new Date('2027-01-05T10:00:00Z'),
      { requestId: 'cdr-01J9ZZ' },
    );
    expect(pilot).toMatchObject({
      id: pilotIdOfRequest('cdr-01J9ZZ'),
      status: 'draft',
      customDevRequestId: 'cdr-01J9ZZ',
      createdBy: 'approver-ann',
      createdAt: '2027-01-05T10:00:00.000Z',
    });
    expect(await getPilot(String(process.env.TABLE_NAME), 'pilot-cdr', pilot.id)).toEqual(pilot);
    const token = await tokenFor('pilot-cdr', ['viewer']);
    expect(await pilotDeadlines(token, pilot.id)).toHaveLength(4);
    const audit = await call('GET', `/pilots/${pilot.id}/audit`, { token });
    expect(audit.json.items).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: 'approver-ann',
        after: { status: 'draft', customDevRequestId: 'cdr-01J9ZZ' },
      }),
    ]);
    await expect(
      createDraftPilot('pilot-cdr', { ...pilotInput(), scopeIn: [] }, 'x', new Date()),
    ).rejects.toMatchObject({
      name: 'InvalidInputError',
      errors: [{ path: 'scopeIn', message: expect.any(String) }],
    });
    // only the request's own workflow links a pilot to it (ofRequest); a body naming a request is refused
    await expect(
      createDraftPilot('pilot-cdr', { ...pilotInput(), customDevRequestId: 'cdr-01J9ZZ' }, 'x', new Date()),
    ).rejects.toMatchObject({
      name: 'InvalidInputError',
      errors: [{ path: 'customDevRequestId', message: expect.stringContaining('approve-as-pilot decision') }],
    });
  });
});
