import { describe, expect, it } from 'vitest';
import {
  checkRequirementCounts,
  requirementCounts,
} from '../../../functions/domain/checklist/requirement-count.ts';
import { LIMITS, LimitExceededError } from '../../../functions/lib/limits.ts';
import { tenderWithRequirements } from '../../support/hostile-files.ts';

describe('a tender holds at most 20,000 requirements', () => {
  it('counts the requirements of each tender of a package, and accepts a tender at the limit', () => {
    const pkg = {
      uri: 'https://example.test/p',
      version: '1.1',
      publishedDate: '2026-11-01T09:00:00Z',
      releases: [tenderWithRequirements('ocds-a', 3), tenderWithRequirements('ocds-b', LIMITS.requirements)],
    };
    expect(Object.fromEntries(requirementCounts(pkg, ['ocds-a', 'ocds-b']))).toEqual({
      'ocds-a': 3,
      'ocds-b': 20_000,
    });
    expect(() => checkRequirementCounts(pkg, ['ocds-a', 'ocds-b'])).not.toThrow();
  });

  it('refuses a tender of 100,000 requirements with 422 naming the tender, the number and the limit', () => {
    const release = tenderWithRequirements('ocds-huge', 100_000);
    let error: unknown;
    try {
      checkRequirementCounts(release, ['ocds-huge']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ limit: 'requirements', status: 422 });
    expect(String(error)).toMatch(
      /the tender ocds-huge has 100,000 requirements; a tender holds at most 20,000/,
    );
  });

  it('counts a process of several releases as compiled: amendments repeating the requirements count once', () => {
    const first = tenderWithRequirements('ocds-amended', 12_000);
    const second = {
      ...tenderWithRequirements('ocds-amended', 12_000),
      id: 'ocds-amended-2',
      date: '2026-11-02T09:00:00Z',
    };
    const pkg = { uri: 'https://example.test/p', version: '1.1', releases: [first, second] };
    expect(requirementCounts(pkg, ['ocds-amended']).get('ocds-amended')).toBe(12_000);
  });

  it('counts a Prozorro tender, wrapped in data or not', () => {
    const criteria = [{ id: 'c', source: 'tenderer', requirementGroups: [{ requirements: [{}, {}, {}] }] }];
    const tender = { tenderID: 'UA-2026-11-01-000001-a', criteria };
    expect([...requirementCounts(tender, []).values()]).toEqual([3]);
    expect([...requirementCounts({ data: tender }, []).values()]).toEqual([3]);
  });
});
