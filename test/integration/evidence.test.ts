import { createHash } from 'node:crypto';
import { parse as parseDisposition } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';

type Evidence = {
  evidenceId: string;
  status: string;
  sha256: string | null;
  version: number;
  validUntil: string | null;
};
type Upload = { uploadUrl: string; headers: Record<string, string> };

const register = (token: string, meta: Record<string, unknown>) =>
  call('POST', '/evidence', {
    token,
    body: JSON.stringify({
      title: 'ISO 9001 certificate',
      type: 'certificate',
      tags: ['iso9001', 'quality'],
      fileName: 'iso.pdf',
      contentType: 'application/pdf',
      ...meta,
    }),
  });

async function uploadEvidence(token: string, body: Buffer, meta: Record<string, unknown> = {}) {
  const created = await register(token, { bytes: body.length, ...meta });
  expect(created.status).toBe(201);
  const upload = created.json.upload as Upload;
  const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body });
  expect(put.status).toBe(200);
  const done = await call('POST', `/evidence/${(created.json.evidence as Evidence).evidenceId}/complete`, {
    token,
  });
  expect(done.status).toBe(200);
  return done.json as unknown as Evidence;
}

const tenderWithEvidence = (ocid: string) =>
  JSON.stringify({
    ocid,
    buyer: { id: 'b', name: 'B' },
    parties: [{ id: 'b', roles: ['buyer'], address: { countryName: 'Norway' } }],
    tender: {
      title: 'Quality',
      tenderPeriod: { endDate: '2030-03-01T12:00:00Z' },
      submissionTerms: { bidValidityPeriod: { durationInDays: 90 } },
      criteria: [
        {
          id: 'Q',
          title: 'Quality management',
          requirementGroups: [
            {
              id: 'G',
              requirements: [
                {
                  id: 'R',
                  title: 'Holds an ISO 9001 quality certificate',
                  dataType: 'boolean',
                  expectedValue: true,
                  eligibleEvidences: [{ id: 'ev1', title: 'Quality certificate', type: 'certificate' }],
                },
              ],
            },
          ],
        },
      ],
    },
  });

const patchItem = (tenderId: string, itemId: string, token: string, etag: string, body: unknown) =>
  call('PATCH', `/tenders/${tenderId}/checklist/${itemId}`, {
    token,
    body: JSON.stringify(body),
    headers: { 'if-match': etag },
  });

