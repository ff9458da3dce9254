import type { BusinessCase } from './business-case.ts';
import type { Recommendation } from './recommendation.ts';
import type { CdrStatus, Commercial, Decision, Technical } from './types.ts';

/** A custom-development request as stored and returned (ETag: its version). */
export interface CustomDevRequest {
  requestId: string;
  client: string;
  title: string;
  problem: string;
  requestedFunctionality: string;
  /** a date (YYYY-MM-DD): the decision is due by the end of that day */
  neededBy: string | null;
  /** the zone `neededBy` is read in: the tender's buyer zone when made from a tender, else UTC */
  timeZone: string;
  vertical: string | null;
  /** 1–5 */
  strategicFit: number;
  tenderId: string | null;
  checklistItemId: string | null;
  evidenceIds: string[];
  status: CdrStatus;
  technical: Technical | null;
  commercial: Commercial | null;
  /** bumped on every change of an input: an assessment of an older revision is discarded */
  inputsRevision: number;
  businessCase: BusinessCase | null;
  recommendation: Recommendation | null;
  /** why the last assessment (or the decision's follow-up) failed */
  assessmentError: { error: string; cause: string; stage: 'assessment' | 'decision' } | null;
  decision: {
    decision: Decision;
    reason: string | null;
    overridesRecommendation: boolean;
    by: string;
    at: string;
  } | null;
  /** the specification's S3 key, once generated */
  specKey: string | null;
  /** set when approved as a pilot: the draft pilot created from it (GET /pilots/{pilotId}) */
  pilot: { note: string; at: string; pilotId: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** The fields an audited change may touch. */
export const TRACKED_FIELDS = [
  'status',
  'technical',
  'commercial',
  'inputsRevision',
  'businessCase',
  'recommendation',
  'assessmentError',
  'decision',
  'specKey',
  'pilot',
] as const satisfies readonly (keyof CustomDevRequest)[];

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
