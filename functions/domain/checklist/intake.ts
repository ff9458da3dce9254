import { InvalidInputError } from '../../lib/errors.ts';
import { detectOcds, isObject, type JsonObject } from '../ocds/detect.ts';
import { compileReleases } from '../ocds/merge.ts';
import { type NormalizeOptions, normalizeRelease } from '../ocds/normalize.ts';
import { type Use, unused } from '../ocds/reach.ts';
import { isProzorroTender, normalizeProzorro, prozorroOcid } from '../prozorro/normalize.ts';
import type { NormalizedTender } from '../tender.ts';
import { extractRequirements, localized } from './requirements.ts';
import { choosePacks, rulePackRequirements } from './rule-packs.ts';
import type { RequirementSpec } from './types.ts';

/** What intake makes of one tender: the normalised tender (its warnings include the requirements') and its requirements. */
export interface TenderIntake {
  tender: NormalizedTender;
  requirements: RequirementSpec[];
}

export interface IntakeOptions extends NormalizeOptions {
  /** only this contracting process (an OCDS package may hold several) */
  ocid?: string;
  /** rule packs named on import (`?rulePacks=`), added whatever the jurisdiction */
  rulePacks?: readonly string[];
}

/**
 * Add the rule packs' requirements: those named on import always; the buyer's jurisdiction pack
 * only when the tender publishes no exclusion criteria of its own (an eForms or Prozorro tender
 * already carries the ESPD grounds — adding the pack again would only duplicate them).
 */
export function withRulePacks(intake: TenderIntake, named: readonly string[] = []): TenderIntake {
  const publishesExclusions = intake.requirements.some((r) => r.category === 'exclusion');
  const packs = choosePacks(intake.tender, named).filter((p) => named.includes(p.id) || !publishesExclusions);
  if (packs.length === 0) return intake;
  const warnings = [...intake.tender.warnings];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const added = packs.flatMap((p) => rulePackRequirements(p, warn));
  return {
    tender: { ...intake.tender, warnings, rulePacks: packs.map((p) => p.id) },
    requirements: [...intake.requirements, ...added],
  };
}

/** One compiled OCDS release → the normalised tender and the requirements of its criteria. */
export function intakeRelease(
  release: JsonObject,
  ocid: string,
  opts: NormalizeOptions = {},
  use: Use = unused,
): TenderIntake {
  const tender = normalizeRelease(release, ocid, opts, use);
  const warn = (path: string, message: string) => tender.warnings.push({ path, message });
  const language = tender.language ?? 'default';
  const requirements = extractRequirements(release, warn, { language, use });
  const titles = isObject(release.tender) ? localized(release.tender, 'title', language) : {};
  return { tender: Object.keys(titles).length > 0 ? { ...tender, titles } : tender, requirements };
}

/**
 * Every tender in an imported document: an OCDS release, record or package (one per contracting
 * process), or a Prozorro tender. Throws InvalidInputError only when nothing in it identifies a tender
 * (or `opts.ocid` names none of them); messy content becomes warnings on each tender.
 */
export function intakeDocument(doc: unknown, opts: IntakeOptions = {}): (TenderIntake & { ocid: string })[] {
  const { ocid: wanted, rulePacks: named = [], ...normalizeOpts } = opts;
  if (Array.isArray(doc)) throw notATender(doc);
  if (isProzorroTender(doc)) {
    const ocid = prozorroOcid(doc);
    if (wanted !== undefined && wanted !== ocid) throw noSuchOcid(wanted, [ocid]);
    return [{ ocid, ...withRulePacks(normalizeProzorro(doc, normalizeOpts), named) }];
  }
  const { processes } = detectOcds(doc);
  const chosen = wanted === undefined ? processes : processes.filter((p) => p.ocid === wanted);
  if (chosen.length === 0)
    throw noSuchOcid(
      wanted ?? '',
      processes.map((p) => p.ocid),
    );
  return chosen.map((p) => ({
    ocid: p.ocid,
    ...withRulePacks(intakeRelease(compileReleases(p.releases), p.ocid, normalizeOpts), named),
  }));
}

export type DocumentKind = 'release' | 'release-package' | 'record' | 'record-package' | 'prozorro-tender';

/**
 * Cheap identification for the import API: which tenders does the document hold (all, or the one
 * named)? Same rules and errors as intakeDocument, without normalising anything.
 */
export function identifyDocument(
  doc: unknown,
  wanted?: string,
): { kind: DocumentKind; ocids: string[]; skipped: { path: string; message: string }[] } {
  if (Array.isArray(doc)) throw notATender(doc);
  if (isProzorroTender(doc)) {
    const ocid = prozorroOcid(doc);
    if (wanted !== undefined && wanted !== ocid) throw noSuchOcid(wanted, [ocid]);
    return { kind: 'prozorro-tender', ocids: [ocid], skipped: [] };
  }
  const { kind, processes, skipped } = detectOcds(doc);
  const ocids = processes.map((p) => p.ocid).filter((o) => wanted === undefined || o === wanted);
  if (ocids.length === 0)
    throw noSuchOcid(
      wanted ?? '',
      processes.map((p) => p.ocid),
    );
  return { kind, ocids, skipped };
}

const noSuchOcid = (wanted: string, found: string[]) =>
  new InvalidInputError(`the document has no contracting process ${wanted}`, [
    { path: 'ocid', message: `${JSON.stringify(wanted)} is not among: ${found.join(', ')}` },
  ]);

/** A JSON array is never a tender; a list of criteria (e.g. Prozorro's criteria templates) gets a precise message. */
function notATender(doc: unknown[]): InvalidInputError {
  const criteria = doc.length > 0 && doc.every((c) => isObject(c) && 'requirementGroups' in c);
  return new InvalidInputError(
    criteria ? 'the document is a list of criteria, not a tender' : 'expected a tender, got a JSON array',
    [
      {
        path: '',
        message: criteria
          ? `a JSON array of ${doc.length} criteria (criteria templates?) identifies no tender; import the tender that uses them`
          : 'expected an OCDS release, record or package, or a Prozorro tender (a JSON object)',
      },
    ],
  );
}
