/**
 * The region tables (data/regions-*.json, one per country that spans several zones, each naming its
 * sources) and the gazetteer of localities (data/localities.json), and the matching of a published region or
 * locality against them by normalised whole tokens (fold.ts): the longest key found in the text wins, and
 * two keys of the same length naming different zones are ambiguous, never a race.
 *
 * A region field is read as a code (ISO 3166-2, postal abbreviation: the whole field), else by the longest
 * of the regions' names and their cities' names (the region's on a tie). A locality is read by the longest
 * of the cities of the table, the gazetteer and the regions' names, in that order on a tie ("Washington"
 * the locality is the capital; the state is written in the region field).
 */
import { getTimezone } from 'countries-and-timezones';
import localities from './data/localities.json' with { type: 'json' };
import au from './data/regions-au.json' with { type: 'json' };
import br from './data/regions-br.json' with { type: 'json' };
import ca from './data/regions-ca.json' with { type: 'json' };
import cl from './data/regions-cl.json' with { type: 'json' };
import ec from './data/regions-ec.json' with { type: 'json' };
import es from './data/regions-es.json' with { type: 'json' };
import id from './data/regions-id.json' with { type: 'json' };
import kz from './data/regions-kz.json' with { type: 'json' };
import mx from './data/regions-mx.json' with { type: 'json' };
import pt from './data/regions-pt.json' with { type: 'json' };
import ru from './data/regions-ru.json' with { type: 'json' };
import us from './data/regions-us.json' with { type: 'json' };
import { codeForm, placeTokens } from './fold.ts';

interface RegionRow {
  iso: string;
  zone: string;
  code?: string;
  altCodes?: string[];
  status?: string;
  note?: string;
  names: string[];
  cities: string[];
}
export interface RegionFile {
  country: string;
  source: string;
  regions: RegionRow[];
}

/** The region files, as shipped. */
export const REGION_FILES: readonly RegionFile[] = [ru, us, ca, au, br, mx, kz, id, es, pt, cl, ec];

/** A region (or the part of one with its own zone) a key names. */
export interface RegionEntry {
  country: string;
  /** ISO 3166-2 code */
  iso: string;
  zone: string;
  /** the region's first name in its table */
  name: string;
  /** `annexed`: a region Russia counts that ISO 3166-2 and the UN recognise as Ukraine's */
  status?: string;
  /** why the zone is the region's main one only */
  note?: string;
}

/** Keys (normalised token sequences, space-joined) → region; keys of two zones are dropped as ambiguous. */
interface KeyMap {
  keys: Map<string, RegionEntry>;
  longest: number;
}
interface Table {
  codes: Map<string, RegionEntry>;
  names: KeyMap;
  cities: KeyMap;
  gazetteer: KeyMap;
}

/** The same key listed for two zones in one table: a data error (the unit test lists none). */
export interface Collision {
  country: string;
  map: 'codes' | 'names' | 'cities' | 'gazetteer';
  key: string;
  zones: string[];
}

const canonical = (zone: string) => getTimezone(zone)?.aliasOf ?? zone;

let built: { tables: Map<string, Table>; collisions: Collision[] } | undefined;

