/**
 * Indonesia's three time zones (Keputusan Presiden No. 41 Tahun 1987): WIB (UTC+7), WITA (UTC+8) and
 * WIT (UTC+9), by province (38 since the Papuan provinces of 2022). A buyer's province decides the zone of
 * its deadlines; before #21 every Indonesian buyer got Asia/Jakarta.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import idRegions from '../../../functions/domain/geo/data/regions-id.json' with { type: 'json' };
import { normalizeRelease } from '../../../functions/domain/ocds/normalize.ts';

const tender = (address: Record<string, string>) =>
  normalizeRelease(
    {
      ocid: 'ocds-x-1',
      id: '1',
      date: '2026-04-20',
      buyer: { id: 'b1', name: 'Buyer', address },
      tender: { id: '1', title: 'T', tenderPeriod: { startDate: '2026-04-20', endDate: '2026-05-12' } },
    },
    'ocds-x-1',
  );

/** The hours east of UTC of a zone (Indonesia keeps no daylight-saving time). */
const offsetHours = (zone: string) => DateTime.fromISO('2026-05-12T12:00:00Z').setZone(zone).offset / 60;

/** Keppres 41/1987 with the provinces formed since: which zone each province keeps. */
const WIB = ['AC', 'SU', 'SB', 'RI', 'KR', 'JA', 'SS', 'BB', 'BE', 'LA', 'JK', 'JB', 'BT', 'JT', 'YO', 'JI']
  .concat(['KB', 'KT'])
  .map((c) => `ID-${c}`);
const WITA = ['KS', 'KI', 'KU', 'BA', 'NB', 'NT', 'SA', 'ST', 'SN', 'SG', 'GO', 'SR'].map((c) => `ID-${c}`);
const WIT = ['MA', 'MU', 'PA', 'PB', 'PD', 'PS', 'PT', 'PE'].map((c) => `ID-${c}`);

describe('the Indonesian provinces and their zones', () => {
  it('lists the 38 provinces, each in WIB (+7), WITA (+8) or WIT (+9) as Keppres 41/1987 places it', () => {
    const byIso = new Map(idRegions.regions.map((r) => [r.iso, r.zone]));
    expect(byIso.size).toBe(38);
    expect(WIB.length + WITA.length + WIT.length).toBe(38);
    for (const [isos, hours] of [
      [WIB, 7],
      [WITA, 8],
      [WIT, 9],
    ] as const)
      for (const iso of isos) expect(offsetHours(byIso.get(iso) ?? 'missing'), iso).toBe(hours);
  });

  it.each([
    [{ countryName: 'Indonesia', region: 'Bali', locality: 'Denpasar' }, 'Asia/Makassar'],
    [{ countryName: 'Indonesia', region: 'Papua', locality: 'Jayapura' }, 'Asia/Jayapura'],
    [{ countryName: 'Indonesia', region: 'Jawa Barat', locality: 'Bandung' }, 'Asia/Jakarta'],
    [{ countryName: 'Indonesia', region: 'Provinsi Sulawesi Selatan' }, 'Asia/Makassar'],
    [{ countryName: 'Indonesia', region: 'Papua Pegunungan' }, 'Asia/Jayapura'],
    [{ countryName: 'Indonesia', region: 'Maluku Utara' }, 'Asia/Jayapura'],
    [{ countryName: 'Indonesia', region: 'Kalimantan Timur' }, 'Asia/Makassar'],
    [{ countryName: 'Indonesia', region: 'Kalimantan Barat' }, 'Asia/Pontianak'],
    [{ countryName: 'Indonesia', region: 'ID-NT' }, 'Asia/Makassar'],
    [{ countryName: 'Indonesia', region: 'DKI Jakarta' }, 'Asia/Jakarta'],
  ])('a buyer at %j keeps its deadlines in %s, without a warning', (address, zone) => {
    const t = tender(address);
    expect(t.timeZone).toBe(zone);
    expect(t.timeZoneSource).toBe('buyer-region');
    expect(t.warnings).toEqual([]);
  });

  it('says so when the address names no province it knows (the capital is a guess)', () => {
    const t = tender({ countryName: 'Indonesia', locality: 'Kantor Pusat' });
    expect(t.timeZone).toBe('Asia/Jakarta');
    expect(t.timeZoneSource).not.toBe('buyer-region');
    expect(t.warnings.length).toBeGreaterThan(0);
  });
});
