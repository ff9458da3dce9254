import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { sha256Hex } from '../../functions/lib/ids.ts';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExample, readExampleText } from '../support/fixtures.ts';

const bucket = () => String(process.env.BUCKET_NAME);

/** The raw documents kept for an organisation: key → SHA-256 of the stored bytes. */
async function rawObjects(org: string): Promise<Map<string, string>> {
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: `orgs/${org}/raw/` }));
  const out = new Map<string, string>();
  for (const { Key } of listed.Contents ?? []) {
    const res = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key }));
    out.set(String(Key), sha256Hex((await res.Body?.transformToByteArray()) ?? new Uint8Array()));
  }
  return out;
}

/** The Paraguay record package (Spanish: "Adquisición", "Cartón", …) and the Ukrainian Prozorro tender. */
const paraguay = 'paraguay-280555-record-package-1.1.json';
const prozorro = 'prozorro-api-tender_to_render-aboveThresholdEU-active.tendering.json';

describe('POST /tenders/import: documents that are not UTF-8', () => {
  it('an ISO-8859-1 document (declared) is stored byte for byte, read with the right characters, and warned about', async () => {
    const text = readExampleText(paraguay);
    const bytes = iconv.encode(text, 'iso-8859-1');
    expect(bytes.length).toBeLessThan(Buffer.byteLength(text)); // really re-encoded: é is one byte, not two
    const token = await tokenFor('enc-latin1');
    const res = await call('POST', '/tenders/import', {
      token,
      body: bytes,
      contentType: 'application/json; charset=iso-8859-1',
    });
    expect(res.status).toBe(202);
    const tender = await waitForTender(token, String(res.json.tenderId));
    expect(tender.status).toBe('ready');

    const utf8 = await tokenFor('enc-latin1-ref');
    const ref = await call('POST', '/tenders/import', { token: utf8, body: text });
    const reference = await waitForTender(utf8, String(ref.json.tenderId));
    expect(tender.title).toBe(reference.title);
    expect(JSON.stringify(tender)).not.toContain('\uFFFD');
    expect(tender.warnings).toContainEqual({ path: '', message: expect.stringContaining('ISO-8859-1') });
    expect(reference.warnings).not.toContainEqual(expect.objectContaining({ path: '' }));

    expect([...(await rawObjects('enc-latin1')).values()]).toEqual([sha256Hex(bytes)]);
  });

  it('an undeclared Windows-1251 document is detected, not turned into U+FFFD, and stored as sent', async () => {
    const text = readExampleText(prozorro);
    const bytes = iconv.encode(text, 'windows-1251');
    expect(iconv.decode(bytes, 'windows-1251')).toBe(text); // every character of the fixture exists in 1251
    const token = await tokenFor('enc-cp1251');
    const res = await call('POST', '/tenders/import', { token, body: bytes });
    expect(res.status).toBe(202);
    const tender = await waitForTender(token, String(res.json.tenderId));
    const source = readExample(prozorro) as { title: string };
    expect(tender.status).toBe('ready');
    expect(tender.title).toBe(source.title);
    expect(tender.warnings).toContainEqual({ path: '', message: expect.stringContaining('WINDOWS-1251') });
    expect([...(await rawObjects('enc-cp1251')).values()]).toEqual([sha256Hex(bytes)]);
  });

  it('a UTF-8 document is stored byte for byte too (its SHA-256 is the key)', async () => {
    const text = readExampleText(paraguay);
    const token = await tokenFor('enc-utf8');
    const res = await call('POST', '/tenders/import', { token, body: text });
    await waitForTender(token, String(res.json.tenderId));
    const stored = await rawObjects('enc-utf8');
    const sent = sha256Hex(Buffer.from(text, 'utf8'));
    expect([...stored.values()]).toEqual([sent]);
    expect([...stored.keys()]).toEqual([`orgs/enc-utf8/raw/${sent}.json`]);
  });

  it('the same content again in other bytes (re-encoded, re-formatted) records no change', async () => {
    const text = readExampleText(paraguay);
    const token = await tokenFor('enc-same');
    const first = await call('POST', '/tenders/import', { token, body: text });
    const tenderId = String(first.json.tenderId);
    await waitForTender(token, tenderId);
    for (const [body, contentType] of [
      [iconv.encode(text, 'iso-8859-1'), 'application/json; charset=iso-8859-1'],
      [JSON.stringify(JSON.parse(text)), 'application/json'],
    ] as const) {
      const again = await call('POST', '/tenders/import', { token, body, contentType });
      expect(again.status).toBe(202); // other bytes: a new intake
      expect((await waitForTender(token, tenderId)).status).toBe('ready');
    }
    const changes = await call('GET', `/tenders/${tenderId}/changes`, { token });
    expect(changes.status).toBe(200);
    expect(changes.json.items).toEqual([]);
  });
});
