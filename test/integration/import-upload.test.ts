import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { s3 } from '../../functions/lib/clients/s3.ts';
import { sha256Hex } from '../../functions/lib/ids.ts';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExampleText } from '../support/fixtures.ts';

/** A release over the 1 MB body limit: many lots with long descriptions. */
const bigRelease = (ocid: string) =>
  JSON.stringify({
    ocid,
    id: `${ocid}-r1`,
    tender: {
      title: 'Large tender',
      lots: Array.from({ length: 300 }, (_, i) => ({
        id: `L${i}`,
        title: `Lot ${i}`,
        description: 'x'.repeat(5000),
      })),
    },
  });

describe('POST /tenders/import-uploads then POST /tenders/import {"s3Key"}', () => {
  it('imports a document over 1 MB through a presigned upload', async () => {
    const token = await tokenFor('upl');
    const doc = bigRelease('ocds-upload-1');
    const bytes = Buffer.byteLength(doc);
    expect(bytes).toBeGreaterThan(1024 * 1024);
    expect((await call('POST', '/tenders/import', { token, body: doc })).status).toBe(413);

    const upload = await call('POST', '/tenders/import-uploads', { token, body: JSON.stringify({ bytes }) });
    expect(upload.status).toBe(201);
    const put = await fetch(String(upload.json.uploadUrl), {
      method: 'PUT',
      headers: upload.json.headers as Record<string, string>,
      body: doc,
    });
    expect(put.status).toBe(200);

    const imported = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify({ s3Key: upload.json.s3Key }),
    });
    expect(imported.status).toBe(202);
    const tender = await waitForTender(token, String(imported.json.tenderId));
    expect(tender.intakeError).toBeUndefined();
    expect(tender).toMatchObject({ status: 'ready', ocid: 'ocds-upload-1' });
    // 1.5 MB of lot descriptions cannot live in one table item: they are clipped, and say so
    expect(tender.clipped).toEqual(expect.arrayContaining([expect.stringContaining('lots.description')]));
    expect(tender.lots).toHaveLength(300);
  });

  it('refuses a size over 50 MB, a key of another organisation and a key with nothing uploaded', async () => {
    const token = await tokenFor('upl-bad');
    const tooBig = await call('POST', '/tenders/import-uploads', {
      token,
      body: JSON.stringify({ bytes: 50 * 1024 * 1024 + 1 }),
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.errors?.[0]?.path).toBe('bytes');

    const theirs = await call('POST', '/tenders/import-uploads', {
      token: await tokenFor('upl-other'),
      body: JSON.stringify({ bytes: 10 }),
    });
    const stolen = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify({ s3Key: theirs.json.s3Key }),
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.errors).toEqual([
      { path: 's3Key', message: expect.stringContaining('not a key returned') },
    ]);

    const mine = await call('POST', '/tenders/import-uploads', {
      token,
      body: JSON.stringify({ bytes: 10 }),
    });
    const empty = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify({ s3Key: mine.json.s3Key }),
    });
    expect(empty.status).toBe(400);
    expect(empty.json.detail).toBe('nothing uploaded yet');
  });

  it('an upload that is not JSON, or not a tender, is refused and nothing is imported', async () => {
    const token = await tokenFor('upl-junk');
    for (const [body, detail] of [
      ['{"not": "closed"', 'the uploaded document is not valid JSON'],
      ['{"hello": "world"}', 'the document does not identify a contracting process'],
    ] as const) {
      const upload = await call('POST', '/tenders/import-uploads', {
        token,
        body: JSON.stringify({ bytes: Buffer.byteLength(body) }),
      });
      await fetch(String(upload.json.uploadUrl), {
        method: 'PUT',
        headers: upload.json.headers as Record<string, string>,
        body,
      });
      const res = await call('POST', '/tenders/import', {
        token,
        body: JSON.stringify({ s3Key: upload.json.s3Key }),
      });
      expect(res.status).toBe(400);
      expect(res.json.detail).toBe(detail);
    }
    expect((await call('GET', '/tenders', { token })).json.items).toEqual([]);
  });

  it('the presigned URL signs If-None-Match: * and carries no checksum (none of an empty body)', async () => {
    const token = await tokenFor('upl-sign');
    const upload = await call('POST', '/tenders/import-uploads', {
      token,
      body: JSON.stringify({ bytes: 1234 }),
    });
    const url = new URL(String(upload.json.uploadUrl));
    const params = [...url.searchParams.keys()].map((k) => k.toLowerCase());
    expect(params.filter((k) => k.includes('checksum'))).toEqual([]);
    expect(url.searchParams.get('x-amz-checksum-crc32')).toBeNull();
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'if-none-match']),
    );
    expect(upload.json.headers).toMatchObject({ 'if-none-match': '*', 'content-length': '1234' });
  });

  it('the raw document is the bytes that were read and hashed (an ISO-8859-1 upload, stored as sent)', async () => {
    const token = await tokenFor('upl-bytes');
    const bytes = iconv.encode(readExampleText('paraguay-280555-record-package-1.1.json'), 'iso-8859-1');
    const upload = await call('POST', '/tenders/import-uploads', {
      token,
      body: JSON.stringify({ bytes: bytes.length }),
    });
    const put = await fetch(String(upload.json.uploadUrl), {
      method: 'PUT',
      headers: upload.json.headers as Record<string, string>,
      body: bytes,
    });
    expect(put.status).toBe(200);
    const imported = await call('POST', '/tenders/import', {
      token,
      body: JSON.stringify({ s3Key: upload.json.s3Key }),
    });
    expect(imported.status).toBe(202);
    const tender = await waitForTender(token, String(imported.json.tenderId));
    expect(tender.status).toBe('ready');
    expect(tender.warnings).toContainEqual({ path: '', message: expect.stringContaining('ISO-8859-1') });
    const bucket = String(process.env.BUCKET_NAME);
    const raw = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'orgs/upl-bytes/raw/' }));
    const keys = (raw.Contents ?? []).map((o) => String(o.Key));
    expect(keys).toEqual([`orgs/upl-bytes/raw/${sha256Hex(bytes)}.json`]);
    const stored = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }));
    expect(sha256Hex((await stored.Body?.transformToByteArray()) ?? new Uint8Array())).toBe(sha256Hex(bytes));
  });
});