function build() {
  if (built) return built;
  const tables = new Map<string, Table>();
  const collisions: Collision[] = [];
  const table = (country: string): Table => {
    let t = tables.get(country);
    if (!t) {
      t = {
        codes: new Map(),
        names: { keys: new Map(), longest: 0 },
        cities: { keys: new Map(), longest: 0 },
        gazetteer: { keys: new Map(), longest: 0 },
      };
      tables.set(country, t);
    }
    return t;
  };
  const ambiguous = new Set<string>();
  const add = (country: string, map: Collision['map'], key: string, entry: RegionEntry) => {
    if (key === '') return;
    const t = table(country);
    const target = map === 'codes' ? t.codes : t[map].keys;
    const id = `${country} ${map} ${key}`;
    if (ambiguous.has(id)) return;
    const had = target.get(key);
    if (had && canonical(had.zone) !== canonical(entry.zone)) {
      ambiguous.add(id);
      target.delete(key);
      collisions.push({ country, map, key, zones: [had.zone, entry.zone] });
      return;
    }
    if (had) return;
    target.set(key, entry);
    if (map !== 'codes') t[map].longest = Math.max(t[map].longest, key.split(' ').length);
  };
  for (const file of REGION_FILES) {
    const seen = new Set<string>();
    for (const row of file.regions) {
      const entry: RegionEntry = {
        country: file.country,
        iso: row.iso,
        zone: row.zone,
        name: row.names[0] ?? row.cities[0] ?? row.iso,
        ...(row.status ? { status: row.status } : {}),
        ...(row.note ? { note: row.note } : {}),
      };
      // a region's ISO code is its first row's (the rows after it are the parts with a zone of their own)
      if (!seen.has(row.iso)) add(file.country, 'codes', codeForm(row.iso), entry);
      seen.add(row.iso);
      for (const code of [row.code, ...(row.altCodes ?? [])])
        if (code) add(file.country, 'codes', codeForm(code), entry);
      for (const name of row.names) add(file.country, 'names', placeTokens(name).join(' '), entry);
      for (const city of row.cities) add(file.country, 'cities', placeTokens(city).join(' '), entry);
    }
  }
  const gazetteer: Record<string, Record<string, string[]>> = localities.countries;
  for (const [country, zones] of Object.entries(gazetteer))
    for (const [zone, names] of Object.entries(zones))
      for (const name of names)
        add(country, 'gazetteer', placeTokens(name).join(' '), { country, iso: country, zone, name });
  built = { tables, collisions };
  return built;
}

/** Every key that names two zones in one table (none, as shipped). */
export const regionTableCollisions = (): Collision[] => build().collisions;

/** The countries with a region table. */
export const hasRegionTable = (country: string): boolean => build().tables.has(country);

/** Every region of a country's table (for the data tests). */
export function regionEntries(country: string): RegionEntry[] {
  const t = build().tables.get(country);
  if (!t) return [];
  return [...new Set([...t.codes.values(), ...t.names.keys.values(), ...t.cities.keys.values()])];
}

export type Match = { entry: RegionEntry; key: string } | { ambiguous: RegionEntry[] };

/** The longest key of `map` in the tokens (and its length); two of one length for different zones are ambiguous. */
function find(map: KeyMap, tokens: readonly string[]): { match: Match; length: number } | undefined {
  for (let len = Math.min(map.longest, tokens.length); len > 0; len--) {
    const hits: { entry: RegionEntry; key: string }[] = [];
    for (let i = 0; i + len <= tokens.length; i++) {
      const key = tokens.slice(i, i + len).join(' ');
      const entry = map.keys.get(key);
      if (entry) hits.push({ entry, key });
    }
    const first = hits[0];
    if (!first) continue;
    const zones = new Set(hits.map((h) => canonical(h.entry.zone)));
    return { match: zones.size === 1 ? first : { ambiguous: hits.map((h) => h.entry) }, length: len };
  }
  return undefined;
}

/** The longest match among the maps; on a tie, the earlier map's. */
function longest(maps: readonly KeyMap[], tokens: readonly string[]): Match | undefined {
  let best: { match: Match; length: number } | undefined;
  for (const map of maps) {
    const found = find(map, tokens);
    if (found && (!best || found.length > best.length)) best = found;
  }
  return best?.match;
}

/** Read a region field: a code, else the longest name of a region or of a city (a region's on a tie). */
export function matchRegion(country: string, value: string | null | undefined): Match | undefined {
  const t = build().tables.get(country);
  const raw = value?.trim();
  if (!t || !raw) return undefined;
  const code = t.codes.get(codeForm(raw));
  if (code) return { entry: code, key: codeForm(raw) };
  return longest([t.names, t.cities], placeTokens(raw));
}

/** Read a locality field: the longest name of a city of the table, of the gazetteer or of a region (in that order on a tie). */
export function matchLocality(country: string, value: string | null | undefined): Match | undefined {
  const t = build().tables.get(country);
  const raw = value?.trim();
  if (!t || !raw) return undefined;
  return longest([t.cities, t.gazetteer, t.names], placeTokens(raw));
}
