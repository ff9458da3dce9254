import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Blocker } from '../domain/checklist/readiness.ts';
import type { Caller } from '../lib/auth.ts';
import { newId, sha256Hex } from '../lib/ids.ts';
import { evidenceByIds } from '../store/evidence.ts';
import {
  appendTenderAudit,
  evidenceStream,
  lastApprovals,
  packageDownloadUrl,
  packageKey,
  uploadStream,
} from '../store/packages.ts';
import { renderMatrix } from './compliance-matrix.ts';
import { loadReadiness } from './load-readiness.ts';

/** The tender is not ready and nobody forced the package: the blockers say why (409). */
export class NotReadyError extends Error {
  constructor(readonly blockers: Blocker[]) {
    super(`the tender is not ready to submit: ${blockers.length} blocker(s)`);
  }
}

export interface ManifestFile {
  name: string;
  bytes: number;
  /** computed while the file streamed into the ZIP */
  sha256: string;
  evidenceId?: string;
  title?: string;
  /** the hash recorded when the evidence was uploaded: equal to sha256 unless the object changed */
  recordedSha256?: string | null;
  /** the approved items this file supports: who approved each, and when */
  approvals?: { itemId: string; requirement: string; approvedBy: string | null; approvedAt: string | null }[];
}

export interface Manifest {
  packageId: string;
  tenderId: string;
  ocid: string;
  title: string | null;
  builtAt: string;
  builtBy: string;
  ready: boolean;
  forced: { reason: string; blockers: Blocker[] } | null;
  files: ManifestFile[];
}

const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 150) || 'file';

/** A pass-through that hashes and counts what flows through it; `done` fires when the source ends. */
function hashing(source: Readable, done: (sha256: string, bytes: number) => void): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      done(hash.digest('hex'), bytes);
      cb();
    },
  });
  source.on('error', (e) => t.destroy(e));
  return source.pipe(t);
}

/**
 * Build the bid package in S3: a ZIP of the approved items' evidence, the compliance matrix and a
 * manifest (names, sizes, SHA-256, approver and time), streamed — each evidence object flows from
 * S3 through a hash into the ZIP and on into a multipart upload, one at a time, never whole in
 * memory. Not ready: NotReadyError unless forced with a reason. Built and forced packages are audited.
 */
export async function buildPackage(
  env: { TABLE_NAME: string; BUCKET_NAME: string },
  caller: Caller,
  tenderId: string,
  force: { reason: string } | undefined,
  now: Date,
) {
  const at = now.toISOString();
  const { tender, items, readiness } = await loadReadiness(env.TABLE_NAME, caller.org, tenderId, at);
  if (!readiness.ready && !force) throw new NotReadyError(readiness.blockers);

  const approved = items.filter((i) => i.status === 'approved' && !i.notApplicable);
  const library = await evidenceByIds(
    env.TABLE_NAME,
    caller.org,
    approved.flatMap((i) => i.evidence.map((e) => e.evidenceId)),
  );
  const approvals = await lastApprovals(env.TABLE_NAME, caller.org, tenderId);
  const matrix = await renderMatrix(tender, items, readiness, 'xlsx', at);

  const packageId = newId();
  const manifest: Manifest = {
    packageId,
    tenderId,
    ocid: tender.ocid,
    title: tender.title ?? null,
    builtAt: at,
    builtBy: caller.user,
    ready: readiness.ready,
    forced: force ? { reason: force.reason, blockers: readiness.blockers } : null,
    files: [
      { name: 'compliance-matrix.xlsx', bytes: matrix.bytes.byteLength, sha256: sha256Hex(matrix.bytes) },
    ],
  };
  const zip = new ZipFile();
  zip.addBuffer(matrix.bytes, 'compliance-matrix.xlsx', { mtime: now });
  for (const record of [...library.values()].filter((e) => e.status === 'available')) {
    const name = `evidence/${record.evidenceId}-${safeName(record.fileName)}`;
    const supports = approved.filter((i) => i.evidence.some((e) => e.evidenceId === record.evidenceId));
    zip.addReadStreamLazy(name, { mtime: now }, (cb) => {
      evidenceStream(env.BUCKET_NAME, caller.org, record.evidenceId).then(
        (body) =>
          cb(
            null,
            hashing(body, (sha256, bytes) =>
              manifest.files.push({
                name,
                bytes,
                sha256,
                evidenceId: record.evidenceId,
                title: record.title,
                recordedSha256: record.sha256,
                approvals: supports.map((i) => ({
                  itemId: i.itemId,
                  requirement: i.key,
                  approvedBy: approvals.get(i.itemId)?.by ?? null,
                  approvedAt: approvals.get(i.itemId)?.at ?? null,
                })),
              }),
            ),
          ),
        (error: unknown) => cb(error, new PassThrough()),
      );
    });
  }
  // yazl reads entries in order: by the time it asks for the manifest, every evidence file has been hashed
  zip.addReadStreamLazy('manifest.json', { mtime: now }, (cb) =>
    cb(null, Readable.from([JSON.stringify(manifest, null, 2)])),
  );
  zip.end();
  const out = new PassThrough();
  zip.on('error', (e: Error) => out.destroy(e));
  zip.outputStream.pipe(out);

  const key = packageKey(caller.org, tenderId, packageId);
  await uploadStream(env.BUCKET_NAME, key, out, 'application/zip');
  await appendTenderAudit(env.TABLE_NAME, caller.org, tenderId, {
    entity: `package:${packageId}`,
    actor: caller.user,
    at,
    action: force ? 'package:forced' : 'package:built',
    before: { ready: readiness.ready, blockers: readiness.blockers.length },
    after: { key, files: manifest.files.length, ...(force ? { reason: force.reason } : {}) },
  });
  const download = await packageDownloadUrl(env.BUCKET_NAME, key, `bid-package-${tenderId}.zip`, now);
  return {
    packageId,
    tenderId,
    forced: force !== undefined,
    downloadUrl: download.url,
    expiresAt: download.expiresAt,
    manifest,
  };
}
