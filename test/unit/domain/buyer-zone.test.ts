import { getAllCountries, getTimezone } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import capitals from '../../../functions/domain/geo/capitals.json' with { type: 'json' };
import { recogniseCountry } from '../../../functions/domain/geo/country.ts';
import { spansSeveralZones, zonesOf } from '../../../functions/domain/geo/zone.ts';
import { normalizeRelease } from '../../../functions/domain/ocds/normalize.ts';
import { normalizeProzorro } from '../../../functions/domain/prozorro/normalize.ts';
import { isValidTimeZone } from '../../../functions/domain/time.ts';

/**
 * An OCDS 1.0 release shaped like the Paraguay fixture (paraguay-274231): the address sits on the buyer
 * itself, not on a party; the tender period ends on a date without a time (as Russian and Ukrainian
 * portals publish it).
 */
const release10 = (address: Record<string, string>, endDate = '2026-05-12') => ({
  ocid: 'ocds-03ad3f-274231',
  id: '274231-1',
  date: '2026-04-20',
  language: 'ru',
  buyer: { id: 'b1', name: 'Заказчик', address },
  tender: { id: '274231', title: 'Поставка', tenderPeriod: { startDate: '2026-04-20', endDate } },
});

const zoneOf = (address: Record<string, string>, endDate?: string) =>
  normalizeRelease(release10(address, endDate), 'ocds-03ad3f-274231');

