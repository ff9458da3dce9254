import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { identifyDocument } from '../domain/checklist/intake.ts';
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
import { beginIntake, failIntake, getIntakeState } from '../store/tenders.ts';
import { importSource } from './import-source.ts';
import * as schemas from './schemas/tenders.ts';

const env = loadEnv(functions.importTender.env);

/**
 * POST /tenders/import: check the document identifies a tender (OCDS or Prozorro), keep it
 * unchanged in S3, and start one tender-intake execution per contracting process (or only the one
 * named by `?ocid=`).
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
  const rulePacks = (input.query.rulePacks ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  choosePacks({ buyer: null }, rulePacks); // unknown names: 400 naming query:rulePacks, before anything is stored
  const options = { ...(timeZone ? { timeZone } : {}), ...(rulePacks.length ? { rulePacks } : {}) };
  const body = req.event.body ?? '';
  const { org } = req.caller;
  const now = systemClock.now();

  return withIdempotency(
    env.TABLE_NAME,
    org,
    req.header('idempotency-key'),
    sha256Hex(`${req.event.rawQueryString}\n${body}`),
    now,
    async () => {
      const raw = await source.keep();
      const imports = [];
      for (const ocid of detected.ocids) {
        const tenderId = tenderIdFor(ocid);
        // The same document again: nothing to do (an amendment is a new document, so new bytes).
        const existing = await getIntakeState(env.TABLE_NAME, org, tenderId);
        if (existing?.status === 'ready' && existing.rawKey === raw.key && rulePacks.length === 0) {
          imports.push({ ocid, tenderId, executionId: null, unchanged: true });
          continue;
        }
        await beginIntake(env.TABLE_NAME, org, { tenderId, ocid, rawKey: raw.key, now: now.toISOString() });
        const input = { org, tenderId, ocid, rawKey: raw.key, options };
        try {
          const started = await sfn().send(
            new StartExecutionCommand({
              stateMachineArn: env.TENDER_INTAKE_STATE_MACHINE_ARN,
              name: `${tenderId}-${newId()}`,
              input: JSON.stringify(input),
            }),
          );
          imports.push({ ocid, tenderId, executionId: started.executionArn ?? null, unchanged: false });
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
      const first = imports[0] as (typeof imports)[number];
      const started = imports.some((i) => !i.unchanged);
      return json(
        started ? 202 : 200,
        {
          tenderId: first.tenderId,
          executionId: first.executionId,
          kind: detected.kind,
          imports,
          skipped: detected.skipped,
        },
        { location: `/tenders/${first.tenderId}` },
      );
    },
  );
});
