import { describe, expect, it } from 'vitest';
import { detectOcds } from '../../../functions/domain/ocds/detect.ts';
import { compileReleases } from '../../../functions/domain/ocds/merge.ts';
import { normalizeRelease } from '../../../functions/domain/ocds/normalize.ts';
import { readExample } from '../../support/fixtures.ts';

const normalizeFile = (name: string) => {
  const [p] = detectOcds(readExample(name)).processes;
  if (!p) throw new Error(`no process in ${name}`);
  return normalizeRelease(compileReleases(p.releases), p.ocid);
};

describe('normalizeRelease on the real examples in test/fixtures/ocds', () => {
  it('Paraguay 274231: mixed -04:00/-05:00 offsets become exact instants; the null end is a warning', () => {
    const t = normalizeFile('paraguay-274231-tender-release-1.1.json');
    expect(t.ocid).toBe('ocds-03ad3f-274231');
    expect(t.value).toEqual({ amount: 600000000, currency: 'PYG' });
    expect(t.periods.tender).toEqual({ start: '2016-03-15T11:30:00.000Z', end: null });
    expect(t.periods.enquiry?.end).toBe('2016-03-08T14:00:00.000Z');
    expect(t.periods.award).toEqual({ start: '2016-03-08T14:00:00.000Z', end: '2016-03-16T14:42:48.000Z' });
    expect(t.lots.map((l) => l.title)).toEqual(['LOTE 1', 'LOTE 2']);
    expect(t.buyer?.name).toBe('Compañía Paraguaya de Comunicaciones (COPACO)');
    expect(t.warnings).toContainEqual({ path: 'tender.tenderPeriod.endDate', message: 'missing' });
  });

  it('Paraguay 280555 record package: compiledRelease, null amount kept as null, 2 lots', () => {
    const t = normalizeFile('paraguay-280555-record-package-1.1.json');
    expect(t.value).toEqual({ amount: null, currency: 'USD' });
    expect(t.periods.tender?.end).toBe('2015-07-06T13:00:00.000Z');
    expect(t.lots).toHaveLength(2);
  });

  it('Nigeria: upper-case language, buyer country from the procuring entity party', () => {
    const t = normalizeFile('nigeria-borbda-mkksbm-contract-release-1.1.json');
    expect(t.language).toBe('en');
    expect(t.timeZone).toBe('Africa/Lagos');
    expect(t.periods.tender).toEqual({ start: '2014-06-30T00:00:00.000Z', end: '2014-08-21T00:00:00.000Z' });
  });

  it('eForms notice: periods that sit on the lot, bid validity as a duration, Norway in Europe/Oslo', () => {
    const t = normalizeFile('ContractNotice_cn-standard_2024-107345_release_0.json');
    expect(t.timeZone).toBe('Europe/Oslo');
    expect(t.periods.tender).toBeUndefined();
    expect(t.lots[0]?.periods.tender?.end).toBe('2024-06-19T10:00:00.000Z');
    expect(t.lots[0]?.periods.enquiry?.end).toBe('2024-06-07T10:00:00.000Z');
    expect(t.lots[0]?.periods.bidValidity?.durationInDays).toBe(90);
  });

  it('OCDS standard example and UK Contracts Finder: GBP, Europe/London, UTC instants', () => {
    const std = normalizeFile('standard-1.1.5-docs-examples-tender.json');
    expect(std.title).toBe('Planned cycle lane improvements');
    expect(std.value).toEqual({ amount: 1100000, currency: 'GBP' });
    expect(std.timeZone).toBe('Europe/London');
    expect(std.periods.tender).toEqual({
      start: '2010-03-01T09:00:00.000Z',
      end: '2011-04-01T18:00:00.000Z',
    });
    const uk = normalizeFile('uk-contracts-finder-2c40364c-tender-release-1.1.json');
    expect(uk.periods.tender?.end).toBe('2018-06-30T00:00:00.000Z');
    expect(uk.warnings).toEqual([]);
  });
});

describe('normalizeRelease on messy input', () => {
  const messy = {
    ocid: 'ocds-x-1',
    language: 'EN',
    buyer: { id: 'b1', name: 'Buyer' },
    parties: [{ id: 'b1', roles: ['buyer'], address: { countryName: 'Russia' } }],
    tender: {
      title: '  ',
      value: { amount: '12 500.50', currency: 'rub' },
      tenderPeriod: { startDate: '2026-05-10T10:00:00', endDate: '2026-05-01' },
      enquiryPeriod: { endDate: 'soon' },
      awardPeriod: 'not-a-period',
      lots: [{ id: 7, value: { amount: 'lots', currency: 'EURO' } }, null],
    },
  };

  it('reads what it can and names every field it could not use', () => {
    const t = normalizeRelease(messy, 'ocds-x-1', { timeZone: 'Europe/Moscow' });
    expect(t.title).toBeNull();
    expect(t.language).toBe('en');
    expect(t.value).toEqual({ amount: 12500.5, currency: 'RUB' });
    expect(t.timeZone).toBe('Europe/Moscow');
    expect(t.timeZoneSource).toBe('import-option');
    expect(t.periods.tender).toEqual({
      start: '2026-05-10T07:00:00.000Z',
      end: '2026-05-01T20:59:59.999Z',
      endAllDay: true,
    });
    expect(t.lots).toEqual([expect.objectContaining({ id: '7', value: { amount: null, currency: null } })]);
    expect(t.warnings.map((w) => w.path).sort()).toEqual([
      'tender.awardPeriod',
      'tender.enquiryPeriod.endDate',
      'tender.lots[0].value.amount',
      'tender.lots[0].value.currency',
      'tender.lots[1]',
      'tender.tenderPeriod.endDate',
    ]);
    expect(t.warnings.find((w) => w.path === 'tender.tenderPeriod.endDate')?.message).toContain(
      'before it starts',
    );
  });

  it('chooses among a multi-zone country by the offset the buyer publishes', () => {
    const t = normalizeRelease(
      { ...messy, tender: { tenderPeriod: { endDate: '2026-05-10T10:00:00+07:00' } } },
      'ocds-x-1',
    );
    expect(t.timeZoneSource).toBe('published-offset');
    expect(t.warnings.map((w) => w.message).join('\n')).toMatch(/spans several time zones.*offset \+07:00/);
    expect([
      'Asia/Krasnoyarsk',
      'Asia/Novokuznetsk',
      'Asia/Novosibirsk',
      'Asia/Barnaul',
      'Asia/Tomsk',
    ]).toContain(t.timeZone);
  });

  it('falls back to UTC with a warning when the buyer country is unknown', () => {
    const t = normalizeRelease({ ocid: 'o', tender: {} }, 'o');
    expect(t.timeZone).toBe('UTC');
    expect(t.warnings).toContainEqual({
      path: 'buyer',
      message: 'missing: no buyer, procuringEntity or party with a buyer role',
    });
  });
});
