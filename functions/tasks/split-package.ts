import * as z from 'zod/mini';
import { detectOcds, isObject } from '../domain/ocds/detect.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { tenderIdFor } from '../lib/ids.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { inParallel } from '../store/batch.ts';
import { documentKeys, getRawDocument, putRawDocument } from '../store/documents.ts';
import { type ProcessResult, putResults } from '../store/imports.ts';
import { beginIntake, getIntakeStates } from '../store/tenders.ts';
import { IntakeOptions, text } from './task-input.ts';

const env = loadEnv(functions.splitPackage.env);

export const SplitInput = z.object({
  org: text(),
  importId: text(),
  rawKey: text(),
  options: IntakeOptions,
});

/** S3 writes and table reads in flight while splitting */
const PARALLEL = 16;

/**
 * package-intake / Split: parse the package once, write one document per contracting process (a
 * release package holding that process's releases, with the package's metadata; UTF-8, content-
 * addressed like any raw document), begin each tender's intake and record each process as pending
 * (or unchanged: the tender is ready from this very document). Returns only keys for the Map.
 */
export const handler = taskHandler('splitPackage', SplitInput, async ({ org, importId, rawKey, options }) => {
  if (!documentKeys.belongsTo(org, rawKey))
    throw new InvalidInputError(`raw document ${rawKey} is not in organisation ${org}`);
  const { charset, ...intakeOptions } = options;
  const { doc } = await getRawDocument(env.BUCKET_NAME, rawKey, charset);
  const { processes } = detectOcds(doc);
  const meta = isObject(doc)
    ? Object.fromEntries(Object.entries(doc).filter(([k]) => k !== 'releases' && k !== 'records'))
    : {};
  const now = systemClock.now().toISOString();
  const results: (ProcessResult & { rawKey: string })[] = [];
  const states = await getIntakeStates(
    env.TABLE_NAME,
    org,
    processes.map((p) => tenderIdFor(p.ocid)),
  );
  await inParallel(
    processes.map((p, n) => async () => {
      const raw = await putRawDocument(
        env.BUCKET_NAME,
        org,
        JSON.stringify({ ...meta, releases: p.releases }),
        'split',
      );
      const tenderId = tenderIdFor(p.ocid);
      const existing = states.get(tenderId);
      const unchanged =
        existing?.status === 'ready' && existing.rawKey === raw.key && !intakeOptions.rulePacks?.length;
      if (!unchanged)
        await beginIntake(env.TABLE_NAME, org, { tenderId, ocid: p.ocid, rawKey: raw.key, now });
      results.push({
        n,
        ocid: p.ocid,
        tenderId,
        status: unchanged ? 'unchanged' : 'pending',
        rawKey: raw.key,
      });
    }),
    PARALLEL,
  );
  results.sort((a, b) => a.n - b.n);
  await putResults(
    env.TABLE_NAME,
    org,
    importId,
    results.map(({ n, ocid, tenderId, status }) => ({ n, ocid, tenderId, status })),
  );
  return {
    items: results
      .filter((r) => r.status === 'pending')
      .map(({ n, ocid, tenderId, rawKey: key }) => ({ n, ocid, tenderId, rawKey: key })),
    options: intakeOptions,
    total: results.length,
  };
});
