import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call } from '../support/api.ts';
import {
  byRequirement,
  checklist,
  newTenderFromSheet,
  patchItem,
  tokenFor,
  uploadEvidence,
} from '../support/sheets.ts';
import { zipEntries } from '../support/xlsx.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('bid package', () => {
  it('is refused with the blockers when not ready, built when forced (audited), and its manifest hashes match the stored objects', async () => {
    const token = await tokenFor('package-1', ['bid-manager', 'contributor', 'reviewer']);
    const csv =
      'Ref,Requirement,Mandatory,Expected answer\nR1,Provide the ISO 9001 certificate,Yes,Document\nR2,Turnover,Yes,Number\n';
    const { tenderId } = await newTenderFromSheet(token, 'buyer.csv', csv);
    const file = Buffer.from('%PDF-1.7 the certificate, stored as uploaded');
    const evidenceId = await uploadEvidence(token, 'ISO 9001', file);
    const r1 = byRequirement(await checklist(token, tenderId), 'R1');
    const answered = await patchItem(token, tenderId, r1, {
      answer: { value: 'see the certificate' },
      evidence: { attach: [evidenceId] },
    });
    expect(answered.status).toBe(200);
    expect(
      (
        await patchItem(
          token,
          tenderId,
          { itemId: r1.itemId, version: Number(answered.json.version) },
          { status: 'approved' },
        )
      ).status,
    ).toBe(200);

    const refused = await call('POST', `/tenders/${tenderId}/package`, { token, body: '{}' });
    expect(refused.status).toBe(409);
    expect((refused.json.blockers as { code: string }[]).map((b) => b.code)).toContain('unanswered');

    const forced = await call('POST', `/tenders/${tenderId}/package`, {
      token,
      body: JSON.stringify({ force: { reason: 'R2 is answered in the cover letter' } }),
    });
    expect(forced.status).toBe(201);
    const manifest = forced.json.manifest as {
      files: {
        name: string;
        bytes: number;
        sha256: string;
        evidenceId?: string;
        approvals?: { approvedBy: string | null }[];
      }[];
    };
    const zip = Buffer.from(await (await fetch(String(forced.json.downloadUrl))).arrayBuffer());
    const entries = zipEntries(zip);
    expect(entries.map((e) => e.name).sort()).toEqual([
      'compliance-matrix.xlsx',
      `evidence/${evidenceId}-cert.pdf`,
      'manifest.json',
    ]);
    for (const f of manifest.files)
      expect(entries.find((e) => e.name === f.name)).toEqual({
        name: f.name,
        size: f.bytes,
        sha256: f.sha256,
      });
    const evidenceFile = manifest.files.find((f) => f.evidenceId === evidenceId);
    const stored = await call('GET', `/evidence/${evidenceId}`, { token });
    const storedBytes = Buffer.from(await (await fetch(String(stored.json.downloadUrl))).arrayBuffer());
    expect(evidenceFile?.sha256).toBe(sha(storedBytes));
    expect(evidenceFile?.approvals?.[0]?.approvedBy).toBe('alice');
    const audit = await call('GET', `/tenders/${tenderId}/audit?limit=50`, { token });
    expect(audit.json.items).toContainEqual(
      expect.objectContaining({
        action: 'package:forced',
        actor: 'alice',
        after: expect.objectContaining({ reason: 'R2 is answered in the cover letter' }),
      }),
    );
  });
});
