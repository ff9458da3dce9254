import { getTimezone } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import localities from '../../../functions/domain/geo/data/localities.json' with { type: 'json' };
import { foldTokens, placeTokens } from '../../../functions/domain/geo/fold.ts';
import {
  matchLocality,
  matchRegion,
  REGION_FILES,
  regionEntries,
  regionTableCollisions,
} from '../../../functions/domain/geo/regions.ts';
import { offsetsAgree, zonesOf } from '../../../functions/domain/geo/zone.ts';
import { normalizeRelease } from '../../../functions/domain/ocds/normalize.ts';

const canonical = (z: string) => getTimezone(z)?.aliasOf ?? z;
const intlAccepts = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const tender = (address: Record<string, string>, endDate = '2026-05-12') =>
  normalizeRelease(
    {
      ocid: 'ocds-x-1',
      id: '1',
      date: '2026-04-20',
      buyer: { id: 'b1', name: 'Buyer', address },
      tender: { id: '1', title: 'T', tenderPeriod: { startDate: '2026-04-20', endDate } },
    },
    'ocds-x-1',
  );

describe('the region tables as data', () => {
  it('name a valid IANA zone (Intl accepts it) in every entry of every table and of the gazetteer', () => {
    const zones = [
      ...REGION_FILES.flatMap((f) => f.regions.map((r) => r.zone)),
      ...Object.values(localities.countries).flatMap((byZone) => Object.keys(byZone)),
    ];
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((z) => !intlAccepts(z))).toEqual([]);
  });

  it('never list one normalised key for two zones', () => {
    expect(regionTableCollisions()).toEqual([]);
  });

  it("place each region in one of its country's zones (the territories of the US table aside)", () => {
    for (const file of REGION_FILES) {
      const own = new Set(zonesOf(file.country).map(canonical));
      for (const row of file.regions) {
        if (file.country === 'US' && /^US-(PR|GU|VI|AS|MP)$/.test(row.iso)) continue;
        expect(own.has(canonical(row.zone)), `${file.country} ${row.iso} ${row.zone}`).toBe(true);
      }
    }
  });

  it('name their sources', () => {
    for (const file of REGION_FILES) expect(file.source, file.country).toMatch(/ISO 3166-2.*zone1970\.tab/);
    expect(localities.source).toMatch(/city-timezones/);
  });

  it('list the 83 subjects ISO 3166-2:RU codes and the 6 regions Russia also counts, marked annexed', () => {
    const ru = REGION_FILES.find((f) => f.country === 'RU');
    const rows = ru?.regions ?? [];
    expect(rows.filter((r) => r.iso.startsWith('RU-'))).toHaveLength(83);
    const annexed = rows.filter((r) => r.status === 'annexed').map((r) => r.iso);
    expect(annexed.sort()).toEqual(['UA-09', 'UA-14', 'UA-23', 'UA-40', 'UA-43', 'UA-65']);
    for (const row of rows)
      expect(matchRegion('RU', row.iso), row.iso).toMatchObject({ entry: { iso: row.iso } });
  });

  it('read every name (as a region) and city (as a locality) of every table back to its own zone', () => {
    for (const file of REGION_FILES)
      for (const row of file.regions)
        for (const [name, match] of [
          ...row.names.map((n) => [n, matchRegion] as const),
          ...row.cities.map((c) => [c, matchLocality] as const),
        ]) {
          const found = match(file.country, name);
          expect(found && 'entry' in found ? found.entry.zone : found, `${file.country} ${name}`).toBe(
            row.zone,
          );
        }
  });

  it('have a table for each country the issue names, with every region of it', () => {
    const count = (c: string) => new Set(regionEntries(c).map((e) => e.iso)).size;
    expect(count('RU')).toBe(89);
    expect(count('BR')).toBe(27);
    expect(count('MX')).toBe(32);
    expect(count('KZ')).toBe(20);
    expect(count('ID')).toBe(38);
    expect(count('US')).toBe(56);
    expect(count('CA')).toBe(13);
    expect(count('AU')).toBe(8);
    expect(count('ES')).toBe(19);
    expect(count('PT')).toBe(20);
    expect(count('CL')).toBe(16);
    expect(count('EC')).toBe(24);
  });
});

describe('folding names', () => {
  it('treats й/и, ё/е, Ukrainian і/ї/є, apostrophes, hyphens and case alike on both sides', () => {
    expect(foldTokens('Алтайский КРАЙ')).toEqual(foldTokens('алтаиский край'));
    expect(foldTokens('Орёл')).toEqual(foldTokens('Орел'));
    expect(foldTokens("Нар'ян-Мар")).toEqual(foldTokens('Нарьян Мар'));
    expect(foldTokens('Нар’ян-Мар')).toEqual(['нарян', 'мар']);
    expect(placeTokens('Новосибірська область')).toEqual(placeTokens('Новосибирской области'));
    expect(placeTokens('Єврейська автономна область')).toEqual(placeTokens('Еврейская автономная область'));
    expect(placeTokens('Ямало-Ненецкий автономный округ')).toEqual(['ямал', 'ненецк']);
    expect(placeTokens('Қостанай облысы')).toEqual(placeTokens('Костанай'));
  });
});

