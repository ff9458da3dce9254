import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../../functions/lib/roles.ts';
import { pilotInput } from '../support/pilots.ts';
import { timeouts } from '../support/timeouts.ts';
import {
  chromiumForThisFile,
  expectAccessible,
  expectFitsWidth,
  LAPTOP,
  newPage,
  PHONE,
  signIn,
  snap,
  tokenFor,
  webStack,
} from '../support/web.ts';

const browser = chromiumForThisFile();

/** The API as another user (what is not the flow under test is seeded or changed this way). */
async function apiAs(org: string, role: Role, method: string, path: string, body?: unknown, headers = {}) {
  const token = await tokenFor(org, [role], 'someone-else');
  const res = await fetch(`${webStack().url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: z.looseObject({ id: z.optional(z.string()) }).parse(await res.json()) };
}

/** a deadline, not a sleep: the workflow's answers take longer than the screen's own */
const POLL = { timeout: timeouts.poll.default };
const SLOW = { timeout: timeouts.poll.workflow };

const form = (page: Page) => page.getByRole('form', { name: 'New pilot' });
const criterion = (page: Page, n: number) => page.getByRole('group', { name: `Criterion ${n}` });
const statusBadge = (page: Page) =>
  page.getByRole('heading', { name: 'Lifecycle' }).locator('..').locator('p .badge');

async function fillCriterion(
  page: Page,
  n: number,
  c: {
    metric: string;
    unit: string;
    baseline: string;
    comparator: string;
    target: string;
    weight: string;
    method: string;
    mustPass: boolean;
  },
) {
  const g = criterion(page, n);
  await g.getByLabel('Metric').fill(c.metric);
  await g.getByLabel('Unit').fill(c.unit);
  await g.getByLabel('Baseline').fill(c.baseline);
  await g.getByLabel('Comparator').selectOption(c.comparator);
  await g.getByLabel('Target', { exact: true }).fill(c.target);
  await g.getByLabel('Weight').fill(c.weight);
  await g.getByLabel('Measurement method').fill(c.method);
  if (c.mustPass) await g.getByLabel('Must pass').check();
}

describe('the pilots screens', () => {
  it('a product manager scopes a pilot through the form, an approver approves it, it is run, evaluated and converted', async () => {
    const org = 'web-pilot-flow';
    const pm = await newPage(browser());
    await signIn(pm, org, 'olga', 'product-manager');
    await pm.getByRole('link', { name: 'Pilots' }).click();
    await pm.getByText('No pilots yet.').waitFor();
    await expectAccessible(pm, 'the empty pilots list');

    // the form: two criteria, one must-pass; a target that does not improve on its baseline first
    await pm.getByRole('button', { name: 'New pilot' }).click();
    const f = form(pm);
    await f.getByLabel('Client').fill('Westshire Transport Authority');
    await f.getByLabel('Title').fill('Automated GTFS timetable publication');
    await f
      .getByLabel('Objective')
      .fill('Publish every timetable change to the open-data feed within one working day.');
    await f
      .getByLabel('In scope (one per line)')
      .fill('Bus timetables of the northern depot\nGTFS export to the open-data portal');
    await f.getByLabel('Out of scope (one per line)').fill('Rail timetables');
    await f.getByLabel('Start date').fill('2027-02-01');
    await f.getByLabel('End date').fill('2027-04-30');
    await fillCriterion(pm, 1, {
      metric: 'Publication delay',
      unit: 'hours',
      baseline: '72',
      comparator: 'lte',
      target: '80',
      weight: '60',
      method: 'median delay between approval and publication, portal logs',
      mustPass: true,
    });
    await f.getByRole('button', { name: 'Add criterion' }).click();
    await fillCriterion(pm, 2, {
      metric: 'Feed validation pass rate',
      unit: '%',
      baseline: '91',
      comparator: 'gte',
      target: '99',
      weight: '40',
      method: 'MobilityData GTFS validator',
      mustPass: false,
    });
    await f.getByRole('button', { name: 'Create draft pilot' }).click();
    // the API's message, next to the field it names; nothing typed is lost
    const target = criterion(pm, 1).getByLabel('Target', { exact: true });
    await expect
      .poll(() => criterion(pm, 1).textContent(), POLL)
      .toMatch(/lte: the target must be below the baseline \(72\)/);
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    expect(await criterion(pm, 2).getByLabel('Metric').inputValue()).toBe('Feed validation pass rate');
    await expectAccessible(pm, 'the new-pilot form with a field error');
    await pm.setViewportSize(PHONE);
    await expectFitsWidth(pm, 'the new-pilot form with a field error');
    await pm.setViewportSize(LAPTOP);
    await target.fill('24');
    await f.getByRole('button', { name: 'Create draft pilot' }).click();

    // the detail: the warning the API returned, the milestones in the pilot's zone
    await pm.getByRole('heading', { level: 1, name: 'Automated GTFS timetable publication' }).waitFor();
    const pilotId = pm.url().split('/').pop() ?? '';
    expect(pilotId).toMatch(/^p-/);
    await expect
      .poll(() => pm.getByRole('region', { name: 'Warnings' }).textContent(), POLL)
      .toMatch(/no-conversion-terms/);
    const kickoff = pm.getByTestId('milestone-kickoff');
    await expect
      .poll(() => kickoff.textContent(), POLL)
      .toMatch(/Kickoff.*open.*1 Feb 2027, 23:59 UTC.*left/);
    expect(await pm.locator('.milestones li').count()).toBe(4);
    // draft → scoped is for an approver: the product manager has no such button
    expect(await pm.getByRole('button', { name: 'Approve scope' }).count()).toBe(0);

    // a stale scope edit: someone saves first, the edit is kept and the conflict shown
    await pm.getByRole('button', { name: 'Edit scope' }).click();
    const editor = pm.getByRole('form', { name: 'Edit scope' });
    await editor.getByLabel('Objective').fill('Publish every change within four working hours.');
    const theirs = await apiAs(
      org,
      'product-manager',
      'PATCH',
      `/pilots/${pilotId}`,
      { owner: 'pm-ivan' },
      {
        'if-match': '"1"',
      },
    );
    expect(theirs.status).toBe(200);
    await editor.getByRole('button', { name: 'Save scope' }).click();
    await expect
      .poll(() => editor.getByRole('alert').textContent(), POLL)
      .toMatch(/Someone else changed this pilot/);
    expect(await editor.getByLabel('Objective').inputValue()).toBe(
      'Publish every change within four working hours.',
    );
    await expectAccessible(pm, 'the scope conflict');
    await editor.getByRole('button', { name: 'Save mine over theirs' }).click();
    await expect
      .poll(() => pm.getByRole('region', { name: 'Objective and scope' }).textContent(), POLL)
      .toMatch(/within four working hours/);

    // the approver approves the scope
    const approver = await newPage(browser());
    await signIn(approver, org, 'carl', 'approver');
    await approver.goto(`${webStack().url}/app/pilots/${pilotId}`);
    await approver.getByRole('button', { name: 'Approve scope' }).click();
    await expect.poll(() => statusBadge(approver).textContent(), POLL).toBe('scoped');
    expect(await approver.getByRole('button', { name: 'Edit scope' }).count()).toBe(0);
    await approver.context().close();

    // the product manager starts it, begins the evaluation, records measurements and sees the scorecard
    await pm.reload();
    await pm.getByRole('button', { name: 'Start the pilot' }).click();
    await expect.poll(() => statusBadge(pm).textContent(), POLL).toBe('active');
    await pm.getByRole('button', { name: 'Begin evaluation' }).click();
    await expect.poll(() => statusBadge(pm).textContent(), POLL).toBe('evaluating');
    await pm.getByLabel('Measured Publication delay').fill('20');
    await pm.getByLabel('Source of Publication delay (optional)').fill('portal logs, March');
    await pm.getByLabel('Measured Feed validation pass rate').fill('97');
    await pm.getByRole('button', { name: 'Record and evaluate' }).click();
    const verdict = pm.getByTestId('recommendation');
    await expect.poll(() => verdict.textContent(), SLOW).toMatch(/Score 60 \/ 100/);
    const delay = pm.getByRole('row', { name: /Publication delay/ });
    expect(await delay.textContent()).toMatch(
      /must pass.*72 hours.*≤ 24 hours.*20 hours.*108% of the way.*pass.*\+4 hours vs target/,
    );
    const feed = pm.getByRole('row', { name: /Feed validation pass rate/ });
    expect(await feed.textContent()).toMatch(/97 %.*75% of the way.*fail/);
    expect(await verdict.textContent()).toMatch(
      /Recommendation: Extend the pilot.*below the conversion threshold 70/,
    );
    await expectAccessible(pm, 'the scorecard');

    // a second round of measurements: the earlier ones are kept, the feed now meets its target
    await expect
      .poll(() => pm.getByRole('region', { name: 'Record measurements' }).textContent(), POLL)
      .toMatch(/2 earlier measurements are kept/);
    await pm.getByLabel('Measured Feed validation pass rate').fill('99.2');
    await pm.getByRole('button', { name: 'Record and evaluate' }).click();
    await expect.poll(() => verdict.textContent(), SLOW).toMatch(/Score 100 \/ 100/);
    expect(await verdict.textContent()).toMatch(/Recommendation: Convert to a contract/);
    expect(await feed.textContent()).toMatch(/99\.2 %.*2 measurements.*pass/);
    await snap(pm, 'pilot-scorecard-1280');

    // convert (every must-pass criterion passed): the follow-on contract and its decision date
    await pm.getByRole('button', { name: 'Convert to a contract' }).click();
    await expect.poll(() => statusBadge(pm).textContent(), POLL).toBe('converted');
    await pm.getByRole('heading', { name: 'Follow-on contract' }).waitFor();
    await pm.getByText('This pilot is closed.').waitFor();

    // the audit trail and the charter
    await pm.getByRole('button', { name: 'Audit trail' }).click();
    const drawer = pm.getByRole('dialog', { name: 'Audit trail' });
    await expect.poll(() => drawer.textContent(), POLL).toMatch(/transition:evaluating->converted/);
    await expectAccessible(pm, 'the pilot audit drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await pm.getByRole('button', { name: 'Show the charter' }).click();
    await expect
      .poll(() => pm.getByRole('article', { name: 'Pilot charter' }).textContent(), POLL)
      .toMatch(/Success criteria/);
    await expectAccessible(pm, 'the pilot detail with its charter');
    await pm.setViewportSize(PHONE);
    await expectFitsWidth(pm, 'the pilot detail');

    // the list: status badge, the status filter
    await pm.setViewportSize(LAPTOP);
    await pm.getByRole('link', { name: '← Pilots' }).click();
    const list = pm.getByRole('list', { name: 'Pilots, newest first' });
    await expect
      .poll(() => list.textContent(), POLL)
      .toMatch(/Automated GTFS timetable publication.*converted/);
    await pm.getByLabel('Status').selectOption('draft');
    await pm.getByText('No pilot matches these filters.').waitFor();
    await pm.getByLabel('Status').selectOption('converted');
    await expect.poll(() => list.textContent(), POLL).toMatch(/Westshire Transport Authority/);
    await expectAccessible(pm, 'the pilots list');
    await snap(pm, 'pilots-list-1280');
    await pm.setViewportSize(PHONE);
    await expectFitsWidth(pm, 'the pilots list');
    await pm.context().close();
  });

  it('a viewer pages through the list and sees no edit or lifecycle control', async () => {
    const org = 'web-pilot-viewer';
    // 25 older pilots at once, then the newest
    const seed = async (client: string) =>
      expect((await apiAs(org, 'product-manager', 'POST', '/pilots', pilotInput({ client }))).status).toBe(
        201,
      );
    await Promise.all(Array.from({ length: 25 }, (_, i) => seed(`Client ${i + 1}`)));
    await seed('Client 26');
    const page = await newPage(browser(), { viewport: PHONE });
    await signIn(page, org, 'vera', 'viewer');
    await page.goto(`${webStack().url}/app/pilots`);
    const cards = page.getByRole('list', { name: 'Pilots, newest first' }).getByRole('listitem');
    await expect.poll(() => cards.count(), POLL).toBe(25);
    expect(await cards.first().textContent()).toMatch(/Client 26/);
    expect(await page.getByRole('button', { name: 'New pilot' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => cards.count(), POLL).toBe(26);
    const clients = await cards.evaluateAll((li) =>
      li.map((e) => /Client \d+/.exec(e.textContent ?? '')?.[0]),
    );
    expect(new Set(clients).size).toBe(26);
    await expectFitsWidth(page, 'the pilots list on a phone');
    await expectAccessible(page, 'the pilots list of a viewer');

    await cards.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Criteria scorecard' }).waitFor();
    await page.getByText('No step your role may take now.').waitFor();
    for (const name of ['Edit scope', 'Approve scope', 'Stop the pilot…', 'Record and evaluate'])
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    await expectFitsWidth(page, 'the pilot detail on a phone');
    await expectAccessible(page, 'the pilot detail of a viewer');
    await page.context().close();
  });

  it('stopping a pilot needs a reason, and works from the keyboard alone', async () => {
    const org = 'web-pilot-stop';
    const created = await apiAs(org, 'product-manager', 'POST', '/pilots', pilotInput());
    expect(created.status).toBe(201);
    const page = await newPage(browser());
    await signIn(page, org, 'olga', 'product-manager');
    await page.goto(`${webStack().url}/app/pilots/${created.json.id}`);
    await page.getByRole('button', { name: 'Stop the pilot…' }).focus();
    await page.keyboard.press('Enter');
    // the reason field has the focus; the confirmation waits for a reason
    const confirm = page.getByRole('button', { name: 'Confirm: stop the pilot' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.keyboard.type('The client withdrew its budget');
    await page.keyboard.press('Tab');
    expect(z.string().parse(await page.evaluate("document.activeElement?.textContent ?? ''"))).toBe(
      'Confirm: stop the pilot',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => statusBadge(page).textContent(), POLL).toBe('stopped');
    await expect
      .poll(() => page.getByRole('region', { name: 'Lifecycle' }).textContent(), POLL)
      .toMatch(/stopped.*“The client withdrew its budget”.*This pilot is closed\./);
    await expect.poll(() => page.getByTestId('milestone-kickoff').textContent(), POLL).toMatch(/cancelled/);
    await page.context().close();
  });
});
