import { describe, expect, it } from 'vitest';
import type { Pilot } from '../../functions/domain/pilots/types.ts';
import { call, tokenFor } from '../support/api.ts';
import { pilotInput } from '../support/pilots.ts';

type Milestone = {
  milestone: string;
  id: string;
  dueAt: string;
  status: string;
  sequence: number;
  timeZone: string;
  source: { type: string; ref: string };
};

const milestonesOf = async (token: string, id: string) => {
  const res = await call('GET', `/pilots/${id}`, { token });
  expect(res.status).toBe(200);
  return res.json.milestones as Milestone[];
};

describe('GET /pilots/{id}: milestones', () => {
  it("lists one pilot's four milestones in order, follows a date change and a stop, and is scoped to the organisation", async () => {
    const org = 'pilot-ms-read';
    const pm = await tokenFor(org, ['product-manager']);
    const created = await call('POST', '/pilots', { token: pm, body: JSON.stringify(pilotInput()) });
    expect(created.status).toBe(201);
    const pilot = created.json as unknown as Pilot;
    // another pilot in the same organisation: its milestones are not this one's
    expect(
      (await call('POST', '/pilots', { token: pm, body: JSON.stringify(pilotInput({ client: 'Other' })) }))
        .status,
    ).toBe(201);

    const first = await milestonesOf(pm, pilot.id);
    expect(first.map((m) => [m.milestone, m.dueAt, m.status, m.sequence])).toEqual([
      ['kickoff', '2027-02-01T23:59:59.999Z', 'open', 0],
      ['mid-term-review', '2027-03-17T23:59:59.999Z', 'open', 0],
      ['final-evaluation', '2027-04-30T23:59:59.999Z', 'open', 0],
      ['conversion-decision', '2027-05-31T23:59:59.999Z', 'open', 0],
    ]);
    expect(first.every((m) => m.source.ref.startsWith(`${pilot.id}:`) && m.timeZone === 'UTC')).toBe(true);
    expect(first[0]?.id).toMatch(/^-\.dl_[0-9a-f]{32}$/);

    const patched = await call('PATCH', `/pilots/${pilot.id}`, {
      token: pm,
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ endDate: '2027-05-31' }),
    });
    expect(patched.status).toBe(200);
    const moved = await milestonesOf(pm, pilot.id);
    expect(moved.find((m) => m.milestone === 'final-evaluation')).toMatchObject({
      dueAt: '2027-05-31T23:59:59.999Z',
      sequence: 1,
    });

    const stopped = await call('POST', `/pilots/${pilot.id}/transition`, {
      token: pm,
      body: JSON.stringify({ to: 'stopped', reason: 'client withdrew' }),
    });
    expect(stopped.status).toBe(200);
    expect((await milestonesOf(pm, pilot.id)).map((m) => m.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'met',
    ]);

    const viewer = await tokenFor(org, ['viewer']);
    expect(await milestonesOf(viewer, pilot.id)).toHaveLength(4);
    const other = await tokenFor('pilot-ms-read-other', ['admin']);
    expect((await call('GET', `/pilots/${pilot.id}/milestones`, { token: other })).status).toBe(404);
    expect((await call('GET', '/pilots/p-01JZZZZZZZZZZZZZZZZZZZZZZZ/milestones', { token: pm })).status).toBe(
      404,
    );
  });

  it('POST /pilots/{id}/transition with a stale If-Match is 412 and writes nothing; the current one steps', async () => {
    const org = 'pilot-transition-if-match';
    const pm = await tokenFor(org, ['product-manager']);
    const approver = await tokenFor(org, ['approver']);
    const pilot = (await call('POST', '/pilots', { token: pm, body: JSON.stringify(pilotInput()) }))
      .json as unknown as Pilot;
    const step = (token: string, ifMatch: string, to: string) =>
      call('POST', `/pilots/${pilot.id}/transition`, {
        token,
        headers: { 'if-match': ifMatch },
        body: JSON.stringify({ to }),
      });
    expect((await step(approver, '"1"', 'scoped')).status).toBe(200);
    const stale = await step(pm, '"1"', 'stopped');
    expect(stale.status).toBe(412);
    expect(stale.json.detail).toMatch(/version 2, not 1/);
    expect((await call('GET', `/pilots/${pilot.id}`, { token: pm })).json.status).toBe('scoped');
    expect((await step(pm, 'soon', 'active')).json.errors?.[0]?.path).toBe('header:If-Match');
    const active = await step(pm, '"2"', 'active');
    expect(active.status).toBe(200);
    expect(active.headers.get('etag')).toBe('"3"');
  });
});
