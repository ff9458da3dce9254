import { beforeAll, describe, expect, it } from 'vitest';
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
beforeAll(async () => {
  await importViaApi('web-dl', 'russia-44fz-tender.json', '?timeZone=Europe/Moscow');
});

describe('the deadlines screen', () => {
  it('recording "draft contract received" shows the 44-FZ signing deadline, and a later one moves it', async () => {
    // the user works in Moscow, so the form's local time is the buyer's
    const page = await newPage(browser(), { timezoneId: 'Europe/Moscow' });
    await signIn(page, 'web-dl', 'bella', 'bid-manager');
    await page.getByRole('link', { name: 'Deadlines' }).click();
    await page.getByTestId('deadline-submission').waitFor();

    const record = async (at: string) => {
      await page.getByRole('combobox', { name: /^Tender/ }).selectOption({ label: 'Поставка' });
      await page.getByRole('combobox', { name: /^Event/ }).selectOption('draft-contract-received');
      await page.getByLabel('When (your time)').fill(at);
      await page.getByRole('button', { name: 'Record' }).click();
    };
    await record('2026-12-29T15:00');
    const signing = page.getByTestId('deadline-contract-signing');
    // 30 Dec; 31 Dec off; 1–8 Jan holidays; 9–10 Jan weekend; 11–14 Jan → the end of 14 Jan in Moscow
    await expect.poll(() => signing.getByTestId('due').textContent()).toMatch(/14 Jan 2027, 23:59/);

    await record('2027-01-11T10:00');
    await expect.poll(() => signing.getByTestId('due').textContent()).toMatch(/18 Jan 2027, 23:59.*moved 1×/);

    // the law it cites, and that the rule was not checked against the current text, in words
    await expect
      .poll(() => signing.getByTestId('citation').textContent())
      .toMatch(/44-FZ.*article 51, part 3/);
    await expect
      .poll(() => signing.getByTestId('unverified').textContent())
      .toMatch(/Not yet checked against the current text of the law/);

    // the legal basis on hover
    await signing.getByRole('button').first().hover();
    await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/44-FZ/);
    await expectAccessible(page, 'the deadlines screen');
    await snap(page, 'deadlines-1280');

    // the alerts inbox lists the moved deadline
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await expect.poll(() => page.locator('.alerts .badge.moved').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('fits a 390-px phone', async () => {
    const page = await newPage(browser(), { viewport: PHONE });
    await signIn(page, 'web-dl', 'bella', 'bid-manager');
    await page.goto(`${webStack().url}/app/deadlines`);
    await page.getByTestId('deadline-submission').waitFor();
    await expectFitsWidth(page, 'the deadlines screen');
    await snap(page, 'deadlines-390');
    await page.context().close();
  });
});
