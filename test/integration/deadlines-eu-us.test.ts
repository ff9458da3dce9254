/**
 * The EU and FAR rule packs over HTTP: a real eForms notice (Norway, which applies Directive 2014/24/EU
 * through the EEA Agreement) and the same notice from a German buyer with a value, and a US federal tender;
 * procurement events recorded through POST /tenders/{id}/events; the computed deadlines read back from
 * GET /tenders/{id}/deadlines with their citations.
 */
import { describe, expect, it } from 'vitest';
import { call, tokenFor, waitForTender } from '../support/api.ts';
import { readExample } from '../support/fixtures.ts';

type Citation = {
  act: string;
  article: string;
  part?: string;
  quote: string;
  verified: boolean;
  source?: string;
};
type Deadline = {
  id: string;
  kind: string;
  title: string;
  dueAt: string;
  status: string;
  risk: string;
  source: { type: string; ref: string; legalBasis?: string; citation?: Citation; verified?: boolean };
  warnings?: string[];
};

const deadlinesOf = async (token: string, tenderId: string) =>
  (await call('GET', `/tenders/${tenderId}/deadlines`, { token })).json.items as Deadline[];
const byRef = (deadlines: Deadline[], ref: string) => deadlines.find((d) => d.source.ref === ref);

async function importTender(org: string, body: unknown, query = '') {
  const token = await tokenFor(org, ['bid-manager']);
  const res = await call('POST', `/tenders/import${query}`, { token, body: JSON.stringify(body) });
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  const tenderId = String(res.json.tenderId);
  await waitForTender(token, tenderId);
  return { token, tenderId };
}

