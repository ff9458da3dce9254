import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { call, eventually, stack, tokenFor, waitForTender } from '../support/api.ts';
import { exampleFiles, readExampleText } from '../support/fixtures.ts';

/** Every example that is a tender (the two Prozorro criteria-template files are lists of criteria, not tenders). */
const tenderExamples = () => exampleFiles().filter((f) => !f.startsWith('prozorro-standards-criteria'));

/** Executions started for one organisation (other test files run in parallel). */
const executionCount = async (org: string) =>
  ((await (await fetch(`${stack().sfnUrl}/executions`)).json()) as { input: string }[]).filter(
    (e) => JSON.parse(e.input).org === org,
  ).length;
const objectsOf = async (org: string) =>
  (await s3().send(new ListObjectsV2Command({ Bucket: process.env.BUCKET_NAME, Prefix: `orgs/${org}/` })))
    .KeyCount ?? 0;

describe('POST /tenders/import with the real OCDS examples', () => {
  it.each(tenderExamples())('imports %s to a ready tender, its raw document kept in S3', async (file) => {
    const org = `imp-${file.length}-${Date.now() % 100000}`;
    const token = await tokenFor(org);
    const res = await call('POST', '/tenders/import', { token, body: readExampleText(file) });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/tenders/${res.json.tenderId}`);
    expect(String(res.json.executionId)).toMatch(/^arn:aws:states:.+:execution:tender-intake:/);

    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender.status).toBe('ready');
    expect(tender.ocid).toBe((res.json.imports as { ocid: string }[])[0]?.ocid);
    expect(typeof tender.timeZone).toBe('string');
    expect(await objectsOf(org)).toBeGreaterThanOrEqual(2); // raw + normalised
  });

  it('reads the tender back with exact instants, and another organisation gets 404', async () => {
    const token = await tokenFor('acme');
    const res = await call('POST', '/tenders/import', {
      token,
      body: readExampleText('paraguay-274231-tender-release-1.1.json'),
    });
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender).toMatchObject({
      ocid: 'ocds-03ad3f-274231',
      status: 'ready',
      value: { amount: 600000000, currency: 'PYG' },
      periods: {
        tender: { start: '2016-03-15T11:30:00.000Z', end: null },
        award: { end: '2016-03-16T14:42:48.000Z' },
      },
    });
    expect(tender.warnings).toContainEqual({ path: 'tender.tenderPeriod.endDate', message: 'missing' });

    const other = await call('GET', `/tenders/${res.json.tenderId}`, {
      token: await tokenFor('globex', ['admin']),
    });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });

  it('takes the buyer time zone from the import option', async () => {
    const token = await tokenFor('tz-org');
    const res = await call('POST', '/tenders/import?timeZone=America/Asuncion', {
      token,
      body: readExampleText('paraguay-280555-record-package-1.1.json'),
    });
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender).toMatchObject({ timeZone: 'America/Asuncion', timeZoneSource: 'import-option' });
  });
});

describe('an eForms notice with exclusion grounds', () => {
  it('imports them as exclusion items of the checklist, each with its eForms and ESPD codes', async () => {
    const token = await tokenFor('eforms-exclusion');
    const res = await call('POST', '/tenders/import', {
      token,
      body: readExampleText('ContractNotice_cn-standard_2024-102199_release_0.json'),
    });
    expect(res.status).toBe(202);
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender.status).toBe('ready');

    const list = await call('GET', `/tenders/${res.json.tenderId}/checklist?category=exclusion&limit=100`, {
      token,
    });
    expect(list.status).toBe(200);
    const items = list.json.items as {
      criterionId: string;
      title: Record<string, string>;
      dataType: string | null;
      classification: { scheme: string | null; id: string } | null;
      codes?: { scheme: string; id: string }[];
    }[];
    expect(items).toHaveLength(24);
    const fraud = items.find((i) => i.criterionId === 'exclusionGrounds[fraud]');
    expect(fraud).toMatchObject({
      title: { en: 'Fraud' },
      dataType: 'boolean',
      classification: { scheme: 'ESPD211', id: 'CRITERION.EXCLUSION.CONVICTIONS.FRAUD' },
      codes: [
        { scheme: 'eforms-exclusion-ground', id: 'fraud' },
        { scheme: 'eforms-exclusion-ground', id: 'exg-crim-fraud' },
        { scheme: 'ESPD211', id: 'CRITERION.EXCLUSION.CONVICTIONS.FRAUD' },
      ],
    });
    expect(items.every((i) => i.classification?.scheme === 'ESPD211')).toBe(true);
  });
});

describe('POST /tenders/import with bad input stores nothing and starts nothing', () => {
  const org = 'bad-input';
  const cases: [string, { body: string | Buffer; contentType?: string }, number, string][] = [
    ['non-JSON', { body: '{"ocid": "x",' }, 400, 'the body is not valid JSON'],
    ['a wrong content type', { body: '{"ocid":"x"}', contentType: 'text/plain' }, 415, 'text/plain'],
    [
      'a body over 1 MB',
      { body: JSON.stringify({ ocid: 'x', pad: 'x'.repeat(1024 * 1024) }) },
      413,
      'limit is 1048576 bytes',
    ],
    [
      'JSON that is not OCDS',
      { body: JSON.stringify({ title: 'a tender?' }) },
      400,
      'does not identify a contracting process',
    ],
    [
      'a release with an empty ocid',
      { body: JSON.stringify({ ocid: '', tender: {} }) },
      400,
      'does not identify',
    ],
    ['an empty release package', { body: JSON.stringify({ releases: [] }) }, 400, 'no usable release'],
  ];

  it.each(cases)('%s → %i problem+json', async (_name, req, status, detail) => {
    const token = await tokenFor(org);
    const before = await executionCount(org);
    const res = await call('POST', '/tenders/import', { token, ...req });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(String(res.json.detail)).toContain(detail);
    expect(await objectsOf(org)).toBe(0);
    expect(await executionCount(org)).toBe(before);
    const list = await call('GET', '/tenders', { token });
    expect(list.json.items).toEqual([]);
  });

  it('names the field: a package release without an ocid', async () => {
    const res = await call('POST', '/tenders/import', {
      token: await tokenFor(org),
      body: JSON.stringify({ releases: [{ id: 'r1' }] }),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'releases[0].ocid', message: 'missing or empty: a release needs an ocid' },
    ]);
  });

  it('an unknown time zone option is a 400 naming the parameter', async () => {
    const res = await call('POST', '/tenders/import?timeZone=Mars/Olympus', {
      token: await tokenFor(org),
      body: JSON.stringify({ ocid: 'o-1', tender: {} }),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.path).toBe('query:timeZone');
  });
});

describe('tokens and roles', () => {
  const body = JSON.stringify({ ocid: 'ocds-auth-1', tender: { title: 'x' } });

  it('a missing, expired or forged token is a 401 before any handler runs', async () => {
    const before = await executionCount('acme');
    expect((await call('POST', '/tenders/import', { body })).status).toBe(401);
    const expired = await tokenFor('acme', ['admin'], 'alice', -60);
    expect((await call('GET', '/tenders', { token: expired })).status).toBe(401);
    const good = await tokenFor('acme', ['admin']);
    const [h, p] = good.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(String(p), 'base64url').toString()),
        'custom:org': 'globex',
      }),
    ).toString('base64url');
    const forged = `${h}.${forgedPayload}.${good.split('.')[2]}`;
    expect((await call('GET', '/tenders', { token: forged })).status).toBe(401);
    expect(await executionCount('acme')).toBe(before);
  });

  it('a viewer cannot import (403) but can read', async () => {
    const token = await tokenFor('acme', ['viewer']);
    expect((await call('POST', '/tenders/import', { token, body })).status).toBe(403);
    expect((await call('GET', '/tenders', { token })).status).toBe(200);
  });

  it('/health and /openapi.json need no token', async () => {
    const health = await call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      status: 'ok',
      checks: { dynamodb: { ok: true }, s3: { ok: true }, workflows: { ok: true } },
    });
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
  });
});

describe('GET /tenders', () => {
  it('pages with a cursor bound to the organisation', async () => {
    const org = 'pager';
    const token = await tokenFor(org);
    for (const n of [1, 2, 3]) {
      const res = await call('POST', '/tenders/import', {
        token,
        body: JSON.stringify({ ocid: `ocds-page-${n}`, tender: { title: `T${n}` } }),
      });
      expect(res.status).toBe(202);
      await waitForTender(token, String(res.json.tenderId));
    }
    const first = await call('GET', '/tenders?limit=2', { token });
    expect(first.json.items).toHaveLength(2);
    expect(typeof first.json.nextCursor).toBe('string');
    const second = await call('GET', `/tenders?limit=2&cursor=${first.json.nextCursor}`, { token });
    const titles = [
      ...(first.json.items as { title: string }[]),
      ...(second.json.items as { title: string }[]),
    ].map((t) => t.title);
    expect(titles.sort()).toEqual(['T1', 'T2', 'T3']);

    const stolen = await call('GET', `/tenders?limit=2&cursor=${first.json.nextCursor}`, {
      token: await tokenFor('thief'),
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.errors?.[0]?.path).toBe('query:cursor');
    expect((await call('GET', '/tenders?limit=0', { token })).status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same body and refuses another body', async () => {
    const token = await tokenFor('idem');
    const body = JSON.stringify({ ocid: 'ocds-idem-1', tender: { title: 'once' } });
    const headers = { 'idempotency-key': 'import-42' };
    const before = await executionCount('idem');
    const first = await call('POST', '/tenders/import', { token, body, headers });
    const again = await call('POST', '/tenders/import', { token, body, headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.json.executionId).toBe(first.json.executionId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await eventually('the one execution', async () =>
      (await executionCount('idem')) === before + 1 ? true : undefined,
    );
    const other = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify({ ocid: 'ocds-idem-2' }),
      headers,
    });
    expect(other.status).toBe(422);
  });
});
