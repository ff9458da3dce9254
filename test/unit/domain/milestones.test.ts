import { describe, expect, it } from 'vitest';
import { intakeDocument } from '../../../functions/domain/checklist/intake.ts';
import { computeDeadlines } from '../../../functions/domain/deadlines/compute.ts';
import { diffDeadlines, settleFirstSeen } from '../../../functions/domain/deadlines/deadline.ts';
import type { Deadline } from '../../../functions/domain/deadlines/types.ts';
import { normalizeProzorro } from '../../../functions/domain/prozorro/normalize.ts';
import { defaultReminderPlan, planReminders } from '../../../functions/domain/reminders/plan.ts';
import { foldDue } from '../../../functions/domain/reminders/sweep.ts';
import type { NormalizedTender } from '../../../functions/domain/tender.ts';
import { readExample } from '../../support/fixtures.ts';

type Json = Record<string, unknown>;

const intake = (doc: unknown): NormalizedTender => {
  const [one] = intakeDocument(doc);
  if (!one) throw new Error('no tender');
  return one.tender;
};

const deadlinesOf = (t: NormalizedTender, now: string) =>
  computeDeadlines({ tenderId: 't1', tender: t, events: [], now, owners: ['bid-manager'] });

const milestoneDeadlines = (t: NormalizedTender, now = '2000-01-01T00:00:00Z') =>
  deadlinesOf(t, now).filter((d) => d.kind === 'milestone' && d.source.ref.includes('milestones['));

/**
 * The fictional-example contract release (open-contracting/sample-data) with the milestones a real
 * contract publishes, in OCDS 1.1 shape: delivery on a date without a time, a payment already met, a
 * monthly report, and a second, cancelled contract of lot 2. The buyer is in London.
 */
function contractWithMilestones(): Json {
  const pkg = structuredClone(readExample('sample-data-fictional-1.1-05-contract.json')) as {
    releases: Json[];
  };
  const release = pkg.releases[0] as Json & { contracts: Json[]; awards: Json[] };
  release.tender = {
    id: 'ocds-213czf-000-00001-01-tender',
    title: 'Cycle lanes',
    lots: [
      { id: 'lot-1', status: 'active' },
      {
        id: 'lot-2',
        status: 'active',
        milestones: [{ id: 'site', title: 'Site visit', dueDate: '2010-04-20T10:00:00Z' }],
      },
    ],
  };
  (release.awards[0] as Json).relatedLots = ['lot-1'];
  const contract = release.contracts[0] as Json;
  contract.milestones = [
    {
      id: 'm-delivery',
      title: 'Phase 1 lanes delivered',
      type: 'delivery',
      dueDate: '2010-09-30',
      status: 'scheduled',
    },
  ];
  contract.implementation = {
    milestones: [
      {
        id: 'm-pay',
        title: 'First payment',
        type: 'financing',
        dueDate: '2010-10-15T12:00:00Z',
        dateMet: '2010-10-14T09:00:00Z',
        status: 'met',
      },
      {
        id: 'm-report',
        title: 'Monthly progress report',
        type: 'reporting',
        dueDate: '2010-11-01T17:00:00+00:00',
        status: 'scheduled',
      },
      {
        id: 'm-odd',
        title: 'Inspection',
        type: 'inspection',
        dueDate: '2010-11-15T10:00:00Z',
        status: 'postponed',
      },
    ],
  };
  release.awards.push({ id: 'award-02', status: 'active', relatedLots: ['lot-2'] });
  release.contracts.push({
    id: 'contract-02',
    awardID: 'award-02',
    status: 'cancelled',
    implementation: {
      milestones: [{ id: 'm1', title: 'Delivery', type: 'delivery', dueDate: '2010-12-01T10:00:00Z' }],
    },
  });
  return pkg;
}