describe('the buyer country, however it is written', () => {
  it.each([
    ['Российская Федерация', 'RU'],
    ['Россия', 'RU'],
    ['РФ', 'RU'],
    ['Україна', 'UA'],
    ['Украина', 'UA'],
    ['México', 'MX'],
    ['Mexico', 'MX'],
    ['FRA', 'FR'],
    ['fra', 'FR'],
    ['France', 'FR'],
    [' United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['Deutschland', 'DE'],
    ['Polska', 'PL'],
    ['Česká republika', 'CZ'],
    ['Қазақстан', 'KZ'],
    ['U.S.A.', 'US'],
    ['EL', 'GR'],
    ['ua', 'UA'],
    ['RUS', 'RU'],
  ])('%j is %s', (written, code) => {
    expect(recogniseCountry(written)?.code).toBe(code);
  });

  it('names the country in English whichever way it was written', () => {
    expect(recogniseCountry('FRA')).toEqual({ code: 'FR', name: 'France' });
    expect(recogniseCountry('ua')).toEqual({ code: 'UA', name: 'Ukraine' });
    expect(recogniseCountry('Россия')).toEqual({ code: 'RU', name: 'Russian Federation' });
  });

  it('knows no country in an empty or unknown name', () => {
    expect(recogniseCountry('  ')).toBeNull();
    expect(recogniseCountry('Atlantis')).toBeNull();
    expect(recogniseCountry('XX')).toBeNull();
  });

  it('reads the country on buyer.address (OCDS 1.0) and gives a single-zone country its zone', () => {
    const t = zoneOf({ countryName: 'Україна' });
    expect(t.buyer).toMatchObject({ country: 'Україна', countryCode: 'UA' });
    expect(t.timeZoneSource).toBe('buyer-country');
    expect(['Europe/Kyiv', 'Europe/Kiev']).toContain(t.timeZone);
    // 12 May 2026 ends at 24:00 in Kyiv (UTC+3 in summer), not at midnight UTC
    expect(t.periods.tender?.end).toBe('2026-05-12T20:59:59.999Z');
  });

  it('reads a Prozorro procuring entity whose country is written in Ukrainian', () => {
    const { tender } = normalizeProzorro({
      tenderID: 'UA-2026-04-20-000001-a',
      procuringEntity: {
        name: 'Замовник',
        identifier: { scheme: 'UA-EDR', id: '00000000' },
        address: { countryName: 'Україна', region: 'м. Київ', locality: 'Київ' },
      },
      tenderPeriod: { endDate: '2026-05-12T10:00:00+03:00' },
    });
    expect(tender.buyer).toMatchObject({ country: 'Ukraine', countryCode: 'UA', region: 'м. Київ' });
    expect(tender.timeZoneSource).toBe('buyer-country');
  });
});

describe('a country with several zones', () => {
  it.each([
    [{ countryName: 'Российская Федерация', region: 'г. Москва' }, 'Europe/Moscow'],
    [{ countryName: 'Российская Федерация', region: 'Новосибирская область' }, 'Asia/Novosibirsk'],
    [{ countryName: 'Россия', region: 'Свердловская обл.', locality: 'Екатеринбург' }, 'Asia/Yekaterinburg'],
    [{ countryName: 'Russian Federation', region: 'Sakhalin Oblast' }, 'Asia/Sakhalin'],
    [{ countryName: 'Россия', locality: 'г. Владивосток' }, 'Asia/Vladivostok'],
    [{ countryName: 'RU', region: 'RU-KGD' }, 'Europe/Kaliningrad'],
    [{ countryName: 'Canada', region: 'Québec', locality: 'Montréal' }, 'America/Toronto'],
    [{ countryName: 'Canada', region: 'British Columbia' }, 'America/Vancouver'],
    [{ countryName: 'United States', region: 'TX' }, 'America/Chicago'],
    [{ countryName: 'USA', region: 'Arizona' }, 'America/Phoenix'],
    [{ countryName: 'Australia', region: 'Western Australia' }, 'Australia/Perth'],
  ])('%j is in %s, from the region or locality, without a warning', (address, zone) => {
    const t = zoneOf(address);
    expect(t.timeZone).toBe(zone);
    expect(t.timeZoneSource).toBe('buyer-region');
    expect(t.warnings.filter((w) => /time zone/.test(w.message))).toEqual([]);
  });

  it('ends a date-only deadline of a Moscow buyer at midnight Moscow time, not three hours later', () => {
    const t = zoneOf({ countryName: 'Российская Федерация', region: 'Москва' });
    expect(t.periods.tender?.end).toBe('2026-05-12T20:59:59.999Z');
  });

  it('takes the zone from the published offset when the address names no region, and says so', () => {
    const t = zoneOf({ countryName: 'Российская Федерация' }, '2026-05-12T10:00:00+05:00');
    expect(t.timeZone).toBe('Asia/Yekaterinburg');
    expect(t.timeZoneSource).toBe('published-offset');
    expect(t.warnings).toContainEqual({
      path: 'buyer.address.countryName',
      message: expect.stringMatching(
        /Russian Federation spans several time zones.*chose Asia\/Yekaterinburg by the offset \+05:00 published in tender\.tenderPeriod\.endDate/,
      ),
    });
  });

  it.each([
    ['Российская Федерация', 'Europe/Moscow'],
    ['Canada', 'America/Toronto'],
    ['United States of America', 'America/New_York'],
    ['México', 'America/Mexico_City'],
    ['Brasil', 'America/Sao_Paulo'],
    ['Australia', 'Australia/Sydney'],
  ])("guesses the capital's zone for %s with nothing else to go on, and warns naming it", (country, zone) => {
    const t = zoneOf({ countryName: country });
    expect(t.timeZone).toBe(zone);
    expect(t.timeZoneSource).toBe('capital-guess');
    const warning = t.warnings.find((w) => w.path === 'buyer.address.countryName');
    expect(warning?.message).toContain(`chose ${zone} (the capital's)`);
    expect(warning?.message).toContain('set ?timeZone= on import');
  });

  it('says which region it could not place', () => {
    const t = zoneOf({ countryName: 'Россия', region: 'Неизвестный край' });
    expect(t.timeZoneSource).toBe('capital-guess');
    expect(t.warnings.map((w) => w.message).join()).toContain(
      'the region "Неизвестный край" is not one we can place',
    );
  });

  it('knows the capital of every country with several zones, and the capital is one of its zones', () => {
    const canonical = (z: string) => getTimezone(z)?.aliasOf ?? z;
    const table: Record<string, string> = capitals;
    const several = Object.keys(getAllCountries()).filter(spansSeveralZones);
    expect(several).toEqual(expect.arrayContaining(['RU', 'US', 'CA', 'AU', 'BR', 'MX']));
    for (const code of several.filter((c) => c !== 'AQ' && c !== 'UM')) {
      const capital = table[code];
      expect(capital, code).toBeDefined();
      expect(isValidTimeZone(capital ?? ''), `${code} ${capital}`).toBe(true);
      expect(zonesOf(code).map(canonical), code).toContain(canonical(capital ?? ''));
    }
  });
});

describe('official long forms of country names (issue #19 item 5)', () => {
  it.each([
    ['Республика Казахстан', 'KZ'],
    ['Қазақстан Республикасы', 'KZ'],
    ['Republic of Kazakhstan', 'KZ'],
    ['Republic of Moldova', 'MD'],
    ['Республіка Молдова', 'MD'],
    ['Республика Беларусь', 'BY'],
    ['Рэспубліка Беларусь', 'BY'],
    ['Кыргызская Республика', 'KG'],
    ['Кыргыз Республикасы', 'KG'],
    ['Viet Nam', 'VN'],
    ['Estados Unidos Mexicanos', 'MX'],
    ['United Mexican States', 'MX'],
    ['República Federativa do Brasil', 'BR'],
    ['Republik Indonesia', 'ID'],
    ['Oʻzbekiston Respublikasi', 'UZ'],
    ['Rzeczpospolita Polska', 'PL'],
    ['Bundesrepublik Deutschland', 'DE'],
    ['République française', 'FR'],
    ['República del Paraguay', 'PY'],
    ['Estado Plurinacional de Bolivia', 'BO'],
    ['República Bolivariana de Venezuela', 'VE'],
    ['Reino de España', 'ES'],
    ['Republic of Kenya', 'KE'],
    ['Republic of the Congo', 'CG'],
    ['Democratic Republic of the Congo', 'CD'],
    ['Republic of Korea', 'KR'],
  ])('%j is %s', (written, code) => {
    expect(recogniseCountry(written)?.code).toBe(code);
  });

  it('reads past generic state words only around a known name', () => {
    expect(recogniseCountry('Republic')).toBeNull();
    expect(recogniseCountry('Republic of Atlantis')).toBeNull();
  });

  it('gives a Kazakh buyer written the long way its zone, and its region its own', () => {
    const t = zoneOf({ countryName: 'Республика Казахстан', region: 'Мангистауская область' });
    expect(t.timeZone).toBe('Asia/Aqtau');
    expect(t.timeZoneSource).toBe('buyer-region');
  });
});
