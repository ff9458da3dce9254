import type { CustomDevRequest } from '../domain/custom-dev/request.ts';
import { recordInput, startExecution } from '../flows/custom-dev.ts';
import { systemClock } from '../lib/clock.ts';
import { etagOf, preconditionFailed } from '../lib/etag.ts';
import { type HttpResponse, json, type Request } from '../lib/http.ts';
import { log } from '../lib/log.ts';
import { updateRequest } from '../store/custom-dev-requests.ts';
import { requestOr404 } from './custom-dev-view.ts';

/**
 * What PUT …/technical and PUT …/commercial share: If-Match against the request, record the input
 * (audited), and once both inputs are there start `custom-dev-assessment` for the new revision. A start
 * that fails leaves the request `assessment-failed` with the reason, never stuck in `assessing`.
 */
export async function putInput(
  req: Request,
  env: { TABLE_NAME: string; CUSTOM_DEV_ASSESSMENT_STATE_MACHINE_ARN: string },
  id: string,
  version: number,
  input: Pick<Partial<CustomDevRequest>, 'technical' | 'commercial'>,
): Promise<HttpResponse> {
  const { org, user } = req.caller;
  const current = await requestOr404(env.TABLE_NAME, org, id);
  if (current.version !== version) throw preconditionFailed(current.version, version);
  const at = systemClock.now().toISOString();
  const { request, assess } = await recordInput(env.TABLE_NAME, org, current, input, user, at);
  if (!assess) return json(200, request, { etag: etagOf(request.version) });
  try {
    await startExecution(
      env.CUSTOM_DEV_ASSESSMENT_STATE_MACHINE_ARN,
      `${assess.requestId}-r${assess.revision}`,
      assess,
    );
    return json(202, request, { etag: etagOf(request.version) });
  } catch (e) {
    log.error('could not start custom-dev-assessment', { error: e, requestId: id });
    const failed = await updateRequest(
      env.TABLE_NAME,
      org,
      request,
      {
        status: 'assessment-failed',
        assessmentError: {
          error: 'StartFailed',
          cause: 'the assessment could not be started; record an input again to retry',
          stage: 'assessment',
        },
      },
      {
        actor: 'system',
        at,
        action: 'assessment-failed',
        before: { status: request.status },
        after: { status: 'assessment-failed' },
      },
    );
    return json(202, failed, { etag: etagOf(failed.version) });
  }
}