describe('placing the buyer by region (issue #19 items 3 and 4)', () => {
  it.each([
    [{ countryName: 'Россия', region: 'Ямало-Ненецкий автономный округ' }, 'Asia/Yekaterinburg'],
    [{ countryName: 'Russia', region: 'Yamalo-Nenets Autonomous Okrug' }, 'Asia/Yekaterinburg'],
    [{ countryName: 'Россия', region: 'Ненецкий автономный округ' }, 'Europe/Moscow'],
    [{ countryName: 'Россия', region: 'Алтайский край' }, 'Asia/Barnaul'],
    [{ countryName: 'Россия', region: 'Республика Алтай' }, 'Asia/Barnaul'],
    [{ countryName: 'Россия', region: 'Забайкальский край' }, 'Asia/Chita'],
    [{ countryName: 'Россия', region: 'Еврейская АО' }, 'Asia/Vladivostok'],
    [{ countryName: 'Россия', region: 'Республика Марий Эл' }, 'Europe/Moscow'],
    [{ countryName: 'Россия', region: 'Республика Саха (Якутия)' }, 'Asia/Yakutsk'],
    [{ countryName: 'Росія', region: 'Новосибірська область' }, 'Asia/Novosibirsk'],
    [{ countryName: 'Росія', region: 'Ханти-Мансійський автономний округ' }, 'Asia/Yekaterinburg'],
    [{ countryName: 'RU', region: 'RU-NVS' }, 'Asia/Novosibirsk'],
    [{ countryName: 'RU', region: 'ru-kam' }, 'Asia/Kamchatka'],
    [{ countryName: 'Россия', region: 'Кировская обл.' }, 'Europe/Kirov'],
    [{ countryName: 'Россия', locality: 'Администрация г. Омска' }, 'Asia/Omsk'],
    [{ countryName: 'Canada', locality: 'Victoriaville' }, 'America/Toronto'],
    [{ countryName: 'Canada', region: 'QC' }, 'America/Toronto'],
    [{ countryName: 'Canada', locality: 'Victoria' }, 'America/Vancouver'],
    [{ countryName: 'Canada', region: 'Nouveau-Brunswick' }, 'America/Moncton'],
    [{ countryName: 'United States', region: 'D.C.', locality: 'Washington' }, 'America/New_York'],
    [{ countryName: 'United States', locality: 'Washington' }, 'America/New_York'],
    [{ countryName: 'United States', region: 'Washington', locality: 'Seattle' }, 'America/Los_Angeles'],
    [{ countryName: 'United States', region: 'Arkansas' }, 'America/Chicago'],
    [{ countryName: 'United States', region: 'Indiana' }, 'America/Indiana/Indianapolis'],
    [{ countryName: 'Australia', region: 'NSW' }, 'Australia/Sydney'],
    [{ countryName: 'Brasil', region: 'Amazonas', locality: 'Manaus' }, 'America/Manaus'],
    [{ countryName: 'Brasil', locality: 'Rio Branco' }, 'America/Rio_Branco'],
    [{ countryName: 'Brasil', region: 'Mato Grosso do Sul' }, 'America/Campo_Grande'],
    [{ countryName: 'Brasil', region: 'MT' }, 'America/Cuiaba'],
    [{ countryName: 'México', locality: 'Tijuana' }, 'America/Tijuana'],
    [{ countryName: 'México', region: 'Baja California Sur' }, 'America/Mazatlan'],
    [{ countryName: 'México', locality: 'Hermosillo' }, 'America/Hermosillo'],
    [{ countryName: 'México', locality: 'Cancún' }, 'America/Cancun'],
    [{ countryName: 'Indonesia', locality: 'Denpasar' }, 'Asia/Makassar'],
    [{ countryName: 'Indonesia', locality: 'Jayapura' }, 'Asia/Jayapura'],
    [{ countryName: 'Indonesia', region: 'Kalimantan Barat' }, 'Asia/Pontianak'],
    [{ countryName: 'Қазақстан', region: 'Батыс Қазақстан облысы' }, 'Asia/Oral'],
    [{ countryName: 'Казахстан', region: 'Актюбинская область' }, 'Asia/Aqtobe'],
    [{ countryName: 'Kazakhstan', region: 'KZ-75' }, 'Asia/Almaty'],
    [
      { countryName: 'España', region: 'Canarias', locality: 'Las Palmas de Gran Canaria' },
      'Atlantic/Canary',
    ],
    [{ countryName: 'España', region: 'Comunidad de Madrid' }, 'Europe/Madrid'],
    [{ countryName: 'Portugal', region: 'Região Autónoma dos Açores' }, 'Atlantic/Azores'],
    [{ countryName: 'Chile', region: 'Magallanes y de la Antártica Chilena' }, 'America/Punta_Arenas'],
    [{ countryName: 'Chile', region: 'Valparaíso', locality: 'Isla de Pascua' }, 'Pacific/Easter'],
    [{ countryName: 'Chile', region: 'Valparaíso', locality: 'Viña del Mar' }, 'America/Santiago'],
    [{ countryName: 'Brasil', region: 'Amazonas', locality: 'Eirunepé' }, 'America/Eirunepe'],
    [{ countryName: 'México', region: 'Chihuahua', locality: 'Ciudad Juárez' }, 'America/Ciudad_Juarez'],
    [{ countryName: 'Россия', region: 'Новосибирская обл.', locality: 'Москва' }, 'Asia/Novosibirsk'],
    [{ countryName: 'Chile', locality: 'Hanga Roa' }, 'Pacific/Easter'],
    [{ countryName: 'Ecuador', region: 'Galápagos' }, 'Pacific/Galapagos'],
    [{ countryName: 'Ecuador', region: 'Pichincha', locality: 'Quito' }, 'America/Guayaquil'],
  ])('%j is in %s, without a warning', (address, zone) => {
    const t = tender(address);
    expect(t.timeZone).toBe(zone);
    expect(t.timeZoneSource).toBe('buyer-region');
    expect(t.warnings).toEqual([]);
  });

  it('finds a locality in the gazetteer only as a whole name', () => {
    expect(matchLocality('CA', 'Victoriaville')).toMatchObject({ entry: { zone: 'America/Toronto' } });
    expect(matchLocality('US', 'Springfield')).toBeUndefined(); // in several states and zones
  });

  it('says when an address names places in different zones', () => {
    const t = tender({ countryName: 'Россия', region: 'Омск, Томск' });
    expect(t.timeZoneSource).toBe('capital-guess');
    expect(t.warnings.map((w) => w.message).join()).toMatch(/names places in different zones.*Asia\/Omsk/);
  });

  it('warns whenever it reads a region Russia annexed', () => {
    const t = tender({ countryName: 'Российская Федерация', region: 'Донецкая Народная Республика' });
    expect(t.timeZone).toBe('Europe/Moscow');
    expect(t.warnings).toContainEqual({
      path: 'buyer.address.region',
      message: expect.stringMatching(/Ukrainian territory \(UA-14\).*not internationally recognised/),
    });
    const crimea = tender({ countryName: 'Россия', region: 'Республика Крым' });
    expect(crimea.timeZone).toBe('Europe/Simferopol');
    expect(crimea.warnings.map((w) => w.message).join()).toContain('UA-43');
  });
});