describe('the evidence library', () => {
  it('uploads through a presigned URL, records the SHA-256 computed by the server, and lists it', async () => {
    const token = await tokenFor('ev-lib', ['contributor']);
    const file = Buffer.from('%PDF-1.7 fake certificate body');
    const evidence = await uploadEvidence(token, file);
    expect(evidence).toMatchObject({
      status: 'available',
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    const read = await call('GET', `/evidence/${evidence.evidenceId}`, { token });
    const download = await fetch(String(read.json.downloadUrl));
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);
    const list = await call('GET', '/evidence?tag=ISO9001', { token });
    expect((list.json.items as Evidence[]).map((e) => e.evidenceId)).toEqual([evidence.evidenceId]);
    expect(
      (await call('GET', `/evidence/${evidence.evidenceId}`, { token: await tokenFor('ev-other') })).status,
    ).toBe(404);
  });

  it('refuses a disallowed content type or size, and a file of another length than declared', async () => {
    const token = await tokenFor('ev-bad', ['contributor']);
    const exe = await register(token, {
      fileName: 'x.exe',
      contentType: 'application/x-msdownload',
      bytes: 10,
    });
    expect(exe.status).toBe(400);
    expect(exe.json.errors?.[0]?.path).toBe('contentType');
    const huge = await register(token, { bytes: 26 * 1024 * 1024 });
    expect(huge.json.errors?.[0]?.path).toBe('bytes');

    const created = await register(token, { bytes: 10 });
    const upload = created.json.upload as Upload;
    // S3 refuses a PUT whose length differs from the signed one; s3rver does not check, so the
    // server-side check on completion is what this test can prove: the wrong size never becomes evidence.
    await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.alloc(12),
    });
    const done = await call('POST', `/evidence/${(created.json.evidence as Evidence).evidenceId}/complete`, {
      token,
    });
    expect(done.status).toBe(400);
    expect(done.json.errors).toEqual([{ path: 'bytes', message: 'declared 10 bytes, uploaded 12' }]);
  });

  it.each(['Сертификат.pdf', 'a\u0000b.pdf', 'line\u2028break.pdf'])(
    'downloads %j: an attachment named in RFC 6266/5987 form, of the declared type',
    async (fileName) => {
      const token = await tokenFor('ev-names', ['contributor']);
      const file = Buffer.from('%PDF-1.7 a certificate with a name in Cyrillic');
      const evidence = await uploadEvidence(token, file, { fileName });
      const read = await call('GET', `/evidence/${evidence.evidenceId}`, { token });
      expect(read.status).toBe(200);
      const download = await fetch(String(read.json.downloadUrl));
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      const disposition = parseDisposition(String(download.headers.get('content-disposition')));
      expect(disposition.type).toBe('attachment');
      expect(disposition.parameters.filename).toBe(read.json.fileName);
      expect(['\u0000', '\u2028'].some((c) => String(read.json.fileName).includes(c))).toBe(false);
    },
  );

  it.each([
    [
      'HTML stored as a PDF',
      'report.pdf',
      'application/pdf',
      '<!DOCTYPE html><html><script>alert(1)</script></html>',
      'declared application/pdf, but the file is text/html (markup)',
    ],
    [
      'an executable as a PNG',
      'logo.png',
      'image/png',
      `MZ${'\u0000'.repeat(58)}\u0080${'\u0000'.repeat(67)}`,
      'declared image/png, but the file is application/x-msdownload (.exe)',
    ],
    [
      'HTML as plain text',
      'notes.txt',
      'text/plain',
      '<html><body onload=alert(1)>',
      'declared text/plain, but the file is text/html (markup)',
    ],
  ])(
    'refuses %s at completion, naming both types, and never serves it',
    async (_what, fileName, contentType, content, message) => {
      const token = await tokenFor('ev-types', ['contributor']);
      const body = Buffer.from(content, 'latin1');
      const created = await register(token, { fileName, contentType, bytes: body.length });
      expect(created.status).toBe(201);
      const upload = created.json.upload as Upload;
      expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body })).status).toBe(
        200,
      );
      const id = (created.json.evidence as Evidence).evidenceId;
      const done = await call('POST', `/evidence/${id}/complete`, { token });
      expect(done.status).toBe(400);
      expect(done.json.errors).toEqual([{ path: 'contentType', message }]);
      const read = await call('GET', `/evidence/${id}`, { token });
      expect(read.json).toMatchObject({ status: 'pending-upload', sha256: null, downloadUrl: null });
    },
  );

  it('a write with a weak validator (If-Match: W/"1") is 412 naming the rule; the strong one is taken', async () => {
    const token = await tokenFor('ev-weak', ['contributor']);
    const evidence = await uploadEvidence(token, Buffer.from('%PDF-1.7 weak'));
    const patch = (etag: string) =>
      call('PATCH', `/evidence/${evidence.evidenceId}`, {
        token,
        body: JSON.stringify({ title: 'Renamed' }),
        headers: { 'if-match': etag },
      });
    const weak = await patch(`W/"${evidence.version}"`);
    expect(weak.status).toBe(412);
    expect(String(weak.json.detail)).toMatch(/must be a strong ETag/);
    expect((await call('GET', `/evidence/${evidence.evidenceId}`, { token })).json.title).toBe(
      'ISO 9001 certificate',
    );
    expect((await patch(`"${evidence.version}"`)).status).toBe(200);
  });

  it('suggests library evidence for an item, attaches it in one call, and readiness follows its validity', async () => {
    const manager = await tokenFor('ev-flow', ['bid-manager']);
    const reviewer = await tokenFor('ev-flow', ['reviewer']);
    const evidence = await uploadEvidence(manager, Buffer.from('%PDF-1.7 cert'), {
      validUntil: '2030-04-01T00:00:00Z',
    });
    const imported = await call('POST', '/tenders/import', {
      token: manager,
      body: tenderWithEvidence('ocds-ev-1'),
    });
    const tenderId = String(imported.json.tenderId);
    await waitForTender(manager, tenderId);
    const [item] = (await call('GET', `/tenders/${tenderId}/checklist`, { token: manager })).json.items as {
      itemId: string;
      version: number;
    }[];
    if (!item) throw new Error('no item');

    const suggestions = await call('GET', `/tenders/${tenderId}/checklist/${item.itemId}/suggestions`, {
      token: manager,
    });
    expect((suggestions.json.items as { evidence: Evidence }[])[0]?.evidence.evidenceId).toBe(
      evidence.evidenceId,
    );

    const foreign = await uploadEvidence(
      await tokenFor('ev-foreign', ['contributor']),
      Buffer.from('%PDF-1.7 theirs'),
    );
    const stolen = await patchItem(tenderId, item.itemId, manager, `"${item.version}"`, {
      evidence: { attach: [foreign.evidenceId] },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.errors?.[0]?.path).toBe('evidence.attach[0]');

    const attached = await patchItem(tenderId, item.itemId, manager, `"${item.version}"`, {
      answer: { value: true },
      evidence: { attach: [evidence.evidenceId] },
    });
    expect(attached.status).toBe(200);
    const approved = await patchItem(tenderId, item.itemId, reviewer, String(attached.headers.get('etag')), {
      status: 'approved',
    });
    expect(approved.status).toBe(200);

    // Bid validity ends 90 days after 2030-03-01: the certificate (until 2030-04-01) expires first.
    const before = await call('GET', `/tenders/${tenderId}/readiness`, { token: manager });
    expect((before.json.blockers as { code: string }[]).map((b) => b.code)).toContain(
      'evidence-expires-before-bid-validity',
    );

    const renewed = await call('PATCH', `/evidence/${evidence.evidenceId}`, {
      token: manager,
      body: JSON.stringify({ validUntil: '2031-01-01T00:00:00Z' }),
      headers: { 'if-match': `"${evidence.version}"` },
    });
    expect(renewed.status).toBe(200);
    const after = await call('GET', `/tenders/${tenderId}/readiness`, { token: manager });
    expect(after.json).toMatchObject({ ready: true, blockers: [] });
  });
});
