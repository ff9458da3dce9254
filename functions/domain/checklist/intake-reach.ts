/**
 * What intake makes of each published field (ocds/reach.ts): for every contracting process of a document,
 * where its content sits in the document, the JSON paths its intake used and its warnings. Pure; the
 * intake itself runs exactly as on import.
 */
import { asKey, detectOcds, isObject, type JsonObject } from '../ocds/detect.ts';
import { compileReleases } from '../ocds/merge.ts';
import type { NormalizeOptions } from '../ocds/normalize.ts';
import { isProzorroTender, normalizeProzorro, prozorroOcid } from '../prozorro/normalize.ts';
import type { Warning } from '../tender.ts';
import { intakeRelease } from './intake.ts';

export interface ProcessReach {
  ocid: string;
  /** the document paths of the objects intake read this process from (`''`, `releases[2]`, `records[0].compiledRelease`) */
  at: string[];
  /** paths relative to those objects, as warnings name them */
  used: Set<string>;
  warnings: Warning[];
}

export function intakeReach(doc: unknown, opts: NormalizeOptions = {}): ProcessReach[] {
  if (isProzorroTender(doc)) {
    const used = new Set<string>();
    const { tender } = normalizeProzorro(doc, opts, (p) => used.add(p));
    return [{ ocid: prozorroOcid(doc), at: [''], used, warnings: tender.warnings }];
  }
  const at = sources(doc);
  return detectOcds(doc).processes.map((p) => {
    const used = new Set<string>();
    const { tender } = intakeRelease(compileReleases(p.releases), p.ocid, opts, (path) => used.add(path));
    return { ocid: p.ocid, at: at.get(p.ocid) ?? [], used, warnings: tender.warnings };
  });
}

/** ocid → where its releases sit in the document (the same choices as detectOcds). */
function sources(doc: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!isObject(doc)) return out;
  const add = (ocid: unknown, path: string) => {
    const key = typeof ocid === 'string' ? ocid.trim() : typeof ocid === 'number' ? String(ocid) : '';
    if (key !== '') out.set(key, [...(out.get(key) ?? []), path]);
  };
  const record = (r: JsonObject, path: string) => {
    if (isObject(r.compiledRelease)) {
      add(r.ocid, `${path}compiledRelease`);
      return;
    }
    const releases = Array.isArray(r.releases) ? r.releases : [];
    const embedded = releases
      .map((x, i) => ({ x, i }))
      .filter(({ x }) => isObject(x) && Object.keys(x).some((k) => !['url', 'date', 'tag'].includes(k)));
    const newest = embedded.sort((a, b) =>
      asKey((b.x as JsonObject).date ?? '').localeCompare(asKey((a.x as JsonObject).date ?? '')),
    )[0];
    if (newest) add(r.ocid, `${path}releases[${newest.i}]`);
  };
  if (Array.isArray(doc.records)) {
    for (const [i, r] of doc.records.entries()) if (isObject(r)) record(r, `records[${i}].`);
  } else if (Array.isArray(doc.releases) && doc.ocid === undefined) {
    for (const [i, r] of doc.releases.entries()) if (isObject(r)) add(r.ocid, `releases[${i}]`);
  } else if (isObject(doc.compiledRelease) || Array.isArray(doc.releases)) record(doc, '');
  else add(doc.ocid, '');
  return out;
}
