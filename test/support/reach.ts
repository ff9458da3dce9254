import { intakeReach } from '../../functions/domain/checklist/intake-reach.ts';
import { extractCriteria } from '../../functions/domain/checklist/requirements.ts';
import { names, type PublishedField, publishedFields } from '../../functions/domain/ocds/reach.ts';
import type { Warning } from '../../functions/domain/tender.ts';
import { readExample } from './fixtures.ts';

export interface FieldReach {
  /** criterion, milestone and date fields of the tender (package metadata and linked releases left out) */
  fields: number;
  used: number;
  warned: number;
  missed: PublishedField[];
  /** fields outside every contracting process: package metadata (`publishedDate`), linked releases of a record */
  envelope: PublishedField[];
}

/**
 * Walk one fixture: list its criteria-like, milestone-like and date-like fields, run intake as an import
 * does, and sort each field into used (a reader consumed it), warned (a warning names it or what holds it)
 * or missed. A JSON array of criteria (Prozorro's templates) is read as a list of criteria.
 */
export function reachOfExample(name: string): FieldReach {
  const doc = readExample(name);
  if (Array.isArray(doc)) {
    const used = new Set<string>();
    const warnings: Warning[] = [];
    extractCriteria(doc, (path, message) => warnings.push({ path, message }), {
      path: 'criteria',
      use: (p) => used.add(p),
    });
    return sort(publishedFields({ criteria: doc }), [{ at: [''], used, warnings }]);
  }
  return sort(publishedFields(doc), intakeReach(doc));
}

function sort(
  all: PublishedField[],
  processes: { at: string[]; used: Set<string>; warnings: Warning[] }[],
): FieldReach {
  const out: FieldReach = { fields: 0, used: 0, warned: 0, missed: [], envelope: [] };
  for (const field of all) {
    const found = processes.flatMap((p) =>
      p.at.filter((a) => names(a, field.path)).map((a) => ({ p, a })),
    )[0];
    if (!found) {
      out.envelope.push(field);
      continue;
    }
    out.fields++;
    const path = found.a === '' ? field.path : field.path.slice(found.a.length + 1);
    if (found.p.used.has(path)) out.used++;
    else if (found.p.warnings.some((w) => w.path !== '' && names(w.path, path))) out.warned++;
    else out.missed.push({ ...field, path });
  }
  return out;
}
