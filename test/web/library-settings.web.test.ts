import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumForThisFile,
  expectAccessible,
  expectFitsWidth,
  importViaApi,
  newPage,
  PHONE,
  signIn,
  snap,
  webStack,
} from '../support/web.ts';

const browser = chromiumForThisFile();

const openItem = async (page: Page, title: string) => {
  const toggle = page.getByRole('button', { name: title, exact: true });
  await toggle.click();
  return page.locator(`#${await toggle.getAttribute('aria-controls')}`);
};

describe('evidence library, settings and concurrent edits', () => {
  it('uploads a document with progress to the library (browser → presigned URL → complete), expiry shown', async () => {
    const page = await newPage(browser());
    await signIn(page, 'web-ev', 'bella', 'bid-manager');
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByText('The library is empty').waitFor();
    await page.getByLabel('Title').fill('ISO 27001 certificate');
    await page.getByLabel('Tags (comma-separated)').fill('security, iso');
    await page.getByLabel('Valid until').fill('2030-06-30');
    await page.getByLabel('File').setInputFiles({
      name: 'iso27001.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% a small real PDF header is enough for the library\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Uploaded “ISO 27001 certificate”.').waitFor();
    const row = page.getByRole('row', { name: /ISO 27001 certificate/ });
    await expect.poll(() => row.textContent()).toMatch(/valid until 30 Jun 2030/);
    await expect.poll(() => row.textContent()).toMatch(/security, iso/);
    await expectAccessible(page, 'the evidence library');
    await snap(page, 'evidence-1280');
    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, 'the evidence library');
    await page.context().close();
  });

  it('an admin saves a setting with If-Match; a stale save shows the conflict instead of overwriting', async () => {
    const first = await newPage(browser());
    const second = await newPage(browser());
    await signIn(first, 'web-set', 'ada', 'admin');
    await signIn(second, 'web-set', 'abe', 'admin');
    for (const page of [first, second]) {
      await page.goto(`${webStack().url}/app/settings`);
      // both have read the setting (never set: version 0) before either saves
      await page
        .getByTestId('setting-bid-policy-state')
        .getByText(/Not set yet/)
        .waitFor();
    }
    await first.getByRole('button', { name: 'Save bid policy' }).click();
    await first.getByText('Saved (version 1).').waitFor();
    await second.getByRole('button', { name: 'Save bid policy' }).click();
    await second.getByText('it is now at version 1').waitFor();
    await expectAccessible(second, 'the settings screen with a conflict');
    await snap(second, 'settings-1280');
    await second.getByRole('button', { name: 'Replace version 1 with mine on the next save' }).click();
    await second.getByRole('button', { name: 'Save bid policy' }).click();
    await second.getByText('Saved (version 2).').waitFor();
    // the first admin, now stale, chooses to load the newer version instead of overwriting it
    await first.getByRole('button', { name: 'Save bid policy' }).click();
    await first.getByRole('button', { name: 'Discard mine and load version 2' }).click();
    await first.getByTestId('setting-bid-policy-state').getByText('Loaded version 2.').waitFor();
    // the screen opens on what is stored, not on an example
    await second.reload();
    await second.getByTestId('setting-bid-policy-state').getByText('Loaded version 2.').waitFor();
    expect(JSON.parse(await second.getByLabel('Bid policy (JSON)').inputValue())).toMatchObject({
      bidAt: 65,
    });
    await second
      .getByTestId('setting-custom-dev-economics-state')
      .getByText(/Not set yet/)
      .waitFor();
    // bad input: the API's problem detail is shown, with the failing field
    await second.getByLabel('Bid policy (JSON)').fill('{"bidAt": 300}');
    await second.getByRole('button', { name: 'Save bid policy' }).click();
    await expect.poll(() => second.getByRole('alert').first().textContent()).toMatch(/bidAt/);
    await second.getByLabel('Custom-development economics (JSON)').fill('{"discountRate": 2}');
    await second.getByRole('button', { name: 'Save custom-development economics' }).click();
    await second
      .locator('form', { hasText: 'Custom-development economics' })
      .getByRole('alert')
      .getByText('discountRate')
      .waitFor();
    await second
      .getByLabel('Custom-development economics (JSON)')
      .fill('{"dayRate": 950, "currency": "EUR"}');
    await second.getByRole('button', { name: 'Save custom-development economics' }).click();
    await second.getByText('Saved (version 1).').waitFor();
    // an implausible working calendar: refused with its reasons, then kept on the admin's confirmation
    const calendar = second.locator('form', { hasText: 'Working calendar' });
    await second.getByLabel('Working calendar (JSON)').fill(
      JSON.stringify({
        calendars: [
          {
            country: 'RU',
            year: 2027,
            daysOff: ['2027-01-02', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
            workingDays: [],
            source: 'typed by hand',
          },
        ],
      }),
    );
    await second.getByRole('button', { name: 'Save working calendar' }).click();
    await calendar
      .getByRole('alert')
      .getByText(/2027-01-02 is a Saturday/)
      .waitFor();
    await calendar
      .getByRole('alert')
      .getByText(/2027-01-01 \(Friday, New Year holidays\)/)
      .waitFor();
    await calendar.getByRole('button', { name: 'Keep this calendar anyway' }).click();
    await calendar.getByText('Saved (version 1).').waitFor();
    await first.context().close();
    await second.context().close();
  });

  it('a checklist edit on a stale version (412) shows what changed and applies the edit on the latest', async () => {
    const tenderId = await importViaApi('web-cc', 'norway-lot-tender.json');
    const anna = await newPage(browser());
    const bob = await newPage(browser());
    await signIn(anna, 'web-cc', 'anna', 'bid-manager');
    await signIn(bob, 'web-cc', 'bob', 'bid-manager');
    for (const page of [anna, bob]) await page.goto(`${webStack().url}/app/tenders/${tenderId}`);
    const annaEditor = await openItem(anna, 'Yearly turnover (EUR)');
    const bobEditor = await openItem(bob, 'Yearly turnover (EUR)');
    await annaEditor.getByLabel('Owner').fill('anna');
    await annaEditor.getByRole('button', { name: 'Assign' }).click();
    await anna.getByText('owner anna').waitFor();

    await bobEditor.getByLabel('Answer (number)').fill('2500000');
    await bobEditor.getByRole('button', { name: 'Save answer' }).click();
    const conflict = bob.getByRole('alert').filter({ hasText: 'Someone else changed this item' });
    await expect.poll(() => conflict.textContent()).toMatch(/owner: — → anna/);
    await expectAccessible(bob, 'the workspace with a conflict');
    await bobEditor.getByRole('button', { name: 'Apply my change to the latest version' }).click();
    await bob.getByText('owner anna · answer 2500000').waitFor();
    expect(await conflict.count()).toBe(0);
    await anna.context().close();
    await bob.context().close();
  });
});
