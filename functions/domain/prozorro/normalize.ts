import { InvalidInputError } from '../../lib/errors.ts';
import { buyerKind } from '../buyer-kind.ts';
import { localized } from '../checklist/fields.ts';
import type { TenderIntake } from '../checklist/intake.ts';
import { extractCriteria, tenderContext } from '../checklist/requirements.ts';
import { tenderTerms } from '../checklist/tender-terms.ts';
import { recogniseCountry } from '../geo/country.ts';
import { chooseZone } from '../geo/zone.ts';
import { isObject, type JsonObject } from '../ocds/detect.ts';
import {
  compact,
  type NormalizeOptions,
  publishedTimes,
  readLanguage,
  readMoney,
  readPeriod,
  text,
} from '../ocds/normalize.ts';
import { type Use, unused } from '../ocds/reach.ts';
import type { NormalizedTender, Period, Warning } from '../tender.ts';
import { readInstant } from '../time.ts';
import { readFeatures } from './features.ts';
import { readProzorroDates, readProzorroMilestones } from './milestones.ts';

/**
 * The OCID prefix registered for Prozorro (Ukraine). Prozorro's own OCDS mapping
 * (openprocurement/openprocurement-ocds-mapping) builds the ocid from this prefix and `tenderID`,
 * e.g. `ocds-be6bcu-UA-2018-06-22-001789-a`, and defaults the language to Ukrainian.
 */
export const PROZORRO_OCID_PREFIX = 'ocds-be6bcu';
const PROZORRO_LANGUAGE = 'uk';

interface Unwrapped {
  tender: JsonObject;
  /** `data.` when the API response wrapper `{ data: … }` was removed, for warning paths */
  at: string;
}

/** The tender object of a Prozorro API document, with or without the `{ data: … }` wrapper. */
function unwrap(doc: unknown): Unwrapped | undefined {
  if (!isObject(doc)) return undefined;
  if (isObject(doc.data) && !('tenderID' in doc) && !('procuringEntity' in doc))
    return { tender: doc.data, at: 'data.' };
  return { tender: doc, at: '' };
}

const isOcds = (o: JsonObject): boolean => 'ocid' in o || 'releases' in o || 'records' in o;

/**
 * A Prozorro-style tender (the openprocurement API format, not an OCDS release): an object, possibly
 * wrapped in `{ data: … }`, with a tenderID, a procuringEntity, a procurementMethodType, or criteria
 * that carry a `source`. Anything with an ocid, releases or records is OCDS, not this.
 */
export function isProzorroTender(doc: unknown): boolean {
  const u = unwrap(doc);
  if (!u || isOcds(u.tender) || (isObject(doc) && isOcds(doc))) return false;
  const t = u.tender;
  return (
    text(t.tenderID) !== null ||
    isObject(t.procuringEntity) ||
    text(t.procurementMethodType) !== null ||
    (Array.isArray(t.criteria) && t.criteria.some((c) => isObject(c) && 'source' in c))
  );
}

/** `ocds-be6bcu-<tenderID>` for a Prozorro tenderID (UA-…), else the tenderID, else the id; throws without either. */
export function prozorroOcid(doc: unknown): string {
  return ocidOf(mustUnwrap(doc));
}

function mustUnwrap(doc: unknown): Unwrapped {
  const u = unwrap(doc);
  if (u) return u;
  throw new InvalidInputError('expected a Prozorro tender', [
    { path: '', message: 'expected a JSON object' },
  ]);
}

function ocidOf({ tender, at }: Unwrapped): string {
  const tenderID = text(tender.tenderID);
  if (tenderID !== null) return /^UA-/i.test(tenderID) ? `${PROZORRO_OCID_PREFIX}-${tenderID}` : tenderID;
  const id = text(tender.id);
  if (id !== null) return id;
  throw new InvalidInputError('the Prozorro tender has no identifier', [
    { path: `${at}tenderID`, message: 'missing: a Prozorro tender needs a tenderID or an id' },
  ]);
}

/**
 * Normalise a Prozorro tender into the tender shape intake uses for OCDS, plus its requirements.
 * Never throws on messy data (whatever cannot be read becomes null plus a warning naming the field),
 * except InvalidInputError when nothing identifies the tender.
 */
