import * as z from 'zod/mini';
import { specMarkdown } from '../domain/custom-dev/spec.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { InvalidInputError } from '../lib/errors.ts';
import { taskHandler } from '../lib/task.ts';
import { functions } from '../registry.ts';
import { getRequest, putSpec, specKeyOf, updateRequest } from '../store/custom-dev-requests.ts';
import { RequestRef } from './custom-dev-input.ts';

const env = loadEnv(functions.generateCustomDevSpec.env);

export const GenerateSpecInput = z.object(RequestRef);

/** custom-dev-decision / GenerateSpec: the specification (Markdown) in S3, its key on the request. Idempotent. */
export const handler = taskHandler('generateCustomDevSpec', GenerateSpecInput, async ({ org, requestId }) => {
  const r = await getRequest(env.TABLE_NAME, org, requestId);
  if (!r) throw new InvalidInputError(`no custom-development request ${requestId} in ${org}`);
  if (r.status !== 'approved' && r.status !== 'piloting')
    throw new InvalidInputError(
      `request ${requestId} is ${r.status}: only an approved request gets a specification`,
    );
  const at = systemClock.now().toISOString();
  const key = specKeyOf(org, requestId);
  await putSpec(env.BUCKET_NAME, key, specMarkdown(r, at));
  if (r.specKey !== key)
    await updateRequest(
      env.TABLE_NAME,
      org,
      r,
      { specKey: key },
      {
        actor: 'workflow:custom-dev-decision',
        at,
        action: 'generate-spec',
        before: { specKey: r.specKey },
        after: { specKey: key },
      },
    );
  return { specKey: key };
});
