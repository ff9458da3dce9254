import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectOcds } from '../../../functions/domain/ocds/detect.ts';
import { compileReleases } from '../../../functions/domain/ocds/merge.ts';
import { InvalidInputError } from '../../../functions/lib/errors.ts';

const errorsOf = (doc: unknown) => {
  try {
    detectOcds(doc);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors;
    throw e;
  }
  throw new Error('expected the document to be refused');
};

describe('detectOcds', () => {
  it('reads a single release', () => {
    const d = detectOcds({ ocid: 'ocds-1', id: 'r1', tag: ['tender'], tender: {} });
    expect(d.kind).toBe('release');
    expect(d.processes.map((p) => p.ocid)).toEqual(['ocds-1']);
  });

  it('groups a release package by ocid and reports releases it cannot use', () => {
    const d = detectOcds({
      releases: [
        { ocid: 'a', id: '1' },
        { ocid: 'b', id: '2' },
        { ocid: 'a', id: '3' },
        { id: 'no-ocid' },
        'junk',
      ],
    });
    expect(d.kind).toBe('release-package');
    expect(d.processes.map((p) => [p.ocid, p.releases.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(d.skipped).toEqual([
      { path: 'releases[3].ocid', message: 'missing or empty: a release needs an ocid' },
      { path: 'releases[4]', message: 'expected a release object' },
    ]);
  });

  it("uses a record's compiledRelease, else its newest embedded release", () => {
    const compiled = detectOcds({
      ocid: 'x',
      releases: [{ url: 'u', date: '2020-01-01' }],
      compiledRelease: { id: 'c', tender: { title: 'T' } },
    });
    expect(compiled.kind).toBe('record');
    expect(compiled.processes[0]?.releases[0]?.id).toBe('c');
    const newest = detectOcds({
      records: [
        {
          ocid: 'y',
          releases: [
            { id: 'old', date: '2020-01-01', tender: {} },
            { id: 'new', date: '2021-01-01', tender: {} },
          ],
        },
      ],
    });
    expect(newest.kind).toBe('record-package');
    expect(newest.processes[0]?.releases[0]?.id).toBe('new');
  });

  it('refuses what does not identify a contracting process, naming the field', () => {
    expect(errorsOf([1, 2])).toEqual([
      { path: '', message: expect.stringContaining('expected an OCDS release') },
    ]);
    expect(errorsOf({ hello: 'world' })[0]?.path).toBe('');
    expect(errorsOf({ ocid: '', tender: {} })).toEqual([
      { path: 'ocid', message: 'missing or empty: an OCDS release needs an ocid' },
    ]);
    expect(errorsOf({ releases: [] })).toEqual([
      { path: 'releases', message: 'empty: no release to import' },
    ]);
    expect(errorsOf({ records: [{ ocid: 'z', releases: [{ url: 'only-a-link' }] }] })).toEqual([
      { path: 'records[0].compiledRelease', message: 'missing, and the record embeds no full release' },
    ]);
  });

  it('never throws anything but InvalidInputError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        try {
          const d = detectOcds(doc);
          expect(d.processes.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidInputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('compileReleases', () => {
  it('merges oldest to newest: objects by field, identified arrays by id, null removes', () => {
    const merged = compileReleases([
      { date: '2021-02-01', tender: { title: 'New', lots: [{ id: '2', title: 'B2' }], description: null } },
      {
        date: '2021-01-01',
        tender: {
          title: 'Old',
          description: 'd',
          lots: [
            { id: '1', title: 'A' },
            { id: '2', title: 'B' },
          ],
        },
      },
    ]);
    expect(merged.tender).toEqual({
      title: 'New',
      lots: [
        { id: '1', title: 'A' },
        { id: '2', title: 'B2' },
      ],
    });
  });
});
