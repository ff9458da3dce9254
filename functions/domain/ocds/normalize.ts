import { buyerKind } from '../buyer-kind.ts';
import { recogniseCountry } from '../geo/country.ts';
import { chooseZone } from '../geo/zone.ts';
import type { NormalizedTender, Period, Warning } from '../tender.ts';
import { readInstant } from '../time.ts';
import { asKey, isObject, type JsonObject } from './detect.ts';
import { readMilestones } from './milestones.ts';
import { type Use, unused } from './reach.ts';
import { warnUnread } from './unread.ts';

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
  use: Use = unused,
): NormalizedTender {
  const warnings: Warning[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const tender = isObject(release.tender) ? release.tender : {};
  if (!isObject(release.tender)) warn('tender', 'missing: the release has no tender section');

  const buyer = readBuyer(release, warn);
  const zone = chooseZone(opts.timeZone, buyer, publishedTimes(tender, 'tender.'), warn);

  const period = (obj: unknown, path: string): Period | undefined =>
    readPeriod(obj, path, zone.timeZone, warn, use);
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
  if (releaseDate.ok) use('date');
  const milestones = readMilestones(release, zone.timeZone, warn, use);
  warnUnread(release, warn);

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
    milestones,
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
  // OCDS 1.1 puts the address on the party; OCDS 1.0 on the buyer (or procuringEntity) itself.
  const address = [party, ref, ...parties.filter((p) => hasRole(p, 'buyer') || hasRole(p, 'procuringEntity'))]
    .map((p) => (isObject(p?.address) ? p.address : undefined))
    .find((a) => a !== undefined && (text(a.countryName) ?? text(a.country)) !== null);
  const country = address ? (text(address.countryName) ?? text(address.country)) : null;
  const name = text(ref?.name) ?? text(party?.name);
  return {
    id: text(ref?.id ?? party?.id),
    name,
    kind: buyerKind(party?.details ?? ref?.details, name),
    country,
    countryCode: recogniseCountry(country)?.code ?? null,
    region: text(address?.region),
    locality: text(address?.locality),
  };
}

/** The instants the buyer published with the offset it wrote, for placing it in a multi-zone country. */
export function publishedTimes(holder: JsonObject, prefix = ''): { path: string; value: unknown }[] {
  return ['tenderPeriod', 'enquiryPeriod', 'awardPeriod'].flatMap((name) => {
    const period = holder[name];
    return isObject(period)
      ? ['endDate', 'startDate'].map((f) => ({ path: `${prefix}${name}.${f}`, value: period[f] }))
      : [];
  });
}

export function readPeriod(
  v: unknown,
  path: string,
  zone: string,
  warn: Warn,
  use: Use = unused,
): Period | undefined {
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
    use(`${path}.${field}`);
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
  if (duration !== undefined && duration !== null) {
    period.durationInDays = duration;
    use(`${path}.durationInDays`);
  }
  return period;
}
