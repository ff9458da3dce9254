import type { RequirementSpec } from './types.ts';

/** Where a list sits: the whole tender or one lot. */
export interface Place {
  lotId: string | null;
  /** JSON path of the tender or lot object, for warnings */
  path: string;
  /** stable key prefix: '' or `lots[<id>].` */
  key: string;
  language: string;
}

/** One condition as a requirement: a criterion of its own with one group and one requirement. */
export function condition(
  place: Place,
  name: string,
  spec: Pick<RequirementSpec, 'title' | 'description' | 'category'> &
    Partial<
      Pick<
        RequirementSpec,
        | 'classification'
        | 'codes'
        | 'dataType'
        | 'minValue'
        | 'maxValue'
        | 'expectedValue'
        | 'mandatory'
        | 'eligibleEvidences'
      >
    >,
): RequirementSpec {
  const criterionId = `${place.key}${name}`;
  return {
    key: `${criterionId}/0/0`,
    criterionId,
    criterionTitle: spec.title,
    criterionDescription: spec.description,
    classification: spec.classification ?? null,
    ...(spec.codes ? { codes: spec.codes } : {}),
    legislation: [],
    groupId: '0',
    groupDescription: {},
    requirementId: '0',
    title: spec.title,
    description: spec.description,
    dataType: spec.dataType ?? null,
    expectedValue: spec.expectedValue ?? null,
    minValue: spec.minValue ?? null,
    maxValue: spec.maxValue ?? null,
    pattern: null,
    eligibleEvidences: spec.eligibleEvidences ?? [],
    category: spec.category,
    obligation: place.lotId === null ? 'tenderer' : 'lot',
    lotIds: place.lotId === null ? [] : [place.lotId],
    mandatory: spec.mandatory ?? true,
  };
}
