import { getAllCountries, getCountry, getTimezone } from 'countries-and-timezones';
import type { NormalizedTender, Period, Warning } from '../tender.ts';
import { offsetAt, readInstant, writtenOffset } from '../time.ts';
import { asKey, isObject, type JsonObject } from './detect.ts';
import { readMilestones } from './milestones.ts';

export interface NormalizeOptions {
  /** an explicit IANA zone given on import; wins over the buyer's country */
  timeZone?: string;
}

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/**
 * Turn one compiled OCDS release into the normalised tender. Never throws on messy data:
 * whatever cannot be read becomes null plus one warning naming the field.
 */
export function normalizeRelease(
  release: JsonObject,
  ocid: string,
  opts: NormalizeOptions = {},
): NormalizedTender {
  const warnings: Warning[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const tender = isObject(release.tender) ? release.tender : {};
  if (!isObject(release.tender)) warn('tender', 'missing: the release has no tender section');

  const buyer = readBuyer(release, warn);
  const zone = chooseZone(opts.timeZone, buyer?.country ?? null, tender, warn);

  const period = (obj: unknown, path: string): Period | undefined =>
    readPeriod(obj, path, zone.timeZone, warn);
  const lots = (Array.isArray(tender.lots) ? tender.lots : []).flatMap((lot, i) => {
    if (!isObject(lot)) {
      warn(`tender.lots[${i}]`, 'expected a lot object');
      return [];
    }
    const path = `tender.lots[${i}]`;
    return [
      {
        id: text(lot.id) ?? `${i}`,
        title: text(lot.title),
        description: text(lot.description),
        status: text(lot.status),
        value: readMoney(lot.value, `${path}.value`, warn),
        periods: compact({
          tender: period(lot.tenderPeriod, `${path}.tenderPeriod`),
          enquiry: period(lot.enquiryPeriod, `${path}.enquiryPeriod`),
          award: period(lot.awardPeriod, `${path}.awardPeriod`),
          contract: period(lot.contractPeriod, `${path}.contractPeriod`),
          bidValidity: period(
            isObject(lot.submissionTerms) ? lot.submissionTerms.bidValidityPeriod : undefined,
            `${path}.submissionTerms.bidValidityPeriod`,
          ),
        }),
      },
    ];
  });

  const releaseDate = readInstant(release.date, zone.timeZone);
  if (!releaseDate.ok && release.date !== undefined) warn('date', releaseDate.reason);

  return {
    ocid,
    releaseId: text(release.id),
    releaseDate: releaseDate.ok ? releaseDate.value.at : null,
    title:
      text(tender.title) ??
      text(isObject(release.planning) ? (release.planning as JsonObject).title : undefined),
    description: text(tender.description),
    language: readLanguage(release.language, warn),
    status: text(tender.status),
    procurementMethod: text(tender.procurementMethod),
    buyer,
    value: readMoney(tender.value, 'tender.value', warn),
    timeZone: zone.timeZone,
    timeZoneSource: zone.source,
    periods: compact({
      tender: period(tender.tenderPeriod, 'tender.tenderPeriod'),
      enquiry: period(tender.enquiryPeriod, 'tender.enquiryPeriod'),
      award: period(tender.awardPeriod, 'tender.awardPeriod'),
      contract: period(tender.contractPeriod, 'tender.contractPeriod'),
      bidValidity: period(
        isObject(tender.submissionTerms) ? tender.submissionTerms.bidValidityPeriod : undefined,
        'tender.submissionTerms.bidValidityPeriod',
      ),
    }),
    lots,
    milestones: readMilestones(release, zone.timeZone, warn),
    warnings,
  };
}

export type Warn = (path: string, message: string) => void;

export const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};

export const compact = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function readNumber(v: unknown): number | null | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const n = Number(v.trim().replace(/\s/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function readMoney(
  v: unknown,
  path: string,
  warn: Warn,
): { amount: number | null; currency: string | null } | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    warn(path, 'expected an object with amount and currency');
    return null;
  }
  const amount = readNumber(v.amount);
  if (amount === null) warn(`${path}.amount`, `not a number: ${JSON.stringify(v.amount)}`);
  const currency = text(v.currency)?.toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    warn(`${path}.currency`, `not an ISO 4217 code: ${JSON.stringify(v.currency)}`);
    return { amount: amount ?? null, currency: null };
  }
  return { amount: amount ?? null, currency };
}

export function readLanguage(v: unknown, warn: Warn): string | null {
  const raw = text(v);
  if (raw === null) return null;
  const lower = raw.toLowerCase().replace('_', '-');
  if (LANGUAGE.test(lower)) return lower;
  warn('language', `not a BCP 47 language code: ${JSON.stringify(v)}`);
  return null;
}

