/**
 * The buyer's IANA time zone (DESIGN §5): from the import option, else the buyer's country; in a country
 * that spans several zones from the region or locality of the buyer's address, else from the offsets of
 * the instants the buyer published, else the capital's zone. Every choice that is not certain says so in a
 * warning naming the choice, and is flagged on the tender (`timeZoneSource`) so that date-only and
 * working-day deadlines carry a warning too.
 */
import { getCountry, getTimezone } from 'countries-and-timezones';
import type { NormalizedTender } from '../tender.ts';
import { offsetAt, readInstant, writtenOffset } from '../time.ts';
import capitals from './capitals.json' with { type: 'json' };
import { type Country, recogniseCountry } from './country.ts';
import { hasRegionTable, matchLocality, matchRegion, type RegionEntry } from './regions.ts';

export type ZoneSource = NormalizedTender['timeZoneSource'];

/** Where the buyer is, as published. */
export interface Place {
  country: string | null;
  region?: string | null;
  locality?: string | null;
}

type Warn = (path: string, message: string) => void;

const canonical = (zone: string) => getTimezone(zone)?.aliasOf ?? zone;

/**
 * The country's zones, best first: canonical zones where it is the primary country (Europe/London for
 * GB), else zones named for it alone (Europe/Oslo for Norway, a link to Europe/Berlin), else any.
 */
export function zonesOf(countryId: string): string[] {
  const info = (getCountry(countryId, { deprecated: true })?.timezones ?? []).map((name) => ({
    name,
    tz: getTimezone(name),
  }));
  const primary = info.filter((z) => !z.tz?.aliasOf && z.tz?.countries[0] === countryId);
  const own = info.filter((z) => z.tz?.countries.length === 1);
  return (primary.length > 0 ? primary : own.length > 0 ? own : info).map((z) => z.name);
}

/** The countries that span several distinct zones. */
export const spansSeveralZones = (countryId: string): boolean =>
  new Set(zonesOf(countryId).map(canonical)).size > 1;

/** The capitals' zones (the last resort in a country with several zones). */
function capitalZone(country: string): string | undefined {
  const { $comment: _, ...zones }: Record<string, string> = capitals;
  return zones[country];
}

/** The zone a region (else, as a locality, a city) names in a country with several zones, if one. */
export function zoneOfRegion(country: string, value: string | null | undefined): string | undefined {
  const found = matchRegion(country, value) ?? matchLocality(country, value);
  return found && 'entry' in found ? found.entry.zone : undefined;
}

/**
 * The region the buyer's address names: the region field first, then the locality; a locality in a part of
 * the region with a zone of its own (Easter Island in Valparaíso, Eirunepé in Amazonas) is the more precise.
 */
function placeOf(
  country: string,
  place: Place | null,
):
  | { entry: RegionEntry; field: 'region' | 'locality'; written: string }
  | { ambiguous: RegionEntry[] }
  | undefined {
  const region = matchRegion(country, place?.region);
  const locality = matchLocality(country, place?.locality);
  const inLocality =
    locality && 'entry' in locality
      ? { entry: locality.entry, field: 'locality' as const, written: place?.locality?.trim() ?? '' }
      : undefined;
  if (region && 'entry' in region) {
    const partOfRegion =
      inLocality && inLocality.entry.iso === region.entry.iso && inLocality.entry.zone !== region.entry.zone;
    return partOfRegion
      ? inLocality
      : { entry: region.entry, field: 'region', written: place?.region?.trim() ?? '' };
  }
  if (inLocality) return inLocality;
  const ambiguous = [region, locality].find((m) => m !== undefined && 'ambiguous' in m);
  return ambiguous && 'ambiguous' in ambiguous ? { ambiguous: ambiguous.ambiguous } : undefined;
}

/** A published instant whose written offset is not the zone's at that instant. */
export interface OffsetDisagreement {
  path: string;
  /** the offset written, e.g. `-05:00` */
  published: string;
  /** the zone's offset at that instant */
  zoneOffset: string;
}

/**
 * Whether the offsets the buyer wrote agree with a zone: the first published instant whose offset is not
 * the zone's then, or undefined when all agree (or none carries an offset). Instants written in UTC (`Z`,
 * `+00:00`) say nothing about the buyer's zone (platforms publish in UTC) and are skipped unless the zone
 * keeps UTC then.
 */
export function offsetsAgree(
  zone: string,
  published: readonly { path: string; value: unknown }[],
): OffsetDisagreement | undefined {
  for (const { path, value } of published) {
    const offset = writtenOffset(value);
    const read = readInstant(value, 'UTC');
    if (offset === undefined || !read.ok) continue;
    const own = offsetAt(zone, read.value.at);
    if (offset === own || offset === 0) continue;
    return { path, published: formatOffset(offset), zoneOffset: formatOffset(own) };
  }
  return undefined;
}

export interface ZoneChoice {
  timeZone: string;
  source: ZoneSource;
  country: Country | null;
}

/**
 * Choose the buyer's zone. `published` are the instants as the buyer wrote them (with their path); the
 * offsets they carry pick the zone in a multi-zone country when the address does not name a region.
 */
