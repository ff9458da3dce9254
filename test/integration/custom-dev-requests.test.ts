import { describe, expect, it } from 'vitest';
import { pilotIdOfRequest } from '../../functions/domain/custom-dev/pilot-draft.ts';
import { withIds } from '../../functions/domain/pilots/scoping.ts';
import type { Pilot } from '../../functions/domain/pilots/types.ts';
import { createPilot } from '../../functions/store/pilots.ts';
import { remindersOf } from '../../functions/store/reminders.ts';
import { call, eventually, tokenFor } from '../support/api.ts';
import { assess, create, etag, requestBody, technical, waitForStatus } from '../support/custom-dev.ts';
import { pilotInput } from '../support/pilots.ts';

const table = () => String(process.env.TABLE_NAME);
const fixed = (price: number) => ({ pricing: { model: 'fixed', price } });

describe('custom-development requests over HTTP', () => {
  it('submit → technical → commercial → recommendation with its business case → decision → specification, audited', async () => {
    const org = 'cdr-flow';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const approver = await tokenFor(org, ['approver'], 'carol');
    const { id, etag: e1 } = await create(pm);

    // 18/20/22 days at the default 800 EUR a day: build 16,000; maintenance 20% a year over 3 years
    await assess(pm, id, e1, fixed(40_000));
    const done = await waitForStatus(pm, id, 'recommended');
    const r = done.json as {
      businessCase: { expected: { buildCost: { value: number }; npv: { value: number } } };
      recommendation: { decision: string; reasons: string[] };
    };
    expect(r.businessCase.expected.buildCost.value).toBe(16_000);
    expect(r.recommendation.decision).toBe('approve');
    expect(r.recommendation.reasons.length).toBeGreaterThan(0);

    // a product manager cannot decide
    const byPm = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: pm,
      body: JSON.stringify({ decision: 'approve' }),
      headers: { 'if-match': etag(done) },
    });
    expect(byPm.status).toBe(403);
    // overriding the recommendation needs a reason: 400 naming it, nothing written
    const noReason = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: approver,
      body: JSON.stringify({ decision: 'reject' }),
      headers: { 'if-match': etag(done) },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors?.[0]?.path).toBe('reason');
    expect((await call('GET', `/custom-dev-requests/${id}/spec`, { token: pm })).status).toBe(404);

    const decided = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: approver,
      body: JSON.stringify({ decision: 'approve' }),
      headers: { 'if-match': etag(done) },
    });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({
      status: 'approved',
      decision: { decision: 'approve', by: 'carol' },
    });

    const spec = await eventually('the specification', async () => {
      const res = await call('GET', `/custom-dev-requests/${id}/spec`, { token: pm });
      return res.status === 200 ? res : undefined;
    });
    expect(spec.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(spec.text).toContain('# Specification: Export approved invoices to the municipal ERP');
    expect(spec.text).toContain('## Reuse plan');

    // deciding again is an illegal transition
    const latest = await call('GET', `/custom-dev-requests/${id}`, { token: pm });
    const again = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: approver,
      body: JSON.stringify({ decision: 'reject', reason: 'changed my mind' }),
      headers: { 'if-match': etag(latest) },
    });
    expect(again.status).toBe(409);

    const audit = await call('GET', `/custom-dev-requests/${id}/audit`, { token: pm });
    expect(audit.status).toBe(200);
    const actions = (audit.json.items as { action: string; actor: string }[]).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'create',
        'record-technical',
        'record-commercial',
        'recommend',
        'decide',
        'generate-spec',
      ]),
    );
    const decide = (
      audit.json.items as { action: string; actor: string; before: unknown; after: unknown }[]
    ).find((a) => a.action === 'decide');
    expect(decide).toMatchObject({
      actor: 'carol',
      before: { status: 'recommended' },
      after: { status: 'approved' },
    });
  });

  it('the decision deadline is in GET /deadlines and the calendar feed, with reminders; a decision meets it', async () => {
    const org = 'cdr-deadline';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const { id, etag: e1 } = await create(pm, { neededBy: '2031-03-31' });
    await assess(pm, id, e1, fixed(40_000));
    await waitForStatus(pm, id, 'recommended');
    const deadline = await eventually('the decision deadline', async () => {
      const res = await call('GET', '/deadlines', { token: pm });
      return (
        res.json.items as { deadlineId: string; dueAt: string; source: { type: string; ref: string } }[]
      ).find((d) => d.source.type === 'custom-dev-request' && d.source.ref === id);
    });
    expect(deadline).toMatchObject({
      id: expect.stringMatching(/^-\.dl_/),
      tenderId: null,
      status: 'open',
      risk: 'high',
      dueAt: '2031-03-31T23:59:59.999Z',
      allDay: true,
    });
    const ics = await call('GET', '/calendar.ics', { token: pm });
    expect(ics.text).toContain('Decide on custom development for Bergen kommune');
    const alerts = await call('GET', '/alerts', { token: pm });
    expect((alerts.json.items as { kind: string; title: string }[]).some((a) => a.kind === 'notice')).toBe(
      true,
    );
    const reminders = await remindersOf(table(), org, '-', deadline.deadlineId);
    expect(reminders.some((r) => r.kind === 'before' && r.sendAt < deadline.dueAt)).toBe(true);

    const approver = await tokenFor(org, ['approver'], 'carol');
    const current = await call('GET', `/custom-dev-requests/${id}`, { token: pm });
    const decided = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: approver,
      body: JSON.stringify({ decision: 'approve' }),
      headers: { 'if-match': etag(current) },
    });
    expect(decided.status).toBe(200);
    await eventually('the decision deadline to be met', async () => {
      const res = await call('GET', '/deadlines', { token: pm });
      return (res.json.items as { source: { ref: string }; status: string }[]).find(
        (d) => d.source.ref === id && d.status === 'met',
      );
    });
  });

  it('approve-as-pilot creates a draft pilot from the request, linked both ways, and the request is piloting', async () => {
    const org = 'cdr-pilot';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const admin = await tokenFor(org, ['admin'], 'ada');
    const { id, etag: e1 } = await create(pm, { strategicFit: 2 });
    await assess(pm, id, e1, fixed(40_000));
    const done = await waitForStatus(pm, id, 'recommended');
    expect(done.json.recommendation).toMatchObject({
      decision: 'approve-as-pilot',
      reasons: ['The strategic fit is 2 of 5, below 3.'],
    });
    const decided = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: admin,
      body: JSON.stringify({ decision: 'approve-as-pilot' }),
      headers: { 'if-match': etag(done) },
    });
    expect(decided.status).toBe(200);
    const piloting = await waitForStatus(pm, id, 'piloting');
    const link = piloting.json.pilot as { pilotId: string; note: string };
    expect(link.pilotId).toMatch(/^p-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(link.note).toContain(link.pilotId);
    const pilot = await call('GET', `/pilots/${link.pilotId}`, { token: pm });
    expect(pilot.status).toBe(200);
    expect(pilot.json).toMatchObject({
      status: 'draft',
      customDevRequestId: id,
      client: piloting.json.client,
      scopeIn: expect.arrayContaining([expect.any(String)]),
      criteria: [expect.objectContaining({ id: 'acceptance', comparator: 'gte', mustPass: true })],
      warnings: expect.arrayContaining([expect.stringMatching(/^no-conversion-terms:/)]),
    });
    expect(String(pilot.json.objective)).toContain(String(piloting.json.title));
    const trail = await call('GET', `/pilots/${link.pilotId}/audit`, { token: pm });
    expect((trail.json.items as { action: string; actor: string }[])[0]).toMatchObject({
      action: 'create',
      actor: 'ada',
    });
    // its milestones are deadlines of the organisation, like any pilot's
    await eventually('the pilot milestones in GET /deadlines', async () => {
      const res = await call('GET', '/deadlines', { token: pm });
      const mine = (res.json.items as { source: { type: string; ref: string } }[]).filter(
        (d) => d.source.type === 'pilot' && d.source.ref.startsWith(`${link.pilotId}:`),
      );
      return mine.length === 4 ? mine : undefined;
    });
  });

  it('a hand-made draft pilot naming the request is refused, and one already stored is never adopted: approve-as-pilot makes its own', async () => {
    const org = 'cdr-pilot-forged';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const admin = await tokenFor(org, ['admin'], 'ada');
    const { id, etag: e1 } = await create(pm, { strategicFit: 2 });
    await assess(pm, id, e1, fixed(40_000));
    const done = await waitForStatus(pm, id, 'recommended');

    // POST /pilots may not name a request: 400 naming the field, nothing written
    const forged = await call('POST', '/pilots', {
      token: pm,
      body: JSON.stringify({ ...pilotInput(), customDevRequestId: id }),
    });
    expect(forged.status).toBe(400);
    expect(forged.json.errors).toEqual([
      {
        path: 'customDevRequestId',
        message: expect.stringContaining("only by that request's approve-as-pilot decision"),
      },
    ]);
    expect(((await call('GET', '/pilots', { token: pm })).json.items as unknown[]).length).toBe(0);

    // one stored before this rule (written straight to the table, as POST /pilots used to) naming the request
    const at = new Date().toISOString();
    const input = pilotInput();
    const stale: Pilot = {
      ...input,
      id: 'p-01J00000000000000000000000',
      status: 'draft',
      scopeOut: input.scopeOut ?? [],
      criteria: withIds(input.criteria),
      plannedEndDate: input.endDate,
      cost: null,
      conversion: null,
      owner: 'mallory',
      customDevRequestId: id,
      tenderId: null,
      timeZone: 'UTC',
      warnings: [],
      evaluation: null,
      followOn: null,
      statusReason: null,
      version: 1,
      createdAt: at,
      createdBy: 'mallory',
      updatedAt: at,
    };
    await createPilot(table(), org, stale, {
      entity: `pilot:${stale.id}`,
      actor: 'mallory',
      at,
      action: 'create',
      before: {},
      after: { status: 'draft' },
    });

    const decided = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: admin,
      body: JSON.stringify({ decision: 'approve-as-pilot' }),
      headers: { 'if-match': etag(done) },
    });
    expect(decided.status).toBe(200);
    const piloting = await waitForStatus(pm, id, 'piloting');
    const link = piloting.json.pilot as { pilotId: string };
    expect(link.pilotId).not.toBe(stale.id);
    expect(link.pilotId).toBe(pilotIdOfRequest(id));
    const made = await call('GET', `/pilots/${link.pilotId}`, { token: pm });
    expect(made.json).toMatchObject({
      customDevRequestId: id,
      client: piloting.json.client,
      createdBy: 'ada',
    });
    // the hand-made one is left as it was
    expect((await call('GET', `/pilots/${stale.id}`, { token: pm })).json).toMatchObject({
      owner: 'mallory',
      version: 1,
    });
  });

  it('bad input is a 400 naming the field and writes nothing; a stale ETag is 412; another organisation gets 404', async () => {
    const org = 'cdr-bad';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const bad = await call('POST', '/custom-dev-requests', {
      token: pm,
      body: requestBody({ strategicFit: 6 }),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.map((e) => e.path)).toContain('strategicFit');
    const { id, etag: e1 } = await create(pm);
    const inverted = await call('PUT', `/custom-dev-requests/${id}/technical`, {
      token: pm,
      body: JSON.stringify(technical({ effortDays: { optimistic: 30, likely: 20, pessimistic: 40 } })),
      headers: { 'if-match': e1 },
    });
    expect(inverted.status).toBe(400);
    expect(inverted.json.errors).toEqual([
      { path: 'effortDays.optimistic', message: 'optimistic must not exceed likely' },
    ]);
    const badPricing = await call('PUT', `/custom-dev-requests/${id}/commercial`, {
      token: pm,
      body: JSON.stringify({ pricing: { model: 'revenue-share', percent: 10 } }),
      headers: { 'if-match': e1 },
    });
    expect(badPricing.status).toBe(400);
    expect(badPricing.json.errors?.map((e) => e.path)).toContain('pricing.projectedClientRevenuePerYear');
    const unchanged = await call('GET', `/custom-dev-requests/${id}`, { token: pm });
    expect(unchanged.json).toMatchObject({
      version: 1,
      technical: null,
      commercial: null,
      status: 'submitted',
    });

    const ok = await call('PUT', `/custom-dev-requests/${id}/technical`, {
      token: pm,
      body: JSON.stringify(technical()),
      headers: { 'if-match': e1 },
    });
    expect(ok.status).toBe(200);
    const stale = await call('PUT', `/custom-dev-requests/${id}/commercial`, {
      token: pm,
      body: JSON.stringify(fixed(1)),
      headers: { 'if-match': e1 },
    });
    expect(stale.status).toBe(412);

    const other = await tokenFor('cdr-other', ['admin'], 'eve');
    expect((await call('GET', `/custom-dev-requests/${id}`, { token: other })).status).toBe(404);
    expect((await call('GET', `/custom-dev-requests/${id}/audit`, { token: other })).status).toBe(404);
    const hijack = await call('PUT', `/custom-dev-requests/${id}/commercial`, {
      token: other,
      body: JSON.stringify(fixed(1)),
      headers: { 'if-match': etag(ok) },
    });
    expect(hijack.status).toBe(404);
    expect((await call('GET', '/custom-dev-requests', { token: other })).json.items).toEqual([]);
    // a decision before a recommendation is an illegal transition
    const approver = await tokenFor(org, ['approver']);
    const early = await call('POST', `/custom-dev-requests/${id}/decision`, {
      token: approver,
      body: JSON.stringify({ decision: 'approve', reason: 'urgent' }),
      headers: { 'if-match': etag(ok) },
    });
    expect(early.status).toBe(409);
  });

  it('Idempotency-Key: the same body again answers the same request; lists filter by status and client with cursors', async () => {
    const org = 'cdr-list';
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    const first = await call('POST', '/custom-dev-requests', {
      token: pm,
      body: requestBody({ client: 'Client A' }),
      headers: { 'idempotency-key': 'cdr-key-1' },
    });
    const repeat = await call('POST', '/custom-dev-requests', {
      token: pm,
      body: requestBody({ client: 'Client A' }),
      headers: { 'idempotency-key': 'cdr-key-1' },
    });
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.json.requestId).toBe(first.json.requestId);
    await create(pm, { client: 'Client B' });
    await create(pm, { client: 'Client B' });

    const page1 = await call('GET', '/custom-dev-requests?limit=2', { token: pm });
    expect(page1.json.items).toHaveLength(2);
    const page2 = await call('GET', `/custom-dev-requests?limit=2&cursor=${page1.json.nextCursor}`, {
      token: pm,
    });
    expect(page2.json.items).toHaveLength(1);
    expect((page2.json.items as { client: string }[])[0]?.client).toBe('Client A');
    const byClient = await call('GET', '/custom-dev-requests?client=Client%20B&status=submitted', {
      token: pm,
    });
    expect((byClient.json.items as { client: string }[]).map((i) => i.client)).toEqual([
      'Client B',
      'Client B',
    ]);
    const badStatus = await call('GET', '/custom-dev-requests?status=done', { token: pm });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.errors?.[0]?.path).toBe('query:status');
  });
});

