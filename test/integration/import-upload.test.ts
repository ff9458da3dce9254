import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';

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
});
