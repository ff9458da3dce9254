import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../../functions/lib/roles.ts';
import { timeouts } from '../support/timeouts.ts';
import {
  chromiumForThisFile,
  expectAccessible,
  expectFitsWidth,
  importViaApi,
  LAPTOP,
  newPage,
  PHONE,
  signIn,
  signOut,
  snap,
  tokenFor,
  webStack,
} from '../support/web.ts';

const browser = chromiumForThisFile();

/** Seed what is not the flow under test through the API, as any client would. */
async function apiCall(
  org: string,
  roles: Role[],
  method: string,
  path: string,
  body?: unknown,
  etag?: string,
) {
  const token = await tokenFor(org, roles);
  const res = await fetch(`${webStack().url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(etag ? { 'if-match': etag } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return {
    etag: res.headers.get('etag') ?? '',
    json: z.looseObject({ requestId: z.string() }).parse(await res.json()),
  };
}
const seedRequest = (org: string, title: string) =>
  apiCall(org, ['product-manager'], 'POST', '/custom-dev-requests', {
    client: 'Trondheim kommune',
    title,
    problem: 'Case officers copy permit decisions into the archive by hand.',
    requestedFunctionality: 'File each permit decision in the municipal archive (Noark 5).',
    neededBy: '2031-06-30',
    strategicFit: 4,
  });

/** Fill the technical form as a product manager would. */
async function fillTechnical(form: Locator, o: string, m: string, p: string) {
  await form.getByLabel('Verdict').selectOption('feasible');
  await form.getByLabel('Optimistic').fill(o);
  await form.getByLabel('Likely').fill(m);
  await form.getByLabel('Pessimistic').fill(p);
}
/** Resize to a phone, let the charts re-measure (ResizeObserver, asynchronous), then the page must fit. */
async function onPhone(page: Page, what: string) {
  await page.setViewportSize(PHONE);
  await expect
    .poll(() => page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))
    .toBeLessThanOrEqual(0);
  await expectFitsWidth(page, what);
  await snap(page, `${what.replaceAll(' ', '-')}-390`);
  await page.setViewportSize(LAPTOP);
}
const technicalForm = (page: Page) => page.getByRole('form', { name: 'Technical assessment' });
const commercialForm = (page: Page) => page.getByRole('form', { name: 'Commercial terms' });

describe('custom-development requests in the browser', () => {
  it('a product manager requests, assesses and sees the business case; an approver overrides with a reason and reads the spec', async () => {
    const org = 'web-cdr';
    const page = await newPage(browser());
    await signIn(page, org, 'petra', 'product-manager');
    await page.getByRole('link', { name: 'Custom development' }).click();
    await page.getByText('No custom-development requests yet.').waitFor();
    await expectAccessible(page, 'the empty requests list');

    // the form: a missing field is named by the API, nothing is lost, then it is created once
    await page.getByRole('button', { name: 'New request' }).click();
    const dialog = page.getByRole('dialog', { name: 'New custom-development request' });
    await dialog.getByLabel('Client', { exact: true }).fill('Bergen kommune');
    await dialog.getByLabel('Title').fill('Export approved invoices to the municipal ERP');
    await dialog
      .getByLabel('Problem (what hurts the client today)')
      .fill('Invoices are re-typed into the ERP.');
    await dialog.getByRole('button', { name: 'Submit request' }).click();
    await dialog.locator('#nr-requestedFunctionality-err').waitFor();
    expect(await dialog.getByLabel('Client', { exact: true }).inputValue()).toBe('Bergen kommune');
    await dialog.getByLabel('Requested functionality').fill('Export approved invoices nightly.');
    await dialog.getByLabel('Needed by (optional)').fill('2031-03-31');
    await dialog.getByLabel('Strategic fit (1 = poor, 5 = core)').selectOption('4');
    await expectAccessible(page, 'the new request form');
    await dialog.getByRole('button', { name: 'Submit request' }).dblclick();
    await page.getByRole('heading', { name: 'Export approved invoices to the municipal ERP' }).waitFor();
    await page.getByText('31 Mar 2031, end of day (UTC)').first().waitFor();

    // technical: the API's ordering rule shows next to the field; then a valid estimate saves
    const tech = technicalForm(page);
    await fillTechnical(tech, '18', '25', '22');
    await tech.getByLabel('Dependencies (one per line)').fill('ERP import API');
    await tech.getByRole('button', { name: 'Save technical assessment' }).click();
    await tech.getByText('likely must not exceed pessimistic').waitFor();
    await tech.getByLabel('Likely').fill('20');
    await tech.getByRole('button', { name: 'Save technical assessment' }).click();
    await tech.getByText('Technical assessment saved.').waitFor();

    // commercial: a fixed price; the second input starts the assessment (202) and the page polls it
    const com = commercialForm(page);
    await com.getByLabel('Pricing model').selectOption('fixed');
    await com.getByLabel('Fixed price').fill('60000');
    await com.getByRole('button', { name: 'Save commercial terms' }).click();
    const recommendation = page.getByTestId('recommendation');
    await expect
      .poll(() => recommendation.textContent(), { timeout: timeouts.poll.workflow })
      .toMatch(/^Approve \(rule: worth-it\)/);
    expect(await page.getByTestId('next-step').textContent()).toMatch(/waiting for an approver/);
    const npv = page.locator('tr[data-figure="npv"]');
    await expect.poll(() => npv.textContent()).toMatch(/€\d{2},\d{3}\.\d{2}.*€\d{2},\d{3}\.\d{2}/);
    await npv.getByText('how').first().click();
    await npv
      .getByText(/Σ cash flow of month t/)
      .first()
      .waitFor();
    // the chart is drawn from the API's cash flows: both series, the zero line and the payback mark
    const chart = page.getByRole('figure').filter({ hasText: 'Cash flow, expected effort' });
    await chart.getByText('Paid back in month 0.').waitFor();
    expect(await chart.locator('.recharts-line').count()).toBe(2);
    await chart.getByText('payback: month 0').waitFor();
    await expectAccessible(page, 'the business case');
    await snap(page, 'request-case-1280');
    const requestPath = new URL(page.url()).pathname;
    await onPhone(page, 'request case');

    await page.getByRole('link', { name: '← Custom development' }).click();
    await page.getByRole('link', { name: 'Export approved invoices to the municipal ERP' }).waitFor();
    // the double click created one request
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByText('No request matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('recommended');
    await page.getByRole('row', { name: /recommended/ }).waitFor();
    await expectAccessible(page, 'the requests list');
    await snap(page, 'requests-list-1280');
    await onPhone(page, 'requests list');
    await signOut(page);

    // the approver overrides "approve" with "approve as a pilot": refused without a reason, accepted with one
    await signIn(page, org, 'arne', 'approver');
    await page.goto(`${webStack().url}${requestPath}`);
    const decision = page.getByRole('form', { name: 'Your decision' });
    await decision.getByLabel('Approve as a pilot').check();
    await decision.getByText('This overrides the recommendation (Approve): give a reason.').waitFor();
    await decision.getByRole('button', { name: 'Decide: Approve as a pilot' }).click();
    await decision
      .getByText('required: the recommendation is approve, the decision approve-as-pilot')
      .waitFor();
    await decision.getByText('overriding the recommendation needs a reason').waitFor();
    await decision.getByLabel('Reason (required)').fill('Only one municipality has asked: prove it first.');
    await decision.getByRole('button', { name: 'Decide: Approve as a pilot' }).click();
    await expect
      .poll(() => page.getByTestId('decision').textContent())
      .toMatch(/Approve as a pilot by arne on .* — overriding the recommendation/);
    const spec = page.getByRole('article', { name: 'Specification' });
    await expect
      .poll(() => spec.textContent(), { timeout: timeouts.poll.workflow })
      .toMatch(/I want export approved invoices nightly/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the specification (Markdown)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cdr-.+-specification\.md$/);
    const saved = await download.path();
    expect(readFileSync(saved, 'utf8')).toMatch(
      /^# Specification: Export approved invoices to the municipal ERP/,
    );
    const pilot = page.getByRole('link', { name: 'Open the pilot' });
    await expect
      .poll(() => pilot.getAttribute('href'), { timeout: timeouts.poll.workflow })
      .toMatch(/^\/app\/pilots\/.+/);
    await expectAccessible(page, 'the decided request');
    await snap(page, 'request-decided-1280');

    // the audit drawer tells the story
    await page.getByRole('button', { name: 'Audit trail' }).click();
    const drawer = page.getByRole('dialog', { name: 'Audit trail' });
    await expect.poll(() => drawer.getByText('arne', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the request audit drawer');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('a stale technical save (two pages) shows the conflict and keeps the input for a retry', async () => {
    const org = 'web-cdr-412';
    const { json } = await seedRequest(org, 'Archive permit decisions');
    const first = await newPage(browser());
    const second = await newPage(browser());
    await signIn(first, org, 'pia', 'product-manager');
    await signIn(second, org, 'per', 'product-manager');
    for (const page of [first, second]) {
      await page.goto(`${webStack().url}/app/requests/${json.requestId}`);
      await page.getByRole('heading', { name: 'Archive permit decisions' }).waitFor();
    }
    await fillTechnical(technicalForm(first), '5', '8', '12');
    await technicalForm(first).getByRole('button', { name: 'Save technical assessment' }).click();
    await technicalForm(first).getByText('Technical assessment saved.').waitFor();

    const tech = technicalForm(second);
    await fillTechnical(tech, '10', '15', '30');
    await tech.getByLabel('Risks (one per line)').fill('Noark 5 certification');
    await tech.getByRole('button', { name: 'Save technical assessment' }).click();
    const conflict = tech
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed the technical assessment' });
    await expect.poll(() => conflict.textContent()).toMatch(/Now: feasible, 5\/8\/12 days/);
    expect(await tech.getByLabel('Pessimistic').inputValue()).toBe('30');
    expect(await tech.getByLabel('Risks (one per line)').inputValue()).toBe('Noark 5 certification');
    await expectAccessible(second, 'the technical form with a conflict');
    await tech.getByRole('button', { name: 'Save mine over theirs' }).click();
    await tech.getByText('Technical assessment saved.').waitFor();
    expect(await conflict.count()).toBe(0);
    await first.reload();
    await expect.poll(() => technicalForm(first).getByLabel('Pessimistic').inputValue()).toBe('30');
    await first.context().close();
    await second.context().close();
  });

  it('a viewer pages through requests (Load more) and sees no request, edit or decide controls', async () => {
    const org = 'web-cdr-view';
    // 26 requests: one more than a page; the oldest is the one opened below
    const { json } = await seedRequest(org, 'Sign permits electronically');
    for (let i = 1; i <= 25; i++) await seedRequest(org, `Follow-up request ${i}`);
    const page = await newPage(browser());
    await signIn(page, org, 'vera', 'viewer');
    await page.getByRole('link', { name: 'Custom development' }).click();
    // newest first, 25 to a page
    await page.getByRole('link', { name: 'Follow-up request 25' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(26);
    expect(await page.getByRole('link', { name: 'Sign permits electronically' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('link', { name: 'Sign permits electronically' }).click();
    await page.getByTestId('next-step').getByText('Waiting for a product manager').waitFor();
    expect(await page.getByRole('button', { name: 'New request' }).count()).toBe(0);
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    // everything a viewer may still do: the audit trail
    expect(await page.getByRole('button').allTextContents()).toEqual(['Sign out', 'Audit trail']);
    expect(page.url()).toContain(json.requestId);
    await expectAccessible(page, 'a request, read-only');
    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, 'a request on a phone');
    await page.context().close();
  });

  it('from the tender workspace: an item becomes a request, and the item then links to it', async () => {
    const org = 'web-cdr-item';
    const tenderId = await importViaApi(org, 'norway-lot-tender.json');
    const page = await newPage(browser());
    await signIn(page, org, 'bella', 'bid-manager');
    await page.goto(`${webStack().url}/app/tenders/${tenderId}`);
    const toggle = page.getByRole('button', { name: 'Engineers on the lot', exact: true });
    await toggle.click();
    const editor = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    const form = editor.getByRole('form', { name: 'Request custom development' });
    await form.getByLabel('Strategic fit (1–5)').selectOption('2');
    await form.getByRole('button', { name: 'Request custom development' }).click();
    // the new request, prefilled from the tender, links back to the requirement
    await page.getByText('2 of 5').waitFor();
    const back = page.getByRole('link', { name: 'the requirement in its tender' });
    expect(await back.getAttribute('href')).toMatch(new RegExp(`^/app/tenders/${tenderId}\\?item=.+`));
    await expectAccessible(page, 'a request made from an item');
    await back.click();
    const reopened = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    await reopened.getByRole('link', { name: 'open the request' }).waitFor();
    expect(await reopened.getByRole('button', { name: 'Request custom development' }).count()).toBe(0);
    await expectAccessible(page, 'the workspace with a linked item');
    await page.context().close();
  });
});
