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
import { type Country, foldName, recogniseCountry } from './country.ts';
import regionZones from './region-zones.json' with { type: 'json' };

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

interface RegionTable {
  source: string;
  zones: Record<string, string[]>;
}

/** The capitals' zones and the region keys per country, longest first (built on first use). */
let tables:
  | { capitals: Record<string, string>; regions: Map<string, { key: string; zone: string }[]> }
  | undefined;
function data() {
  if (tables) return tables;
  const { $comment: _, ...capitalZones } = capitals;
  const { $comment: __, ...regionTables } = regionZones;
  const byCountry: Record<string, RegionTable> = regionTables;
  const regions = new Map(
    Object.entries(byCountry).map(([country, table]) => {
      const keys = Object.entries(table.zones).flatMap(([zone, ks]) => ks.map((key) => ({ key, zone })));
      keys.sort((a, b) => b.key.length - a.key.length);
      return [country, keys] as const;
    }),
  );
  tables = { capitals: capitalZones, regions };
  return tables;
}

/** The zone a region or locality names, for a country with several zones (longest key wins). */
export function zoneOfRegion(country: string, value: string | null | undefined): string | undefined {
  const keys = data().regions.get(country);
  if (!keys || !value?.trim()) return undefined;
  const exact = value.trim().toUpperCase();
  const folded = ` ${foldName(value)}`;
  return keys.find(({ key }) =>
    key === key.toUpperCase() && /[A-Z]/.test(key) ? key === exact : folded.includes(` ${key}`),
  )?.zone;
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

  const byRegion = zoneOfRegion(country.code, place?.region) ?? zoneOfRegion(country.code, place?.locality);
  if (byRegion) return { timeZone: byRegion, source: 'buyer-region', country };

  const spans = `${country.name} spans several time zones (${distinct.length} in the tz database)`;
  const where = [place?.region, place?.locality].filter((v) => v?.trim()).join(', ');
  const unknownRegion = where
    ? `the region "${where}" is not one we can place`
    : 'the address names no region';
  const capital: string | undefined = data().capitals[country.code];
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
  warn(
    countryPath,
    `${spans}; ${unknownRegion} and no published time carries an offset, so chose ${chosen}${capital ? " (the capital's)" : ''}: date-only and working-day deadlines may be off by hours (set ?timeZone= on import to fix)`,
  );
  return { timeZone: chosen, source: 'capital-guess', country };
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
