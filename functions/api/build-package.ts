import { buildPackage, NotReadyError } from '../flows/package.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { httpHandler, json } from '../lib/http.ts';
import { functions } from '../registry.ts';
import * as schemas from './schemas/sheets.ts';

const env = loadEnv(functions.buildPackage.env);

/**
 * POST /tenders/{id}/package: the bid package — the approved evidence, the compliance matrix and a
 * manifest (names, sizes, SHA-256, approver, time) — streamed into a ZIP in S3; 201 with a presigned
 * download. Not ready: 409 with the blockers, unless a bid manager forces it with a reason (audited).
 */
export const handler = httpHandler(schemas.buildPackage, async (req, input) => {
  try {
    const built = await buildPackage(env, req.caller, input.path.id, input.body.force, systemClock.now());
    return json(201, built);
  } catch (e) {
    if (!(e instanceof NotReadyError)) throw e;
    return json(
      409,
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: `${e.message}; a bid manager may force the package with a reason`,
        blockers: e.blockers,
      },
      { 'content-type': 'application/problem+json' },
    );
  }
});
