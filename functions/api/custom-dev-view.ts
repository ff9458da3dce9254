import type { CustomDevRequest } from '../domain/custom-dev/request.ts';
import { notFound } from '../lib/errors.ts';
import { getRequest } from '../store/custom-dev-requests.ts';

/** A new request, `submitted`, nothing assessed yet. */
export function newRequest(
  r: Pick<
    CustomDevRequest,
    | 'requestId'
    | 'client'
    | 'title'
    | 'problem'
    | 'requestedFunctionality'
    | 'neededBy'
    | 'timeZone'
    | 'vertical'
    | 'strategicFit'
    | 'tenderId'
    | 'checklistItemId'
    | 'evidenceIds'
    | 'createdBy'
  > & { at: string },
): CustomDevRequest {
  const { at, ...fields } = r;
  return {
    ...fields,
    status: 'submitted',
    technical: null,
    commercial: null,
    inputsRevision: 0,
    businessCase: null,
    recommendation: null,
    assessmentError: null,
    decision: null,
    specKey: null,
    pilot: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** The caller's organisation's request, or 404 (another organisation's is a 404 too). */
export async function requestOr404(table: string, org: string, id: string): Promise<CustomDevRequest> {
  const r = await getRequest(table, org, id);
  if (!r) throw notFound(`no custom-development request ${id}`);
  return r;
}