describe('GET /settings/{name} and the custom-dev-economics setting', () => {
  it('reads what PUT wrote, with its ETag; thresholds change the recommendation', async () => {
    const org = 'cdr-settings';
    const admin = await tokenFor(org, ['admin'], 'ada');
    expect((await call('GET', '/settings/custom-dev-economics', { token: admin })).status).toBe(404);
    const bad = await call('PUT', '/settings/custom-dev-economics', {
      token: admin,
      body: JSON.stringify({ discountRate: 2 }),
      headers: { 'if-match': '"0"' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors?.[0]?.path).toBe('discountRate');
    const put = await call('PUT', '/settings/custom-dev-economics', {
      token: admin,
      body: JSON.stringify({ dayRate: 1000, thresholds: { minNpv: 100_000 } }),
      headers: { 'if-match': '"0"' },
    });
    expect(put.status).toBe(200);
    const got = await call('GET', '/settings/custom-dev-economics', { token: admin });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.json.value).toMatchObject({
      dayRate: 1000,
      currency: 'EUR',
      thresholds: { minNpv: 100_000, minStrategicFit: 3 },
    });
    const pm = await tokenFor(org, ['product-manager'], 'pat');
    expect((await call('GET', '/settings/custom-dev-economics', { token: pm })).status).toBe(403);

    // 20 days × 1,000 = 20,000 build; NPV is far below the organisation's minimum of 100,000
    const { id, etag: e1 } = await create(pm);
    await assess(pm, id, e1, fixed(40_000));
    const done = await waitForStatus(pm, id, 'recommended');
    expect(done.json.recommendation).toMatchObject({ decision: 'reject', rule: 'negative-npv' });
    expect((done.json.businessCase as { currency: string }).currency).toBe('EUR');
  });

  it('every other setting can be read back too', async () => {
    const admin = await tokenFor('cdr-settings-2', ['admin']);
    const plan = await call('PUT', '/settings/bid-policy', {
      token: admin,
      body: JSON.stringify({}),
      headers: { 'if-match': '"0"' },
    });
    expect(plan.status).toBe(200);
    const got = await call('GET', '/settings/bid-policy', { token: admin });
    expect(got.json).toMatchObject({ name: 'bid-policy', value: plan.json.value });
  });
});