describe('published milestones in the normalised tender', () => {
  it('UK Contracts Finder: the two tender milestones, with stable refs and no warning', () => {
    const t = intake(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json'));
    expect(t.milestones).toEqual([
      expect.objectContaining({
        ref: 'milestones[1]',
        scope: 'tender',
        title: 'Contract start',
        dueAt: '2014-07-01T00:00:00.000Z',
        status: null,
      }),
      expect.objectContaining({
        ref: 'milestones[2]',
        scope: 'tender',
        title: 'Contract end',
        dueAt: '2018-06-30T00:00:00.000Z',
      }),
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('Nigeria: the tender milestone and the contract implementation milestone, the contract id in the ref', () => {
    const t = intake(readExample('nigeria-borbda-mkksbm-contract-release-1.1.json'));
    expect(t.milestones?.map((m) => [m.scope, m.ref, m.status])).toEqual([
      ['tender', 'milestones[ocds-gyl66f-borbda-mkksbm]', 'partiallyMet'],
      [
        'implementation',
        'contracts[ocds-gyl66f-borbda-mkksbm].implementation.milestones[ocds-gyl66f-borbda-mkksbm]',
        'partiallyMet',
      ],
    ]);
    const deadlines = milestoneDeadlines(t);
    expect(deadlines).toHaveLength(2);
    expect(new Set(deadlines.map((d) => d.deadlineId)).size).toBe(2);
    expect(deadlines[1]?.title).toBe(
      'Milestone: construction works at iju/itaogbolu project-implementation-progress (contract ocds-gyl66f-borbda-mkksbm)',
    );
  });

  it('a date-only due date is the end of that day in the buyer’s zone, flagged allDay, with a warning', () => {
    const t = intake(contractWithMilestones());
    const delivery = t.milestones?.find((m) => m.id === 'm-delivery');
    // 2010-09-30 ends at 23:59:59.999 in London (BST, UTC+1)
    expect(delivery).toMatchObject({
      dueAt: '2010-09-30T22:59:59.999Z',
      dueAllDay: true,
      lotId: 'lot-1',
      scope: 'contract',
    });
    expect(t.warnings).toContainEqual({
      path: 'contracts[0].milestones[0].dueDate',
      message: 'a date without a time: due at the end of that day in Europe/London',
    });
  });

  it('an unknown type or status is a warning, never silently dropped', () => {
    const t = intake(contractWithMilestones());
    expect(t.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining([
        'contracts[0].implementation.milestones[2].type',
        'contracts[0].implementation.milestones[2].status',
      ]),
    );
    expect(
      milestoneDeadlines(t).some(
        (d) => d.title === 'Milestone: Inspection (contract ocds-213czf-000-00001-contract-01)',
      ),
    ).toBe(true);
  });
});

describe('milestones become deadlines', () => {
  const t = intake(contractWithMilestones());
  const byRef = (deadlines: Deadline[], ref: string) => {
    const found = deadlines.find((d) => d.source.ref === ref);
    if (!found) throw new Error(`no deadline for ${ref}`);
    return found;
  };

  it('type sets the title and the risk: delivery high, payment and report normal', () => {
    const ds = milestoneDeadlines(t);
    const contract = 'contracts[ocds-213czf-000-00001-contract-01]';
    expect(byRef(ds, `${contract}.milestones[m-delivery]`)).toMatchObject({
      title: 'Delivery: Phase 1 lanes delivered (contract ocds-213czf-000-00001-contract-01)',
      risk: 'high',
      allDay: true,
      lotId: 'lot-1',
      source: { type: 'tender' },
      status: 'open',
    });
    expect(byRef(ds, `${contract}.implementation.milestones[m-pay]`)).toMatchObject({
      title: expect.stringMatching(/^Payment: First payment/),
      risk: 'normal',
    });
    expect(byRef(ds, `${contract}.implementation.milestones[m-report]`)).toMatchObject({
      title: expect.stringMatching(/^Report: /),
      risk: 'normal',
    });
  });

  it('met when published met (or with dateMet); cancelled with its contract; a lot milestone belongs to its lot', () => {
    const ds = milestoneDeadlines(t);
    expect(
      byRef(ds, 'contracts[ocds-213czf-000-00001-contract-01].implementation.milestones[m-pay]').status,
    ).toBe('met');
    expect(byRef(ds, 'contracts[contract-02].implementation.milestones[m1]')).toMatchObject({
      status: 'cancelled',
      lotId: 'lot-2',
    });
    expect(byRef(ds, 'lots[lot-2].milestones[site]')).toMatchObject({ lotId: 'lot-2', status: 'open' });
  });

  it('an amendment that moves a milestone moves the same deadline (ids come from the milestone, not its date)', () => {
    const amended = contractWithMilestones() as { releases: Json[] };
    const contract = (amended.releases[0] as { contracts: Json[] }).contracts[0] as { milestones: Json[] };
    (contract.milestones[0] as Json).dueDate = '2010-10-07';
    const before = milestoneDeadlines(t);
    const after = milestoneDeadlines(intake(amended));
    const diff = diffDeadlines(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.moved).toEqual([
      {
        deadlineId: byRef(before, 'contracts[ocds-213czf-000-00001-contract-01].milestones[m-delivery]')
          .deadlineId,
        from: '2010-09-30T22:59:59.999Z',
        to: '2010-10-07T22:59:59.999Z',
      },
    ]);
  });

  it('Prozorro: a milestone with a due date is a deadline; a payment term relative to an event is kept and warned about', () => {
    const raw = readExample('prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json') as Json;
    const tender = (raw.data ?? raw) as Json & { milestones: Json[] };
    const doc = {
      ...tender,
      milestones: [
        ...tender.milestones,
        {
          id: 'dated',
          title: 'anotherEvent',
          description: 'Поставка першої партії',
          type: 'delivery',
          code: 'standard',
          dueDate: '2022-10-01T18:00:00+03:00',
        },
      ],
    };
    const { tender: t2 } = normalizeProzorro(doc);
    expect(t2.milestones?.[0]).toMatchObject({
      dueAt: null,
      terms: 'postpayment 100%, 45 calendar days after deliveryOfGoods',
    });
    expect(t2.warnings.map((w) => w.path)).toContain('milestones[0]');
    const ds = milestoneDeadlines(t2);
    expect(ds.map((d) => [d.source.ref, d.dueAt, d.risk])).toEqual([
      ['milestones[dated]', '2022-10-01T15:00:00.000Z', 'high'],
    ]);
  });
});

describe('deadlines already past when first scheduled', () => {
  const uk = intake(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json'));
  const now = '2026-11-30T12:00:00Z';
  const computed = deadlinesOf(uk, now);

  it('an old tender: every deadline the store never had is passed, not missed', () => {
    expect(computed.filter((d) => d.status === 'missed').length).toBeGreaterThan(0);
    const settled = computed.map((d) => settleFirstSeen(d, undefined));
    expect(settled.map((d) => d.status)).not.toContain('missed');
    expect(settled.filter((d) => d.status === 'passed').map((d) => d.title)).toEqual(
      expect.arrayContaining(['Submit the bid', 'Milestone: Contract start', 'Milestone: Contract end']),
    );
  });

  it('passed plans no reminders and raises no alert; one that was open and passed is still missed and escalated', () => {
    const submission = computed.find((d) => d.kind === 'submission') as Deadline;
    const passed = settleFirstSeen(submission, undefined);
    expect(planReminders(passed, defaultReminderPlan)).toEqual([]);
    const wasOpen = settleFirstSeen(submission, { status: 'open' });
    expect(wasOpen.status).toBe('missed');
    const reminders = planReminders(wasOpen, defaultReminderPlan);
    expect(reminders.length).toBeGreaterThan(0);
    const due = reminders.map((r) => ({ ...r, deadline: wasOpen }));
    expect(foldDue(due, now).map((a) => a.kind)).toEqual(['missed']);
    expect(
      foldDue(
        due.map((r) => ({ ...r, deadline: passed })),
        now,
      ),
    ).toEqual([]);
  });

  it('stays passed while still past, and opens again when an amendment moves it into the future', () => {
    const submission = computed.find((d) => d.kind === 'submission') as Deadline;
    expect(settleFirstSeen(submission, { status: 'passed' }).status).toBe('passed');
    const moved = { ...submission, status: 'open' as const, dueAt: '2027-01-01T12:00:00.000Z' };
    expect(settleFirstSeen(moved, { status: 'passed' }).status).toBe('open');
  });
});
