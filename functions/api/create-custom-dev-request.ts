import { type CustomDevRequest, newRequest } from '../domain/custom-dev/request.ts';
import { systemClock } from '../lib/clock.ts';
import { loadEnv } from '../lib/env.ts';
import { badRequest } from '../lib/errors.ts';
import { etagOf } from '../lib/etag.ts';
import { httpHandler, json } from '../lib/http.ts';
import { newId, sha256Hex } from '../lib/ids.ts';
import { functions } from '../registry.ts';
import { createRequest } from '../store/custom-dev-requests.ts';
import { withIdempotency } from '../store/idempotency.ts';
import { getTender } from '../store/tenders.ts';
import * as schemas from './schemas/custom-dev.ts';

const env = loadEnv(functions.createCustomDevRequest.env);

/**
 * POST /custom-dev-requests: a client asks for functionality the product lacks. Status `submitted`;
 * a named tender must be the organisation's (its buyer zone reads `neededBy`). Idempotency-Key honoured.
 */
export const handler = httpHandler(schemas.createCustomDevRequest, async (req, input) => {
  const { org, user } = req.caller;
  const now = systemClock.now();
  return withIdempotency(
    env.TABLE_NAME,
    org,
    req.header('idempotency-key'),
    sha256Hex(JSON.stringify(input.body)),
    now,
    async () => {
      const b = input.body;
      if (b.checklistItemId && !b.tenderId)
        throw badRequest('a checklist item needs its tender', [
          { path: 'tenderId', message: 'required with checklistItemId' },
        ]);
      const tender = b.tenderId ? await getTender(env.TABLE_NAME, org, b.tenderId) : undefined;
      if (b.tenderId && !tender)
        throw badRequest('no such tender', [
          { path: 'tenderId', message: 'not a tender of this organisation' },
        ]);
      const request: CustomDevRequest = newRequest({
        requestId: `cdr-${newId()}`,
        client: b.client,
        title: b.title,
        problem: b.problem,
        requestedFunctionality: b.requestedFunctionality,
        neededBy: b.neededBy ?? null,
        timeZone: tender?.timeZone ?? 'UTC',
        vertical: b.vertical ?? null,
        strategicFit: b.strategicFit,
        tenderId: b.tenderId ?? null,
        checklistItemId: b.checklistItemId ?? null,
        evidenceIds: b.evidenceIds,
        createdBy: user,
        at: now.toISOString(),
      });
      await createRequest(env.TABLE_NAME, org, request);
      return json(201, request, {
        location: `/custom-dev-requests/${request.requestId}`,
        etag: etagOf(request.version),
      });
    },
  );
});
