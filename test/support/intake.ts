import { intakeDocument } from '../../functions/domain/checklist/intake.ts';
import type { RequirementSpec } from '../../functions/domain/checklist/types.ts';

/** The one contracting process a document holds, through the domain's intake (fails the test when none). */
export const intakeOne = (doc: unknown) => {
  const [one] = intakeDocument(doc);
  if (!one) throw new Error('no tender');
  return one;
};

/** The requirement with this key (fails the test naming the keys there are). */
export const byKey = (specs: RequirementSpec[], key: string): RequirementSpec => {
  const found = specs.find((s) => s.key === key);
  if (!found) throw new Error(`no requirement ${key} among ${specs.map((s) => s.key).join(', ')}`);
  return found;
};
