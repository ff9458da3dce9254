import { type FieldError, InvalidInputError } from '../../lib/errors.ts';

export type JsonObject = Record<string, unknown>;
export type OcdsKind = 'release' | 'release-package' | 'record' | 'record-package';

/** The releases of one contracting process found in a document. */
export interface ProcessReleases {
  ocid: string;
  /** full releases in document order; a record contributes its compiledRelease or its newest release */
  releases: JsonObject[];
}

export interface Detected {
  kind: OcdsKind;
  processes: ProcessReleases[];
  /** entries that could not be used (e.g. a release without an ocid) */
  skipped: FieldError[];
}

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Any JSON value as a string, for comparing ids and dates; unlike String(), never throws (e.g. on { "toString": 1 }). */
export const asKey = (v: unknown): string =>
  typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);

const EXPECTED =
  'expected an OCDS release, release package, record or record package (a JSON object with "ocid", "releases" or "records")';

const ocidOf = (v: unknown): string | undefined => {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};

/** A linked release in a record has only url/date/tag: nothing to read. */
const isEmbeddedRelease = (r: JsonObject): boolean =>
  Object.keys(r).some((k) => !['url', 'date', 'tag'].includes(k));

const newest = (releases: JsonObject[]): JsonObject | undefined =>
  [...releases].sort((a, b) => asKey(b.date ?? '').localeCompare(asKey(a.date ?? '')))[0];

/**
 * Tell which OCDS document this is and group its releases by ocid. Throws InvalidInputError,
 * naming the fields, when nothing in it identifies a contracting process.
 */
export function detectOcds(doc: unknown): Detected {
  if (!isObject(doc)) throw new InvalidInputError(EXPECTED, [{ path: '', message: EXPECTED }]);
  const skipped: FieldError[] = [];
  const groups = new Map<string, JsonObject[]>();
  const add = (ocid: string, release: JsonObject) => {
    const list = groups.get(ocid) ?? [];
    list.push(release);
    groups.set(ocid, list);
  };

  type Read = { ocid: string; release: JsonObject } | FieldError;
  const take = (read: Read) => {
    if ('release' in read) add(read.ocid, read.release);
    else skipped.push(read);
  };

  const readRecord = (record: unknown, path: string): Read => {
    if (!isObject(record)) return { path, message: 'expected a record object' };
    const ocid = ocidOf(record.ocid);
    if (!ocid) return { path: `${path}.ocid`, message: 'missing or empty: a record needs an ocid' };
    if (isObject(record.compiledRelease)) return { ocid, release: { ocid, ...record.compiledRelease } };
    const embedded = Array.isArray(record.releases)
      ? record.releases.filter(isObject).filter(isEmbeddedRelease)
      : [];
    const latest = newest(embedded);
    if (!latest)
      return { path: `${path}.compiledRelease`, message: 'missing, and the record embeds no full release' };
    return { ocid, release: { ocid, ...latest } };
  };

  const readRelease = (release: unknown, path: string): Read => {
    if (!isObject(release)) return { path, message: 'expected a release object' };
    const ocid = ocidOf(release.ocid);
    if (!ocid) return { path: `${path}.ocid`, message: 'missing or empty: a release needs an ocid' };
    return { ocid, release };
  };

  let kind: OcdsKind;
  if (Array.isArray(doc.records)) {
    kind = 'record-package';
    for (const [i, r] of doc.records.entries()) take(readRecord(r, `records[${i}]`));
  } else if (Array.isArray(doc.releases) && ocidOf(doc.ocid) === undefined) {
    kind = 'release-package';
    for (const [i, r] of doc.releases.entries()) take(readRelease(r, `releases[${i}]`));
  } else if (
    ocidOf(doc.ocid) !== undefined &&
    (isObject(doc.compiledRelease) || Array.isArray(doc.releases))
  ) {
    kind = 'record';
    take(readRecord(doc, ''));
  } else if (ocidOf(doc.ocid) !== undefined) {
    kind = 'release';
    add(ocidOf(doc.ocid) as string, doc);
  } else {
    const message = 'ocid' in doc ? 'missing or empty: an OCDS release needs an ocid' : EXPECTED;
    throw new InvalidInputError('the document does not identify a contracting process', [
      { path: 'ocid' in doc ? 'ocid' : '', message },
    ]);
  }

  if (groups.size === 0) {
    const errors =
      skipped.length > 0
        ? skipped
        : [
            {
              path: kind === 'record-package' ? 'records' : 'releases',
              message: 'empty: no release to import',
            },
          ];
    throw new InvalidInputError('the document contains no usable release', errors);
  }
  return {
    kind,
    processes: [...groups].map(([ocid, releases]) => ({ ocid, releases })),
    skipped,
  };
}