describe('published offsets against the region', () => {
  it('warns when the offsets the buyer wrote are not the region’s zone', () => {
    const t = tender({ countryName: 'United States', region: 'Washington' }, '2026-05-12T17:00:00-04:00');
    expect(t.timeZone).toBe('America/Los_Angeles');
    expect(t.warnings).toContainEqual({
      path: 'tender.tenderPeriod.endDate',
      message: expect.stringMatching(
        /published with the offset -04:00, but the buyer's region "Washington" is in America\/Los_Angeles \(-07:00 then\)/,
      ),
    });
  });

  it('says nothing when they agree, or when they are written in UTC', () => {
    expect(tender({ countryName: 'USA', region: 'D.C.' }, '2026-05-12T17:00:00-04:00').warnings).toEqual([]);
    expect(tender({ countryName: 'USA', region: 'WA' }, '2026-05-12T17:00:00Z').warnings).toEqual([]);
  });

  it('offsetsAgree names the first instant that disagrees', () => {
    const published = [
      { path: 'a', value: '2026-01-10T10:00:00-05:00' },
      { path: 'b', value: '2026-01-10T10:00:00-08:00' },
      { path: 'c', value: '2026-01-10' },
    ];
    expect(offsetsAgree('America/New_York', published)).toEqual({
      path: 'b',
      published: '-08:00',
      zoneOffset: '-05:00',
    });
    expect(offsetsAgree('America/New_York', published.slice(0, 1))).toBeUndefined();
    expect(offsetsAgree('Asia/Almaty', [{ path: 'a', value: '2026-03-01T10:00:00+05:00' }])).toBeUndefined();
  });
});

describe('a country whose zones now keep one offset', () => {
  it('places a Kazakh buyer without a region in Asia/Almaty, without a warning, at dates after 1 March 2024', () => {
    const t = tender({ countryName: 'Republic of Kazakhstan' }, '2026-05-12');
    expect(t.timeZone).toBe('Asia/Almaty');
    expect(t.timeZoneSource).toBe('buyer-country');
    expect(t.warnings).toEqual([]);
  });

  it('still warns at dates when its zones differed', () => {
    const t = normalizeRelease(
      {
        ocid: 'ocds-x-2',
        id: '2',
        buyer: { id: 'b1', name: 'Buyer', address: { countryName: 'Kazakhstan' } },
        tender: { id: '2', tenderPeriod: { startDate: '2023-04-20', endDate: '2023-05-12' } },
      },
      'ocds-x-2',
    );
    expect(t.timeZoneSource).toBe('capital-guess');
    expect(t.warnings.map((w) => w.message).join()).toContain('chose Asia/Almaty');
  });
});