export function normalizeProzorro(
  doc: unknown,
  opts: NormalizeOptions = {},
  used: Use = unused,
): TenderIntake {
  const u = mustUnwrap(doc);
  const ocid = ocidOf(u);
  const { tender: t, at } = u;
  const warnings: Warning[] = [];
  const warn = (path: string, message: string) => warnings.push({ path: `${at}${path}`, message });
  const use = (path: string) => used(`${at}${path}`);

  const buyer = readProcuringEntity(t.procuringEntity, warn);
  const zone = chooseZone(
    opts.timeZone,
    buyer,
    publishedTimes(t),
    warn,
    'procuringEntity.address.countryName',
  );
  const period = (v: unknown, path: string): Period | undefined =>
    readPeriod(v, path, zone.timeZone, warn, use);
  const language =
    t.language === undefined ? PROZORRO_LANGUAGE : (readLanguage(t.language, warn) ?? 'default');
  const titles = localized(t, 'title', language);

  const lots = (Array.isArray(t.lots) ? t.lots : []).flatMap((lot, i) => {
    const path = `lots[${i}]`;
    if (!isObject(lot)) {
      warn(path, 'expected a lot object');
      return [];
    }
    return [
      {
        id: text(lot.id) ?? `${i}`,
        title: text(lot.title),
        description: text(lot.description),
        status: text(lot.status),
        value: readMoney(lot.value, `${path}.value`, warn),
        guarantee: readMoney(lot.guarantee, `${path}.guarantee`, warn),
        periods: compact({
          tender: period(lot.tenderPeriod, `${path}.tenderPeriod`),
          enquiry: period(lot.enquiryPeriod, `${path}.enquiryPeriod`),
        }),
      },
    ];
  });

  const modified = t.dateModified ?? t.date;
  const releaseDate = readInstant(modified, zone.timeZone);
  if (!releaseDate.ok && modified !== undefined)
    warn(t.dateModified === undefined ? 'date' : 'dateModified', releaseDate.reason);
  if (releaseDate.ok) use(t.dateModified === undefined ? 'date' : 'dateModified');
  unusedDates(t, warn);

  const tender: NormalizedTender = {
    ocid,
    releaseId: text(t.id),
    releaseDate: releaseDate.ok ? releaseDate.value.at : null,
    title: text(t.title),
    ...(Object.keys(titles).length > 0 ? { titles } : {}),
    description: text(t.description),
    language: language === 'default' ? null : language,
    status: text(t.status),
    procurementMethod: text(t.procurementMethod),
    buyer,
    value: readMoney(t.value, 'value', warn),
    guarantee: readMoney(t.guarantee, 'guarantee', warn),
    timeZone: zone.timeZone,
    timeZoneSource: zone.source,
    periods: compact({
      tender: period(t.tenderPeriod, 'tenderPeriod'),
      enquiry: period(t.enquiryPeriod, 'enquiryPeriod'),
      award: period(t.awardPeriod, 'awardPeriod'),
      contract: period(t.contractPeriod, 'contractPeriod'),
      clarificationsUntil: readClarificationsUntil(t.enquiryPeriod, zone.timeZone, warn, use),
    }),
    lots,
    milestones: [
      ...readProzorroMilestones(t.milestones, zone.timeZone, warn, use),
      ...readProzorroDates(t, zone.timeZone, warn, use),
    ],
    warnings,
  };

  let requirements: TenderIntake['requirements'] = [];
  if (Array.isArray(t.criteria))
    requirements = extractCriteria(t.criteria, warn, {
      language,
      path: 'criteria',
      ...tenderContext(t),
      use,
    });
  else if (t.criteria !== undefined && t.criteria !== null) warn('criteria', 'expected an array of criteria');
  requirements.push(
    ...readFeatures(t.features, warn, use, { language, ...tenderContext(t) }),
    ...tenderTerms(t, { lotId: null, path: '', key: '', language }, warn, use),
  );
  return { tender, requirements };
}

/**
 * The buyer from Prozorro's procuringEntity. The country is read from `countryName_en`, `countryName` or
 * `countryName_ru` (Prozorro publishes "Україна"), in any language; without one, a `UA-` identifier scheme
 * (the Ukrainian registers) makes it Ukraine.
 */
function readProcuringEntity(
  v: unknown,
  warn: (path: string, message: string) => void,
): NormalizedTender['buyer'] {
  if (!isObject(v)) {
    warn('procuringEntity', v === undefined ? 'missing' : 'expected an organisation object');
    return null;
  }
  const identifier = isObject(v.identifier) ? v.identifier : {};
  const address = isObject(v.address) ? v.address : {};
  const published = [address.countryName_en, address.countryName, address.countryName_ru]
    .map(text)
    .filter((c): c is string => c !== null);
  const recognised = published.map(recogniseCountry).find((c) => c !== null);
  const fromScheme = published.length === 0 && /^UA-/i.test(text(identifier.scheme) ?? '');
  const name = text(v.name) ?? text(identifier.legalName);
  return {
    id: text(identifier.id) ?? text(v.id),
    name,
    kind: buyerKind(null, name),
    country: recognised?.name ?? published[0] ?? (fromScheme ? 'Ukraine' : null),
    countryCode: recognised?.code ?? (fromScheme ? 'UA' : null),
    region: text(address.region),
    locality: text(address.locality),
  };
}

/**
 * Dates Prozorro publishes that are no deadline and not the version's date: each named in a warning saying
 * why it is not used (the invalidation date tells the bidder something: a bid made before it must be confirmed).
 */
function unusedDates(t: JsonObject, warn: (path: string, message: string) => void): void {
  if (t.dateModified !== undefined && t.date !== undefined && t.date !== null)
    warn('date', "the date of the tender's last status change: not used (dateModified dates this version)");
  for (const [i, lot] of (Array.isArray(t.lots) ? t.lots : []).entries())
    if (isObject(lot) && lot.date !== undefined && lot.date !== null)
      warn(`lots[${i}].date`, "the date of the lot's last status change: not used");
  const enquiry = isObject(t.enquiryPeriod) ? t.enquiryPeriod : {};
  const invalidated = text(enquiry.invalidationDate);
  if (invalidated !== null)
    warn(
      'enquiryPeriod.invalidationDate',
      `bids made before ${invalidated} were invalidated by a change to the tender: a bid made earlier must be confirmed again (not a deadline)`,
    );
}

/** enquiryPeriod.clarificationsUntil as a period that only ends: the buyer's last moment to answer questions. */
function readClarificationsUntil(
  enquiry: unknown,
  zone: string,
  warn: (path: string, message: string) => void,
  use: Use,
): Period | undefined {
  if (!isObject(enquiry) || enquiry.clarificationsUntil === undefined) return undefined;
  const read = readInstant(enquiry.clarificationsUntil, zone);
  if (!read.ok) {
    warn('enquiryPeriod.clarificationsUntil', read.reason);
    return undefined;
  }
  use('enquiryPeriod.clarificationsUntil');
  return { start: null, end: read.value.at, ...(read.value.allDay ? { endAllDay: true } : {}) };
}
