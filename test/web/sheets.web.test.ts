import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeouts } from '../support/timeouts.ts';
import {
  chromiumForThisFile,
  expectAccessible,
  expectFitsWidth,
  importViaApi,
  newPage,
  PHONE,
  signIn,
  snap,
  tokenFor,
  webStack,
} from '../support/web.ts';
import { openpyxlEdit, openpyxlRead } from '../support/xlsx.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ruSpec = readFileSync(
  new URL('../fixtures/sheets/ru-44fz-technical-specification.xlsx', import.meta.url),
);
/** Headers the API cannot map for sure (integration test requirements-import: 422 with a candidate). */
const unsureCsv = (rows: string[]) =>
  Buffer.from(['Item,Details of the requirement for bidders,Notes', ...rows, ''].join('\n'));

const browser = chromiumForThisFile();

/** Click a control that downloads, and read the saved file. */
async function download(page: Page, name: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

const Items = z.object({
  items: z.array(z.object({ itemId: z.string(), requirementId: z.string(), version: z.number() })),
});

/** A colleague's change through the API (not the flow under test): the item moves to a newer version. */
async function assignViaApi(org: string, tenderId: string, requirementId: string, owner: string) {
  const token = await tokenFor(org, ['bid-manager'], 'olga');
  const headers = { authorization: `Bearer ${token}` };
  const list = Items.parse(
    await (await fetch(`${webStack().url}/tenders/${tenderId}/checklist?limit=1000`, { headers })).json(),
  );
  const item = list.items.find((i) => i.requirementId === requirementId);
  if (!item) throw new Error(`no item ${requirementId}`);
  const res = await fetch(`${webStack().url}/tenders/${tenderId}/checklist/${item.itemId}`, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json', 'if-match': `"${item.version}"` },
    body: JSON.stringify({ owner }),
  });
  expect(res.status).toBe(200);
}

