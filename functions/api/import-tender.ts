import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { identifyDocument } from '../domain/checklist/intake.ts';
import { checkRequirementCounts } from '../domain/checklist/requirement-count.ts';
import { choosePacks } from '../domain/checklist/rule-packs.ts';
import { isValidTimeZone } from '../domain/time.ts';
import { sfn } from '../lib/clients/sfn.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { httpHandler, json } from '../lib/http.ts';
import { newId, sha256Hex, tenderIdFor } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { withIdempotency } from '../store/idempotency.ts';
import { createImport, finishImport, putResults } from '../store/imports.ts';
import { beginIntake, failIntake, getIntakeState } from '../store/tenders.ts';
import { importSource } from './import-source.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.importTender.env);

/**
 * POST /tenders/import: check the document identifies a tender (OCDS or Prozorro), keep it byte for
 * byte in S3, and start its intake; answers within a second whatever the size. One contracting
 * process (or the one named by `?ocid=`): one tender-intake execution. Several (a package): one
 * package-intake execution that splits it and fans out over the processes. Either way an import
 * (`importId`, GET /imports/{id}) shows the progress.
 */
export const handler = httpHandler(schemas.importTender, async (req, input) => {
  const source = await importSource(req, env.BUCKET_NAME);
  const timeZone = input.query.timeZone;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw badRequest('unknown time zone', [
      { path: 'query:timeZone', message: `not an IANA time zone: ${timeZone}` },
    ]);
  }
  const detected = identifyDocument(source.doc, input.query.ocid);
  // a tender over the limit of requirements (a package: any of its tenders) is refused before anything is written
  checkRequirementCounts(source.doc, detected.ocids);
  const rulePacks = (input.query.rulePacks ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  choosePacks({ buyer: null }, rulePacks); // unknown names: 400 naming query:rulePacks, before anything is stored
  const options = {
    ...(timeZone ? { timeZone } : {}),
    ...(rulePacks.length ? { rulePacks } : {}),
    ...(source.charset ? { charset: source.charset } : {}),
  };
  const body = req.event.body ?? '';
  const { org } = req.caller;
  const now = systemClock.now();
  // an entry of the package that names no process is not imported: the import says so, not only this answer
  const warnings = [
    ...(source.decoded.warning ? [source.decoded.warning] : []),
    ...detected.skipped.map((s) => ({ path: s.path, message: `not imported: ${s.message}` })),
  ];

  return withIdempotency(
    env.TABLE_NAME,
    org,
    req.header('idempotency-key'),
    sha256Hex(`${req.event.rawQueryString}\n${body}`),
    now,
    async () => {
      const raw = await source.keep();
      const importId = newId();
      const ocids = detected.ocids.map((ocid) => ({ ocid, tenderId: tenderIdFor(ocid) }));
      const [first] = ocids as [(typeof ocids)[number]];

      if (ocids.length > 1) {
        await createImport(env.TABLE_NAME, org, {
          id: importId,
          kind: detected.kind,
          mode: 'package',
          total: ocids.length,
          warnings,
          now: now.toISOString(),
        });
        const started = await sfn().send(
          new StartExecutionCommand({
            stateMachineArn: env.PACKAGE_INTAKE_STATE_MACHINE_ARN,
            name: `import-${importId}`,
            input: JSON.stringify({ org, importId, rawKey: raw.key, options }),
          }),
        );
        return json(
          202,
          {
            importId,
            tenderId: first.tenderId,
            executionId: started.executionArn ?? null,
            kind: detected.kind,
            imports: ocids.map((o) => ({ ...o, executionId: null, unchanged: false })),
            skipped: detected.skipped,
          },
          { location: `/imports/${importId}` },
        );
      }

      // One process: the same document again changes nothing (an amendment is a new document, so new bytes).
      const { ocid, tenderId } = first;
      const existing = await getIntakeState(env.TABLE_NAME, org, tenderId);
      const unchanged = existing?.status === 'ready' && existing.rawKey === raw.key && rulePacks.length === 0;
      await createImport(env.TABLE_NAME, org, {
        id: importId,
        kind: detected.kind,
        mode: 'direct',
        total: 1,
        warnings,
        now: now.toISOString(),
      });
      await putResults(env.TABLE_NAME, org, importId, [
        { n: 0, ocid, tenderId, status: unchanged ? 'unchanged' : 'pending' },
      ]);
      let executionId: string | null = null;
      if (unchanged) await finishImport(env.TABLE_NAME, org, importId, now.toISOString());
      else {
        await beginIntake(env.TABLE_NAME, org, { tenderId, ocid, rawKey: raw.key, now: now.toISOString() });
        try {
          const started = await sfn().send(
            new StartExecutionCommand({
              stateMachineArn: env.TENDER_INTAKE_STATE_MACHINE_ARN,
              name: `${tenderId}-${importId}`,
              input: JSON.stringify({ org, tenderId, ocid, rawKey: raw.key, options }),
            }),
          );
          executionId = started.executionArn ?? null;
        } catch (error) {
          await failIntake(
            env.TABLE_NAME,
            org,
            tenderId,
            {
              error: 'WorkflowStartFailed',
              cause: 'the intake workflow could not be started; import again',
            },
            now.toISOString(),
          );
          throw error;
        }
      }
      return json(
        unchanged ? 200 : 202,
        {
          importId,
          tenderId,
          executionId,
          kind: detected.kind,
          imports: [{ ocid, tenderId, executionId, unchanged }],
          skipped: detected.skipped,
        },
        { location: `/tenders/${tenderId}` },
      );
    },
  );
});
