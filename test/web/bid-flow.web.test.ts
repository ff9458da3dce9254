import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { timeouts } from '../support/timeouts.ts';
import {
  chromiumForThisFile,
  expectAccessible,
  expectFitsWidth,
  fixture,
  newPage,
  PHONE,
  signIn,
  signOut,
  snap,
  webStack,
} from '../support/web.ts';

const browser = chromiumForThisFile();

/** Open an item's inline editor by its title. */
const openItem = async (page: Page, title: string) => {
  const toggle = page.getByRole('button', { name: title, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.locator(`#${await toggle.getAttribute('aria-controls')}`);
};

let tenderPath = '';

describe('the bid manager flow in the browser', () => {
  it('sign in → import by file → assign and answer → reviewer approves → readiness turns ready', async () => {
    const page = await newPage(browser());
    await signIn(page, 'web-bids', 'bella', 'bid-manager');
    await expect.poll(() => page.getByText('No tenders yet.').isVisible()).toBe(true);
    await expectAccessible(page, 'the empty tenders list');

    // import: the file input inside the drop zone, as a user choosing a file
    await page.getByLabel(/Import a tender/).setInputFiles(fixture('norway-lot-tender.json'));
    await page.getByRole('link', { name: 'Open the tender' }).waitFor({ timeout: timeouts.web.slow });
    await expect.poll(() => page.getByText(/succeeded — 1 of 1 ready/).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Cloud platform operations' }).waitFor();
    await expectAccessible(page, 'the tenders list');
    await snap(page, 'tenders-1280');

    await page.getByRole('link', { name: 'Open the tender' }).click();
    await page.getByRole('heading', { name: 'Cloud platform operations' }).waitFor();
    tenderPath = new URL(page.url()).pathname;
    // grouped by criterion; the OR-criterion's groups shown as alternatives
    await page.getByText('2 alternatives: satisfying one satisfies the criterion').waitFor();
    await expect
      .poll(() => page.getByText('or alternative 2 of 2 (G2)', { exact: true }).isVisible())
      .toBe(true);

    // a typed answer is checked as the API checks it, before anything is sent
    let editor = await openItem(page, 'Engineers on the lot');
    await editor.getByLabel('Answer (integer)').fill('2.5');
    await editor.getByText('expected an integer, got 2.5').waitFor();
    await editor.getByRole('button', { name: 'Save answer' }).click();
    await expect.poll(() => editor.getByText('expected an integer, got 2.5').isVisible()).toBe(true);
    await editor.getByLabel('Owner').fill('carl');
    await editor.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('owner carl').waitFor();
    await editor.getByLabel('Answer (integer)').fill('3');
    await editor.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('owner carl · answer 3').waitFor();

    editor = await openItem(page, 'Bank guarantee provided');
    await editor.getByLabel('Answer (boolean)').selectOption('true');
    await editor.getByRole('button', { name: 'Save answer' }).click();
    await page.getByText('unassigned · answer true').waitFor();
    await expectAccessible(page, 'the workspace with an item open');
    await snap(page, 'workspace-1280');

    await page.getByRole('link', { name: 'Readiness and bid/no-bid' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/Not ready/);
    await signOut(page);

    // the reviewer approves both answers
    await signIn(page, 'web-bids', 'rita', 'reviewer');
    await page.goto(`${webStack().url}${tenderPath}`);
    for (const title of ['Engineers on the lot', 'Bank guarantee provided']) {
      editor = await openItem(page, title);
      await editor.getByRole('button', { name: 'Approve' }).click();
      await editor.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' });
    }
    await page.getByRole('link', { name: 'Readiness and bid/no-bid' }).click();
    await expect.poll(() => page.getByTestId('verdict').textContent()).toMatch(/Ready to submit/);
    await page.getByText(/Score \d+\/100/).waitFor();
    await expectAccessible(page, 'the readiness screen');
    await snap(page, 'readiness-1280');

    // the audit trail drawer lists the reviewer's and the bid manager's changes
    await page.getByRole('link', { name: /Cloud platform operations/ }).click();
    await page.getByRole('button', { name: 'Audit trail' }).click();
    const drawer = page.getByRole('dialog', { name: 'Audit trail' });
    await expect.poll(() => drawer.getByText('rita', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the audit drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('fits a 390-px phone: tenders, workspace and readiness without horizontal scrolling', async () => {
    const page = await newPage(browser(), { viewport: PHONE });
    await signIn(page, 'web-bids', 'bella', 'bid-manager');
    await page.getByRole('link', { name: 'Cloud platform operations' }).waitFor();
    await expectFitsWidth(page, 'the tenders list');
    await snap(page, 'tenders-390');
    await page.goto(`${webStack().url}${tenderPath}`);
    await page.getByRole('button', { name: 'Engineers on the lot', exact: true }).waitFor();
    await expectFitsWidth(page, 'the workspace');
    await expectAccessible(page, 'the workspace on a phone');
    await snap(page, 'workspace-390');
    await page.goto(`${webStack().url}${tenderPath}/readiness`);
    await page.getByTestId('verdict').waitFor();
    await expectFitsWidth(page, 'the readiness screen');
    await snap(page, 'readiness-390');
    await page.context().close();
  });

  it('a viewer sees the checklist but no edit controls', async () => {
    const page = await newPage(browser());
    await signIn(page, 'web-bids', 'vic', 'viewer');
    await page.getByRole('link', { name: 'Cloud platform operations' }).waitFor();
    expect(await page.getByLabel(/Import a tender/).count()).toBe(0);
    await page.goto(`${webStack().url}${tenderPath}`);
    const editor = await openItem(page, 'Engineers on the lot');
    await editor.getByText('Evidence').waitFor();
    expect(await editor.getByRole('button').count()).toBe(0);
    expect(await editor.getByRole('textbox').count()).toBe(0);
    await page.context().close();
  });

  it("another organisation's tender URL shows “not found”", async () => {
    const page = await newPage(browser());
    await signIn(page, 'web-other', 'olga', 'bid-manager');
    await page.goto(`${webStack().url}${tenderPath}`);
    await page.getByRole('alert').getByText('Not found').waitFor();
    expect(await page.getByText('Cloud platform operations').count()).toBe(0);
    await page.context().close();
  });
});
