import { fieldChanges } from '../domain/audit.ts';
import { type Economics, economicsOf } from '../domain/custom-dev/economics.ts';
import { type CustomDevRequest, TRACKED_FIELDS } from '../domain/custom-dev/request.ts';
import { acceptsInputs, assertTransition } from '../domain/custom-dev/types.ts';
import { StateConflictError } from '../lib/errors.ts';
import { updateRequest } from '../store/custom-dev-requests.ts';
import { getSetting } from '../store/settings.ts';
import { startExecution } from './start-execution.ts';

export { startExecution };

/** The organisation's custom-development economics (the defaults when never set). */
export async function economicsFor(table: string, org: string): Promise<Economics> {
  return economicsOf((await getSetting(table, org, 'custom-dev-economics'))?.value);
}

/** What the assessment workflow is started with. */
export interface AssessmentStart {
  org: string;
  requestId: string;
  revision: number;
}

/**
 * Record a technical or commercial input (the caller checked If-Match against `current.version`). Once
 * both are recorded the request goes to `assessing` with a new inputs revision, and the caller starts
 * the assessment workflow for that revision. Returns the request as it now is.
 */
export async function recordInput(
  table: string,
  org: string,
  current: CustomDevRequest,
  input: Pick<Partial<CustomDevRequest>, 'technical' | 'commercial'>,
  actor: string,
  at: string,
): Promise<{ request: CustomDevRequest; assess: AssessmentStart | null }> {
  if (!acceptsInputs(current.status))
    throw new StateConflictError(`the request is ${current.status}: its inputs can no longer change`);
  const merged = { ...current, ...input };
  const complete = merged.technical !== null && merged.commercial !== null;
  if (complete) assertTransition(current.status, 'assessing', 'start an assessment');
  const fields: Partial<CustomDevRequest> = {
    ...input,
    ...(complete
      ? { status: 'assessing' as const, inputsRevision: current.inputsRevision + 1, assessmentError: null }
      : {}),
  };
  const [name] = Object.keys(input);
  const { before, after } = fieldChanges(current, fields, TRACKED_FIELDS);
  const request = await updateRequest(table, org, current, fields, {
    actor,
    at,
    action: `record-${name ?? 'input'}`,
    before,
    after,
  });
  return {
    request,
    assess: complete ? { org, requestId: current.requestId, revision: request.inputsRevision } : null,
  };
}
