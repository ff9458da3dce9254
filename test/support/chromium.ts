import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (apt-get install chromium), found by CHROMIUM_PATH or `which chromium`. Playwright's own
 * browser download is not used: playwright-core drives this binary through `executablePath`.
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  let found = '';
  try {
    found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    found = '';
  }
  if (!found)
    throw new Error(
      "no Chromium: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary",
    );
  // Debian's /usr/bin/chromium is a shell launcher; the browser binary sits beside its libraries.
  const binary = '/usr/lib/chromium/chromium';
  return realpathSync(found).endsWith('/chromium') && existsSync(binary) ? binary : found;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
