import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { z } from 'zod';
import type { Role } from '../../functions/lib/roles.ts';
import { mintToken } from '../../infra/local/keys.ts';
import { projectRoot } from '../../infra/local/stack.ts';
import { launchChromium } from './chromium.ts';
import { timeouts } from './timeouts.ts';

/** Helpers for the browser tests (test/web): the `npm start` they run against, sign-in, axe, screenshots. */
export const webStack = () => inject('webStack');

export const artifactsDir = join(projectRoot, 'test', 'web', 'artifacts');
mkdirSync(artifactsDir, { recursive: true });

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** One Chromium for the test file that calls this at its top level: launched before its tests, closed after them. */
export function chromiumForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium starts in beforeAll: ask for it inside a test');
    return browser;
  };
}

export async function newPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? LAPTOP,
    timezoneId: opts.timezoneId ?? 'Europe/Oslo',
    locale: 'en-GB',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeouts.web.action);
  return page;
}

/** The local sign-in page, as a user fills it. */
export async function signIn(page: Page, org: string, user: string, role: Role): Promise<void> {
  await page.goto(`${webStack().url}/app/sign-in`);
  await page.getByLabel('Organisation').fill(org);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // signed in: the app shell, on the page the user came from (or Tenders)
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Tenderflow' }).waitFor();
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility of ${what}`).toEqual([]);
}

/** A full-page screenshot saved as a test artefact (test/web/artifacts, git-ignored). */
export const snap = (page: Page, name: string) =>
  page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });

/** The page has no horizontal scroll at its width (it fits a 390-px phone). */
export async function expectFitsWidth(page: Page, what: string): Promise<void> {
  const overflow = z
    .number()
    .parse(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  // the innermost elements past the right edge, to say what overflows
  const past = z.string().parse(
    await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 &&
        ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') +
        ' "' + (e.textContent || '').slice(0, 60) + '"').join('; ')`),
  );
  expect(overflow, `${what} overflows horizontally by ${overflow}px (${past})`).toBeLessThanOrEqual(0);
}

export const fixture = (name: string) => join(projectRoot, 'test', 'web', 'fixtures', name);
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');

export const tokenFor = (org: string, roles: Role[], user = 'api') =>
  mintToken(webStack().dataDir, { org, user, roles });

/** Import a tender through the API (for tests whose subject is not the import itself); waits for intake. */
export async function importViaApi(org: string, file: string, query = ''): Promise<string> {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await fetch(`${webStack().url}/tenders/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: fixtureText(file),
  });
  expect(res.status).toBeLessThan(300);
  const { tenderId } = z.object({ tenderId: z.string() }).parse(await res.json());
  const deadline = Date.now() + timeouts.poll.workflow;
  while (Date.now() < deadline) {
    const t = await fetch(`${webStack().url}/tenders/${tenderId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (t.ok && z.object({ status: z.string() }).parse(await t.json()).status !== 'importing')
      return tenderId;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tender ${tenderId} did not finish intake`);
}
