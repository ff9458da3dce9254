import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { mintToken } from '../infra/local/keys.ts';
import { startLocalStack } from '../infra/local/stack.ts';
import { ensureWebBuild, webDist } from '../infra/local/web-build.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { generateRelease } from './intake.ts';

/** Budgets of issue #12: initial JavaScript ≤ 200 KB gzipped; the 500-item workspace interactive in < 1.5 s. */
export const WEB_BUDGET = { initialJsKb: 200, workspace500Ms: 1500 } as const;

/** The JavaScript the first page load needs: index.html's module script and its modulepreloads, gzipped. */
export function initialJs(): { files: string[]; gzipKb: number; rawKb: number } {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const bytes = files.map((f) => readFileSync(join(webDist, 'assets', f)));
  const kb = (n: number) => +(n / 1024).toFixed(1);
  return {
    files,
    rawKb: kb(bytes.reduce((s, b) => s + b.length, 0)),
    gzipKb: kb(bytes.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0)),
  };
}

/** Runs in the page: scroll the checklist to its end a step per frame, timing the frames (a string: no DOM types here). */
const SCROLL_THROUGH = `(async () => {
  const list = document.querySelector('.checklist');
  const intervals = [];
  let last = performance.now();
  while (list.scrollTop + list.clientHeight < list.scrollHeight - 1) {
    list.scrollTop += 120;
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    intervals.push(now - last);
    last = now;
  }
  const sorted = [...intervals].sort((a, b) => a - b);
  return {
    frames: intervals.length,
    p95FrameMs: +(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1),
    maxFrameMs: +(sorted.at(-1) ?? 0).toFixed(1),
    rowsInDom: list.querySelectorAll('li').length,
  };
})()`;
const Scroll = z.object({
  frames: z.number(),
  p95FrameMs: z.number(),
  maxFrameMs: z.number(),
  rowsInDom: z.number(),
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * The tender workspace with 500 checklist items in headless Chromium: from navigation to the first item
 * answering a click (its editor open), a fresh browser context (cold cache) each run; then a scroll through
 * the whole list, with frame intervals and the number of rows in the DOM (virtualised: a screenful, not 500).
 */
export async function measureWorkspace(runs = 5) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenderflow-bench-web-'));
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    sweepEveryMs: 0,
    quiet: true,
    web: { distDir: webDist },
  });
  const browser = await launchChromium();
  try {
    const token = await mintToken(dataDir, { org: 'bench-web', user: 'bench', roles: ['bid-manager'] });
    const doc = generateRelease('ocds-bench-web-500', 50, 2, 5);
    const res = await fetch(`${stack.apiUrl}/tenders/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: doc.body,
    });
    const { tenderId } = z.object({ tenderId: z.string() }).parse(await res.json());
    await stack.engine.idle();
    const url = `${stack.apiUrl}/app/tenders/${tenderId}`;
    const times: number[] = [];
    let scroll = { frames: 0, p95FrameMs: 0, maxFrameMs: 0, rowsInDom: 0 };
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript((t) => sessionStorage.setItem('tenderflow.token', t), token);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(url);
      const first = page.locator('.item-toggle').first();
      await first.click();
      await page.locator('.editor').first().waitFor();
      times.push(performance.now() - started);
      if (i === runs - 1) {
        scroll = Scroll.parse(await page.evaluate(SCROLL_THROUGH));
      }
      await context.close();
    }
    return {
      requirements: doc.requirements,
      runsMs: times.map((t) => +t.toFixed(0)),
      medianMs: +median(times).toFixed(0),
      scroll,
    };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureWeb() {
  await ensureWebBuild({ log: console.log });
  const js = initialJs();
  const workspace = await measureWorkspace();
  return {
    initialJs: { ...js, budgetKb: WEB_BUDGET.initialJsKb, ok: js.gzipKb <= WEB_BUDGET.initialJsKb },
    workspace500: {
      ...workspace,
      budgetMs: WEB_BUDGET.workspace500Ms,
      ok: workspace.medianMs < WEB_BUDGET.workspace500Ms,
    },
  };
}

// `node --import tsx bench/web.ts` (npm run bench:web): the web budgets alone
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureWeb();
  console.log(JSON.stringify(result, null, 2));
}