export function chooseZone(
  option: string | undefined,
  place: Place | null,
  published: readonly { path: string; value: unknown }[],
  warn: Warn,
  countryPath = 'buyer.address.countryName',
): ZoneChoice {
  const country = recogniseCountry(place?.country);
  if (option) return { timeZone: option, source: 'import-option', country };
  const zones = country ? zonesOf(country.code) : [];
  if (!country || zones.length === 0) {
    warn(
      countryPath,
      place?.country
        ? `unknown country ${JSON.stringify(place.country)}; dates without an offset are read as UTC (set ?timeZone= on import to fix)`
        : 'missing; dates without an offset are read as UTC (set ?timeZone= on import to fix)',
    );
    return { timeZone: 'UTC', source: 'default', country };
  }
  const distinct = [...new Set(zones.map(canonical))];
  if (distinct.length === 1) return { timeZone: zones[0] as string, source: 'buyer-country', country };

  const placed = hasRegionTable(country.code) ? placeOf(country.code, place) : undefined;
  if (placed && 'entry' in placed) {
    const { entry, field, written } = placed;
    const path = countryPath.replace(/countryName$/, field);
    const fix = '(set ?timeZone= on import to fix)';
    if (entry.status === 'annexed')
      warn(
        path,
        `${JSON.stringify(written)} is read as ${entry.name}, Ukrainian territory (${entry.iso}) that Russia counts as its own; the annexation is not internationally recognised. Dates are read in ${entry.zone}, the clock kept there now ${fix}`,
      );
    const disagreement = offsetsAgree(entry.zone, published);
    if (disagreement)
      warn(
        disagreement.path,
        `published with the offset ${disagreement.published}, but the buyer's ${field} ${JSON.stringify(written)} is in ${entry.zone} (${disagreement.zoneOffset} then); dates without an offset are read in ${entry.zone}${entry.note ? ` (${entry.note})` : ''} ${fix}`,
      );
    return { timeZone: entry.zone, source: 'buyer-region', country };
  }

  const capital = capitalZone(country.code);
  // Zones that differ only in their history (Kazakhstan's since 1 March 2024, Argentina's) keep one offset
  // at every date the buyer published: the capital's zone is then right to the minute.
  if (capital && sameOffsetAt(distinct, published))
    return { timeZone: capital, source: 'buyer-country', country };

  const spans = `${country.name} spans several time zones (${distinct.length} in the tz database)`;
  const where = [place?.region, place?.locality].filter((v) => v?.trim()).join(', ');
  const unknownRegion =
    placed && 'ambiguous' in placed
      ? `the region "${where}" names places in different zones (${[...new Set(placed.ambiguous.map((e) => `${e.name}: ${e.zone}`))].join(', ')})`
      : where
        ? `the region "${where}" is not one we can place`
        : 'the address names no region';
  const fitting = fittingZones(zones, published);
  if (fitting) {
    const chosen =
      capital && fitting.zones.some((z) => canonical(z) === canonical(capital)) ? capital : fitting.zones[0];
    if (chosen) {
      warn(
        countryPath,
        `${spans}; ${unknownRegion}, so chose ${chosen} by the offset ${fitting.offset} published in ${fitting.path} (set ?timeZone= on import to fix)`,
      );
      return { timeZone: chosen, source: 'published-offset', country };
    }
  }
  const chosen = capital ?? (zones[0] as string);
  const offsets = published.some(({ value }) => writtenOffset(value) !== undefined)
    ? 'the published offsets fit none of its zones'
    : 'no published time carries an offset';
  warn(
    countryPath,
    `${spans}; ${unknownRegion} and ${offsets}, so chose ${chosen}${capital ? " (the capital's)" : ''}: date-only and working-day deadlines may be off by hours (set ?timeZone= on import to fix)`,
  );
  return { timeZone: chosen, source: 'capital-guess', country };
}

/** Whether the zones keep one offset at every published date (false when none can be read). */
function sameOffsetAt(
  zones: readonly string[],
  published: readonly { path: string; value: unknown }[],
): boolean {
  const instants = published.flatMap(({ value }) => {
    const read = readInstant(value, 'UTC');
    return read.ok ? [read.value.at] : [];
  });
  return instants.length > 0 && instants.every((at) => new Set(zones.map((z) => offsetAt(z, at))).size === 1);
}

/** The zones whose offset matches every published instant that carries one, and the first such instant. */
function fittingZones(
  zones: readonly string[],
  published: readonly { path: string; value: unknown }[],
): { zones: string[]; offset: string; path: string } | undefined {
  const withOffset = published.flatMap(({ path, value }) => {
    const offset = writtenOffset(value);
    const read = readInstant(value, 'UTC');
    return offset !== undefined && read.ok ? [{ path, offset, at: read.value.at }] : [];
  });
  const first = withOffset[0];
  if (!first) return undefined;
  const fit = zones.filter((z) => withOffset.every((p) => offsetAt(z, p.at) === p.offset));
  return fit.length > 0 ? { zones: fit, offset: formatOffset(first.offset), path: first.path } : undefined;
}

const formatOffset = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};