async function record(token: string, tenderId: string, type: string, at: string) {
  const res = await call('POST', `/tenders/${tenderId}/events`, {
    token,
    body: JSON.stringify({ type, at }),
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const NOTICE = 'ContractNotice_cn-standard_2024-107345_release_0.json';

describe('EU deadlines (Directive 2014/24/EU, Remedies Directive) over HTTP', () => {
  it('a Norwegian eForms notice: the standstill after the award, cited, with a warning that the value is unknown', async () => {
    const { token, tenderId } = await importTender('dl-eu-no', readExample(NOTICE));
    // award decision sent Mon 1 July 2024 → 10 days → end of Thu 11 July, Oslo
    await record(token, tenderId, 'awarded', '2024-07-01T10:00:00+02:00');
    const deadlines = await deadlinesOf(token, tenderId);
    const standstill = byRef(deadlines, 'eu-2014-24:standstill-end');
    expect(standstill).toMatchObject({ kind: 'standstill-end', dueAt: '2024-07-11T21:59:59.999Z' });
    expect(standstill?.source.citation).toMatchObject({ article: '2a', part: '2', verified: true });
    expect(standstill?.source.citation?.act).toContain('89/665/EEC');
    expect(standstill?.warnings?.join(' ')).toContain('140,000 EUR');
    expect(byRef(deadlines, 'eu-2014-24:review-window')?.source.citation?.article).toBe('2c');
  });

  it('the same notice from a German buyer above the threshold: § 134 GWB, no roll past the Sunday', async () => {
    const notice = structuredClone(readExample(NOTICE)) as {
      ocid: string;
      id: string;
      tender: Record<string, unknown>;
      parties: { roles: string[]; address?: Record<string, unknown> }[];
    };
    notice.ocid = `${notice.ocid}-de`;
    notice.id = `${notice.id}-de`;
    notice.tender.value = { amount: 2_500_000, currency: 'EUR' };
    for (const p of notice.parties) if (p.address) p.address = { locality: 'Bonn', country: 'DE' };
    const { token, tenderId } = await importTender('dl-eu-de', notice);
    // VK Bund, 28 June 2021, VK 2-77/21: information sent Thu 10 June 2021, period ended Sun 20 June
    await record(token, tenderId, 'awarded', '2021-06-10T12:00:00+02:00');
    const standstill = byRef(await deadlinesOf(token, tenderId), 'eu-2014-24:standstill-end');
    expect(standstill).toMatchObject({ dueAt: '2021-06-20T21:59:59.999Z' });
    expect(standstill?.source.citation).toMatchObject({
      act: expect.stringContaining('GWB'),
      article: '134',
    });
    expect(standstill?.warnings ?? []).not.toContainEqual(expect.stringContaining('EUR'));
  });
});

/** A US tender as an OCDS release (the shape of the OCDS 1.1 docs example): a federal or a city buyer in Virginia. */
const usTender = (ocid: string, buyerName: string) => ({
  ocid,
  id: `${ocid}-tender`,
  date: '2027-02-01T12:00:00Z',
  tag: ['tender'],
  initiationType: 'tender',
  buyer: { id: 'b', name: buyerName },
  parties: [
    {
      id: 'b',
      name: buyerName,
      roles: ['buyer'],
      address: { region: 'Virginia', countryName: 'United States' },
    },
  ],
  tender: {
    id: 't',
    title: 'Facilities maintenance services',
    procurementMethod: 'open',
    value: { amount: 4_800_000, currency: 'USD' },
    tenderPeriod: { startDate: '2027-02-01T12:00:00Z', endDate: '2027-03-16' },
  },
});

describe('US federal deadlines (FAR) over HTTP', () => {
  it('a federal tender: the 5 p.m. electronic cut-off, and after the award notice the debriefing and protest windows', async () => {
    const { token, tenderId } = await importTender(
      'dl-us-fed',
      usTender('ocds-dl-us-fed', 'U.S. Department of the Army, Mission and Installation Contracting Command'),
    );
    const before = await deadlinesOf(token, tenderId);
    // due Tue 16 March 2027 (date only → 4:30 p.m., FAR 52.215-1(c)(3)(i)); electronic: Mon 15 March 17:00 EDT
    expect(before.find((d) => d.kind === 'submission' && d.source.type === 'tender')?.dueAt).toBe(
      '2027-03-16T20:30:00.000Z',
    );
    const cutoff = byRef(before, 'us-far:electronic-submission-cutoff');
    expect(cutoff?.dueAt).toBe('2027-03-15T21:00:00.000Z');
    expect(cutoff?.source.citation).toMatchObject({ article: '14.304', verified: true });
    expect(cutoff?.warnings ?? []).not.toContainEqual(expect.stringContaining('federal buyers only'));

    // notice received Tue 8 June 2027: debriefing request by Fri 11 June; protest by Mon 21 June 4:30 p.m.
    // (Juneteenth, Sat 19 June, is observed on Fri 18 June: 33.101 moves the 10th day past it)
    await record(token, tenderId, 'award-notice-received', '2027-06-08T12:00:00-04:00');
    const after = await deadlinesOf(token, tenderId);
    expect(byRef(after, 'us-far:debriefing-request')).toMatchObject({
      kind: 'debriefing-request',
      dueAt: '2027-06-12T03:59:59.999Z',
    });
    expect(byRef(after, 'us-far:debriefing-request')?.source.citation?.quote).toContain('within 3 days');
    expect(byRef(after, 'us-far:protest-window')?.dueAt).toBe('2027-06-21T20:30:00.000Z');
    await record(token, tenderId, 'debriefing-requested', '2027-06-09T09:00:00-04:00');
    expect(byRef(await deadlinesOf(token, tenderId), 'us-far:debriefing-request')?.status).toBe('met');
  });

  it('a city tender gets no FAR deadline', async () => {
    const { token, tenderId } = await importTender(
      'dl-us-city',
      usTender('ocds-dl-us-city', 'City of Richmond'),
    );
    const deadlines = await deadlinesOf(token, tenderId);
    expect(deadlines.filter((d) => d.source.type === 'rule')).toEqual([]);
    // no FAR 4:30 p.m. default either: the end of 16 March in Richmond
    expect(deadlines.find((d) => d.kind === 'submission')?.dueAt).toBe('2027-03-17T03:59:59.999Z');
  });
});
