/**
 * What a normaliser did with a published document, field by field: the rule is that every criterion,
 * milestone and date the buyer published is either used (it reaches the normalised tender, the checklist
 * or the deadlines) or named by a warning. The readers report the JSON paths they use to a `Use` sink
 * (paths as in warnings: relative to the release, or to the Prozorro tender); `publishedFields` lists the
 * fields the rule is about, and `unreached` the ones neither used nor named.
 */
import { isObject } from './detect.ts';

/** Told each JSON path a reader used. */
export type Use = (path: string) => void;
export const unused: Use = () => {};

export type FieldKind = 'criterion' | 'milestone' | 'date';

export interface PublishedField {
  path: string;
  kind: FieldKind;
}

/** Keys whose content is a criterion (or a part of one) a bidder must meet or declare. */
const CRITERIA_KEY =
  /^(criteria|requirementGroups|requirements|features|exclusionGrounds)$|Criteria(Details)?$/;
const MILESTONES_KEY = /^milestones$/;
const DATE_KEY = /date$/i;
const PERIOD_KEY = /period$/i;

/**
 * The criteria-like, milestone-like and date-like fields of a document, as JSON paths:
 * - each element of an array under a criteria-like key (`criteria[0]`, `…requirementGroups[1]`,
 *   `features[2]`, `exclusionGrounds.criteria[0]`), each scalar (or list of scalars) held by such a key
 *   or by an object under one (`awardCriteria`, `exclusionGrounds.sources`);
 * - each element of a `milestones` array;
 * - each scalar whose key ends in `date`/`Date`, and each scalar of a period (`…Period`, `period`).
 * A null is no field: it publishes nothing.
 */
export function publishedFields(doc: unknown, prefix = ''): PublishedField[] {
  const out: PublishedField[] = [];
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  const scalars = (v: unknown[]) => v.every((x) => !isObject(x) && !Array.isArray(x));
  /** `container`: the value is directly in an object held by a criteria-like key (exclusionGrounds, selectionCriteria) */
  const visit = (value: unknown, path: string, key: string, container: boolean, inPeriod: boolean) => {
    const criteriaKey = CRITERIA_KEY.test(key);
    if (Array.isArray(value)) {
      if ((criteriaKey || container) && scalars(value)) {
        if (value.length > 0) out.push({ path, kind: 'criterion' });
        return;
      }
      for (const [i, v] of value.entries()) {
        const at = `${path}[${i}]`;
        if (criteriaKey && isObject(v)) out.push({ path: at, kind: 'criterion' });
        else if (MILESTONES_KEY.test(key) && isObject(v)) out.push({ path: at, kind: 'milestone' });
        visit(v, at, '', false, false);
      }
      return;
    }
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value))
        visit(v, join(path, k), k, criteriaKey, PERIOD_KEY.test(key));
      return;
    }
    if (value === undefined || value === null) return; // a null publishes nothing (in OCDS it removes the field)
    if (DATE_KEY.test(key) || inPeriod) out.push({ path, kind: 'date' });
    else if (criteriaKey || container) out.push({ path, kind: 'criterion' });
  };
  visit(doc, prefix, '', false, false);
  return out;
}

/** `covered` names `path` itself or one of the objects that hold it (by whole path segments). */
export const names = (covered: string, path: string): boolean =>
  path === covered || covered === '' || path.startsWith(`${covered}.`) || path.startsWith(`${covered}[`);

/** The published fields neither used nor named by a warning (a warning on a field names what it holds). */
export function unreached(
  fields: readonly PublishedField[],
  used: ReadonlySet<string>,
  warnings: readonly { path: string }[],
): PublishedField[] {
  return fields.filter(
    (f) => !used.has(f.path) && !warnings.some((w) => w.path !== '' && names(w.path, f.path)),
  );
}
