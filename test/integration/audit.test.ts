import { describe, expect, it } from 'vitest';
import { listAudit } from '../../functions/store/audit.ts';
import { call, tokenFor } from '../support/api.ts';

/** The audit trails of evidence and settings are read through the store (no audit route for them yet). */
const table = () => String(process.env.TABLE_NAME);

async function uploadedEvidence(token: string) {
  const body = Buffer.from('%PDF-1.4 ISO 9001 certificate');
  const created = await call('POST', '/evidence', {
    token,
    body: JSON.stringify({
      title: 'ISO 9001 certificate',
      type: 'certificate',
      tags: ['iso9001'],
      fileName: 'iso.pdf',
      contentType: 'application/pdf',
      bytes: body.length,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2029-01-01T00:00:00Z',
    }),
  });
  expect(created.status).toBe(201);
  const { evidence, upload } = created.json as {
    evidence: { evidenceId: string };
    upload: { uploadUrl: string; headers: Record<string, string> };
  };
  expect((await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body })).status).toBe(200);
  const done = await call('POST', `/evidence/${evidence.evidenceId}/complete`, { token });
  expect(done.status).toBe(200);
  return { id: evidence.evidenceId, etag: String(done.headers.get('etag')) };
}

describe('audit trail of evidence and settings', () => {
  it('an evidence edit and its upload completion are audited with before and after; a refused edit writes nothing', async () => {
    const org = 'audit-ev';
    const token = await tokenFor(org, ['bid-manager'], 'carol');
    const { id, etag } = await uploadedEvidence(token);

    const edited = await call('PATCH', `/evidence/${id}`, {
      token,
      body: JSON.stringify({ title: 'ISO 9001:2015 certificate', validUntil: '2030-06-30T12:00:00+03:00' }),
      headers: { 'if-match': etag },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.validUntil).toBe('2030-06-30T09:00:00.000Z');
    const inverted = await call('PATCH', `/evidence/${id}`, {
      token,
      body: JSON.stringify({ validUntil: '2025-01-01T00:00:00Z' }),
      headers: { 'if-match': String(edited.headers.get('etag')) },
    });
    expect(inverted.status).toBe(400);
    expect(inverted.json.errors?.[0]?.path).toBe('validUntil');
    const stale = await call('PATCH', `/evidence/${id}`, {
      token,
      body: JSON.stringify({ title: 'lost update' }),
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);

    const trail = await listAudit(table(), org, { evidence: id }, 10);
    expect(trail.items.map((e) => e.action)).toEqual(['update', 'complete']);
    expect(trail.items[0]).toMatchObject({
      entity: `evidence:${id}`,
      actor: 'carol',
      before: { title: 'ISO 9001 certificate', validUntil: '2029-01-01T00:00:00.000Z' },
      after: { title: 'ISO 9001:2015 certificate', validUntil: '2030-06-30T09:00:00.000Z' },
    });
    expect(trail.items[1]).toMatchObject({
      before: { status: 'pending-upload' },
      after: { status: 'available' },
    });
    // Another organisation's trail under the same id is its own (empty).
    expect((await listAudit(table(), 'audit-other', { evidence: id }, 10)).items).toEqual([]);
  });

  it('an evidence PATCH that changes nothing keeps the version and writes no audit entry', async () => {
    const org = 'audit-noop';
    const token = await tokenFor(org, ['bid-manager']);
    const { id, etag } = await uploadedEvidence(token);
    const same = await call('PATCH', `/evidence/${id}`, {
      token,
      body: JSON.stringify({ title: 'ISO 9001 certificate', tags: ['iso9001'] }),
      headers: { 'if-match': etag },
    });
    expect(same.status).toBe(200);
    expect(same.headers.get('etag')).toBe(etag);
    expect((await listAudit(table(), org, { evidence: id }, 10)).items.map((e) => e.action)).toEqual([
      'complete',
    ]);
  });

  it('each setting PUT is audited with the value it replaced; a stale one writes nothing', async () => {
    const org = 'audit-set';
    const admin = await tokenFor(org, ['admin'], 'dave');
    const put = (body: unknown, version: string) =>
      call('PUT', '/settings/bid-policy', {
        token: admin,
        body: JSON.stringify(body),
        headers: { 'if-match': `"${version}"` },
      });
    const first = await put({ bidAt: 1, reviewAt: 0 }, '0');
    expect(first.status).toBe(200);
    const second = await put({ bidAt: 80, reviewAt: 60 }, '1');
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe('"2"');
    expect((await put({ bidAt: 10, reviewAt: 5 }, '1')).status).toBe(412);

    const trail = await listAudit(table(), org, { setting: 'bid-policy' }, 10);
    expect(trail.items.map((e) => [e.action, e.actor])).toEqual([
      ['replace', 'dave'],
      ['create', 'dave'],
    ]);
    expect(trail.items[0]?.before).toEqual({ value: first.json.value });
    expect(trail.items[0]?.after).toEqual({ value: second.json.value });
    expect(trail.items[1]?.before).toEqual({ value: null });
  });
});