describe('spreadsheets in the web app', () => {
  it('drops the 44-FZ XLSX (rejected rows shown), round-trips the matrix with a conflict, and forces the package', async () => {
    const org = 'web-sheets-xlsx';
    const page = await newPage(browser());
    await signIn(page, org, 'bella', 'bid-manager');
    await page
      .getByLabel(/Import a tender/)
      .setInputFiles({ name: 'ТЗ.xlsx', mimeType: XLSX, buffer: ruSpec });
    await page.getByText('8 requirements found').waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect.poll(() => rejected.getByRole('row').count()).toBe(4);
    await expect
      .poll(() => rejected.textContent())
      .toMatch(/19\s*mandatory: cannot read "возможно" as yes or no/);
    await page.getByText('Column mapping used').click();
    await page.getByText('column C — “Наименование требования”').waitFor();
    await page.getByRole('link', { name: 'Open the tender' }).waitFor({ timeout: timeouts.web.slow });
    await expectAccessible(page, 'the spreadsheet import result');
    await snap(page, 'import-sheet-1280');

    await page.getByRole('link', { name: 'Open the tender' }).click();
    await page.getByRole('heading', { name: /ТЕХНИЧЕСКОЕ ЗАДАНИЕ/ }).waitFor();
    const tenderId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByText('8 of 8 requirements').waitFor();

    // the matrix out: an XLSX named by the API, with every item
    const { file, bytes } = await download(page, 'Download compliance matrix (XLSX)');
    expect(file.suggestedFilename()).toBe(`compliance-matrix-${tenderId}.xlsx`);
    const sheet = openpyxlRead(bytes)['Compliance matrix'];
    if (!sheet) throw new Error('no matrix sheet');
    const refs = sheet.rows.slice(1).map((r) => r[0]?.v);
    expect(refs.sort()).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4']);
    const rowOf = (ref: string) => sheet.rows.findIndex((r) => r[0]?.v === ref) + 1;

    // edited in a spreadsheet program, while a colleague assigns 1.1 in the app
    const edited = openpyxlEdit(bytes, {
      [`Compliance matrix!E${rowOf('1.1')}`]: 'ivan',
      [`Compliance matrix!E${rowOf('1.2')}`]: 'maria',
    });
    await assignViaApi(org, tenderId, '1.1', 'oleg');
    await page
      .getByLabel('Upload filled matrix (XLSX or CSV)')
      .setInputFiles({ name: 'matrix.xlsx', mimeType: XLSX, buffer: edited });
    await page.getByText('1 applied, 6 unchanged, 1 conflict, 0 rejected').waitFor();
    const result = page.getByRole('table', { name: 'What happened to every row' });
    const conflict = result.getByRole('row').filter({ hasText: 'conflict' });
    await expect
      .poll(() => conflict.textContent())
      .toMatch(/Owner: the file says “ivan”, the item now says “oleg”/);
    await expect.poll(() => conflict.textContent()).toMatch(/Exported at version 1, now at version 2/);
    await expect
      .poll(() => result.getByRole('row').filter({ hasText: 'Объём оперативной памяти' }).textContent())
      .toMatch(/applied\s*Owner: “” → “maria”/);
    // the checklist refreshed: the applied owner is on the item
    await page.getByText('owner maria').waitFor();
    await expectAccessible(page, 'the matrix result');
    await snap(page, 'matrix-result-1280');

    // the package: refused with the blockers, then built with a reason
    await page.getByRole('button', { name: 'Build bid package' }).click();
    await page.getByText('Not built: the tender is not ready.').waitFor();
    await expect.poll(() => page.locator('.blockers li').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Build anyway' }).click();
    await page.getByText(/required: why the package is built/).waitFor();
    expect(await page.getByLabel('Reason for building it anyway').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the refused package');
    await page.getByLabel('Reason for building it anyway').fill('Answers go in the cover letter');
    await page.getByRole('button', { name: 'Build anyway' }).click();
    await page.getByText(/Bid package built \(forced/).waitFor();
    const link = page.getByRole('link', { name: 'Download the bid package (ZIP)' });
    const zip = Buffer.from(await (await fetch(String(await link.getAttribute('href')))).arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await page.getByText('Manifest').click();
    await page.getByText('compliance-matrix.xlsx').waitFor();
    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, 'the workspace with the matrix result and package');
    await page.context().close();
  });

  it('a CSV whose mapping is uncertain: the candidate shown, corrected, imported; then more rows added from the workspace', async () => {
    const page = await newPage(browser());
    await signIn(page, 'web-sheets-csv', 'bella', 'bid-manager');
    await page.getByLabel(/Import a tender/).setInputFiles({
      name: 'reqs.csv',
      mimeType: 'text/csv',
      buffer: unsureCsv(['1,Hold a valid operating licence,', '2,Named account manager,']),
    });
    await page.getByText('reqs.csv: the columns need your confirmation.').waitFor();
    expect(await page.getByLabel('Requirement text column').inputValue()).toBe('B');
    expect(await page.getByLabel('Header row (its last row)').inputValue()).toBe('1');
    await page.getByText('found “Details of the requirement for bidders”').waitFor();
    // checked as the API checks it, before anything is sent; the file stays chosen
    await page.getByLabel('Reference column (optional)').fill('1');
    await page.getByRole('button', { name: 'Import with this mapping' }).click();
    await page.getByText('a column letter, A to ZZ').waitFor();
    expect(await page.getByLabel('Reference column (optional)').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the mapping to confirm');
    await snap(page, 'import-mapping-1280');
    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, 'the mapping form');
    await page.setViewportSize({ width: 1280, height: 800 });
    // keyboard only: correct the letter and submit with Enter
    await page.getByLabel('Reference column (optional)').fill('a');
    await page.getByLabel('Reference column (optional)').press('Enter');
    await page.getByText('2 requirements found').waitFor();
    await page.getByRole('link', { name: 'Open the tender' }).click({ timeout: timeouts.web.slow });
    await page.getByText('2 of 2 requirements').waitFor();
    await page.getByRole('button', { name: 'Hold a valid operating licence', exact: true }).waitFor();

    // more rows from the workspace, in a file over 1 MB (the buyer's long notes): presigned upload first,
    // the same confirmation, then the checklist refreshes
    // (twelve notes columns of 29,400 characters each: a cell holds at most 32,767, as in Excel)
    const notes = Array(12).fill('Evidence may be requested at contract signature. '.repeat(600)).join(',');
    const notesHeader = Array.from({ length: 12 }, (_, i) => `Notes ${i + 1}`).join(',');
    const big = Buffer.from(
      [
        `Item,Details of the requirement for bidders,${notesHeader}`,
        `1,Hold a valid operating licence,${notes}`,
        `2,Named account manager,${notes}`,
        `3,Professional indemnity insurance of at least EUR 1 million,${notes}`,
        '',
      ].join('\n'),
    );
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const presigned = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/tenders/import-uploads'),
    );
    await page.getByLabel('Add requirements from a spreadsheet (XLSX or CSV)').setInputFiles({
      name: 'reqs-2.csv',
      mimeType: 'text/csv',
      buffer: big,
    });
    expect((await presigned).postDataJSON()).toEqual({ bytes: big.length });
    await page.getByText('reqs-2.csv: the columns need your confirmation.').waitFor();
    await page.getByLabel('Reference column (optional)').fill('A');
    await page.getByRole('button', { name: 'Import with this mapping' }).click();
    await page.getByText('3 requirements found').waitFor();
    await page.getByText('3 of 3 requirements').waitFor({ timeout: timeouts.web.slow });
    await page
      .getByRole('button', {
        name: 'Professional indemnity insurance of at least EUR 1 million',
        exact: true,
      })
      .waitFor();
    await expectAccessible(page, 'the workspace after adding requirements');
    await page.setViewportSize(PHONE);
    await expectFitsWidth(page, 'the workspace with the spreadsheet tools');
    await snap(page, 'sheets-390');
    await page.context().close();
  });

  it('a matrix over 200 rows: the empty state, the progress while the workflow applies it, then the counts and the rows not applied by requirement', async () => {
    const org = 'web-sheets-large';
    const token = await tokenFor(org, ['bid-manager'], 'bella');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const rows = 260;
    const reqs = [
      'Ref,Requirement,Mandatory',
      ...Array.from({ length: rows }, (_, i) => `L${i + 1},Large requirement number ${i + 1},Yes`),
    ].join('\n');
    const imported = await fetch(`${webStack().url}/tenders/requirements/import`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        file: { fileName: 'large.csv', content: Buffer.from(reqs).toString('base64') },
      }),
    });
    expect(imported.status).toBe(202);
    const tenderId = z.object({ tenderId: z.string() }).parse(await imported.json()).tenderId;
    const page = await newPage(browser());
    await signIn(page, org, 'bella', 'bid-manager');
    await page.goto(`${webStack().url}/app/tenders/${tenderId}`);
    await page.getByText(`${rows} of ${rows} requirements`).waitFor({ timeout: timeouts.web.slow });
    // empty: what to do, and no result yet
    await page.getByText('only the cells you changed apply').waitFor();
    expect(await page.getByRole('table', { name: /Rows not applied|What happened/ }).count()).toBe(0);

    const { bytes } = await download(page, 'Download compliance matrix (CSV)');
    await assignViaApi(org, tenderId, 'L7', 'oleg');
    const csv = bytes
      .toString('utf8')
      .split('\n')
      .map((line) =>
        line.startsWith('"L7",')
          ? line.replace(/^("L7","[^"]*","[^"]*","[^"]*",)"[^"]*"/, '$1"ivan"')
          : line.startsWith('"L9",')
            ? line.replace(/^("L9","[^"]*","[^"]*","[^"]*","[^"]*",)"[^"]*"/, '$1"maybe"')
            : /^"L\d+",/.test(line)
              ? line.replace(/^("L\d+","[^"]*","[^"]*","[^"]*",)"[^"]*"/, '$1"maria"')
              : line,
      )
      .join('\n');
    await page
      .getByLabel('Upload filled matrix (XLSX or CSV)')
      .setInputFiles({ name: 'matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    // running: the workflow's progress, polled
    await page.getByRole('progressbar', { name: 'matrix upload progress' }).waitFor();
    await page.getByText(/Applying matrix\.csv/).waitFor();
    await snap(page, 'matrix-running-1280');
    // done: counts in words, the stale and the rejected rows by their requirement
    await page
      .getByText(`${rows - 2} applied, 0 unchanged, 1 conflict, 1 rejected`)
      .waitFor({ timeout: timeouts.web.slow });
    const problems = page.getByRole('table', { name: 'Rows not applied' });
    await expect.poll(() => problems.getByRole('row').count()).toBe(3);
    await expect
      .poll(() => problems.getByRole('row').filter({ hasText: 'Large requirement number 7' }).textContent())
      .toMatch(/conflict.*Owner: the file says “ivan”, the item now says “oleg”/);
    await expect
      .poll(() => problems.getByRole('row').filter({ hasText: 'Large requirement number 9' }).textContent())
      .toMatch(/rejected.*Status: not a status: "maybe"/);
    await page.getByText('owner maria').first().waitFor();
    await expectAccessible(page, 'the large matrix result');
    await snap(page, 'matrix-large-result-1280');
    await page.context().close();
  });

  it('a viewer downloads the CSV matrix but sees no import, upload or package control', async () => {
    const tenderId = await importViaApi('web-sheets-view', 'norway-lot-tender.json');
    const page = await newPage(browser());
    await signIn(page, 'web-sheets-view', 'vic', 'viewer');
    await page.goto(`${webStack().url}/app/tenders/${tenderId}`);
    await page.getByRole('heading', { name: 'Cloud platform operations' }).waitFor();
    await page.getByRole('heading', { name: 'Spreadsheets and bid package' }).waitFor();
    const { file, bytes } = await download(page, 'Download compliance matrix (CSV)');
    expect(file.suggestedFilename()).toBe(`compliance-matrix-${tenderId}.csv`);
    const csv = bytes.toString('utf8');
    expect(csv).toMatch(/^\uFEFF?"?Reference"?,/);
    expect(csv).toContain('Yearly turnover (EUR)');
    expect(await page.getByLabel(/Add requirements from a spreadsheet/).count()).toBe(0);
    expect(await page.getByLabel(/Upload filled matrix/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Build bid package' }).count()).toBe(0);
    await expectAccessible(page, "the viewer's workspace");
    await page.context().close();
  });
});
