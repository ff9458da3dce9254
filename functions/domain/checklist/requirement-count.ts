import { LIMITS, refuse } from '../../lib/limits.ts';
import { detectOcds, isObject, type JsonObject } from '../ocds/detect.ts';
import { compileReleases } from '../ocds/merge.ts';
import { isProzorroTender, prozorroOcid } from '../prozorro/normalize.ts';

/**
 * How many requirements a tender publishes: its criteria → requirementGroups → requirements, counted
 * without normalising anything, so an import can be refused before anything is written (a tender
 * holds at most LIMITS.requirements; rule packs add their few on top).
 */
export function criteriaRequirements(criteria: unknown): number {
  if (!Array.isArray(criteria)) return 0;
  let n = 0;
  for (const c of criteria) {
    if (!isObject(c) || !Array.isArray(c.requirementGroups)) continue;
    for (const g of c.requirementGroups)
      if (isObject(g) && Array.isArray(g.requirements)) n += g.requirements.length;
  }
  return n;
}

const tenderOf = (release: JsonObject) => (isObject(release.tender) ? release.tender : {});

/**
 * The requirements of each tender `ocids` names in an imported document (an OCDS release, record or
 * package, or a Prozorro tender). A process's releases are compiled only when their sum is over the
 * limit (amendments repeat requirements; the compiled release has each once).
 */
export function requirementCounts(doc: unknown, ocids: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  if (isProzorroTender(doc)) {
    const wrapped =
      isObject(doc) && isObject(doc.data) && !('tenderID' in doc) && !('procuringEntity' in doc);
    const t = wrapped ? doc.data : doc;
    out.set(prozorroOcid(doc), isObject(t) ? criteriaRequirements(t.criteria) : 0);
    return out;
  }
  const wanted = new Set(ocids);
  for (const p of detectOcds(doc).processes) {
    if (!wanted.has(p.ocid)) continue;
    const sum = p.releases.reduce((n, r) => n + criteriaRequirements(tenderOf(r).criteria), 0);
    out.set(
      p.ocid,
      sum <= LIMITS.requirements || p.releases.length === 1
        ? sum
        : criteriaRequirements(tenderOf(compileReleases(p.releases)).criteria),
    );
  }
  return out;
}

/** Refuse (422, naming the tender, its count and the limit) a tender with more requirements than a tender holds. */
export function checkRequirementCount(tender: string, count: number): void {
  if (count > LIMITS.requirements) throw refuse.requirements(tender, count);
}

/** Every tender the import would create or amend is within the limit, else the import is refused before anything is written. */
export function checkRequirementCounts(doc: unknown, ocids: readonly string[]): void {
  for (const [ocid, count] of requirementCounts(doc, ocids))
    checkRequirementCount(`the tender ${ocid}`, count);
}