function readBuyer(release: JsonObject, warn: Warn): NormalizedTender['buyer'] {
  const parties = Array.isArray(release.parties) ? release.parties.filter(isObject) : [];
  const hasRole = (p: JsonObject, role: string) => Array.isArray(p.roles) && p.roles.includes(role);
  const ref = isObject(release.buyer)
    ? release.buyer
    : isObject((release.tender as JsonObject | undefined)?.procuringEntity)
      ? ((release.tender as JsonObject).procuringEntity as JsonObject)
      : undefined;
  const party =
    (ref?.id !== undefined ? parties.find((p) => asKey(p.id) === asKey(ref.id)) : undefined) ??
    parties.find((p) => hasRole(p, 'buyer')) ??
    parties.find((p) => hasRole(p, 'procuringEntity'));
  if (!ref && !party) {
    warn('buyer', 'missing: no buyer, procuringEntity or party with a buyer role');
    return null;
  }
  const countryOf = (p: JsonObject | undefined) =>
    isObject(p?.address) ? (text(p.address.countryName) ?? text(p.address.country)) : null;
  const country =
    countryOf(party) ??
    parties
      .filter((p) => hasRole(p, 'buyer') || hasRole(p, 'procuringEntity'))
      .map(countryOf)
      .find((c) => c !== null) ??
    null;
  return { id: text(ref?.id ?? party?.id), name: text(ref?.name) ?? text(party?.name), country };
}

const countries = Object.values(getAllCountries());

/**
 * The country's zones, best first: canonical zones where it is the primary country (Europe/London for
 * GB), else zones named for it alone (Europe/Oslo for Norway, a link to Europe/Berlin), else any.
 */
function zonesOf(countryId: string): string[] {
  const info = (getCountry(countryId, { deprecated: true })?.timezones ?? []).map((name) => ({
    name,
    tz: getTimezone(name),
  }));
  const primary = info.filter((z) => !z.tz?.aliasOf && z.tz?.countries[0] === countryId);
  const own = info.filter((z) => z.tz?.countries.length === 1);
  return (primary.length > 0 ? primary : own.length > 0 ? own : info).map((z) => z.name);
}

/** Pick the buyer's zone: the import option, else the buyer's country (by the offsets it publishes), else UTC. */
export function chooseZone(
  option: string | undefined,
  country: string | null,
  tender: JsonObject,
  warn: Warn,
  countryPath = 'buyer.address.countryName',
): { timeZone: string; source: NormalizedTender['timeZoneSource'] } {
  if (option) return { timeZone: option, source: 'import-option' };
  const match = country
    ? countries.find(
        (c) => c.id.toLowerCase() === country.toLowerCase() || c.name.toLowerCase() === country.toLowerCase(),
      )
    : undefined;
  const zones = match ? zonesOf(match.id) : [];
  if (zones.length === 0) {
    warn(
      countryPath,
      country
        ? `unknown country ${JSON.stringify(country)}; dates without an offset are read as UTC`
        : 'missing; dates without an offset are read as UTC',
    );
    return { timeZone: 'UTC', source: 'default' };
  }
  const distinct = new Set(zones.map((z) => getTimezone(z)?.aliasOf ?? z));
  if (distinct.size === 1) return { timeZone: zones[0] as string, source: 'buyer-country' };
  // Several zones (e.g. the US, Russia): take the one whose offset matches the published submission deadline.
  const end = isObject(tender.tenderPeriod) ? tender.tenderPeriod.endDate : undefined;
  const offset = writtenOffset(end);
  const read = readInstant(end, 'UTC');
  const fitting =
    offset !== undefined && read.ok ? zones.find((z) => offsetAt(z, read.value.at) === offset) : undefined;
  const chosen = fitting ?? (zones[0] as string);
  if (!fitting)
    warn(
      countryPath,
      `${match?.name} spans several time zones; chose ${chosen} (set ?timeZone= on import to fix)`,
    );
  return { timeZone: chosen, source: 'buyer-country' };
}

export function readPeriod(v: unknown, path: string, zone: string, warn: Warn): Period | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) {
    warn(path, 'expected a period object');
    return undefined;
  }
  const read = (field: string): { at: string; allDay: boolean } | null => {
    const value = v[field];
    if (value === undefined) return null;
    const r = readInstant(value, zone);
    if (!r.ok) {
      warn(`${path}.${field}`, r.reason);
      return null;
    }
    return r.value;
  };
  const start = read('startDate');
  const end = read('endDate');
  const duration = readNumber(v.durationInDays);
  if (duration === null) warn(`${path}.durationInDays`, `not a number: ${JSON.stringify(v.durationInDays)}`);
  if (start && end && end.at < start.at)
    warn(`${path}.endDate`, `ends (${end.at}) before it starts (${start.at})`);
  const period: Period = { start: start?.at ?? null, end: end?.at ?? null };
  if (end?.allDay) period.endAllDay = true;
  if (duration !== undefined && duration !== null) period.durationInDays = duration;
  return period;
}
