import { describe, expect, it } from 'vitest';
import { intakeReach } from '../../../functions/domain/checklist/intake-reach.ts';
import { publishedFields, unreached } from '../../../functions/domain/ocds/reach.ts';
import { exampleFiles, readExample } from '../../support/fixtures.ts';
import { reachOfExample } from '../../support/reach.ts';

/**
 * The rule of issue #19: a published field is either used or named in a warning. Every real fixture is
 * walked; each criterion-like, milestone-like and date-like field must reach the normalised tender, the
 * checklist or the deadlines (a reader used its path), or be named by a warning (its path or a holder's).
 */
describe('nothing published is lost: every criterion, milestone and date is used or warned', () => {
  it.each(exampleFiles())('%s', (file) => {
    const reach = reachOfExample(file);
    expect(reach.fields).toBeGreaterThan(0);
    expect(reach.missed).toEqual([]);
    // left out of the rule: package metadata and the dates of a record's linked releases, none of them the tender's
    for (const f of reach.envelope)
      expect(f.path).toMatch(/^(publishedDate|records\[\d+\]\.releases\[\d+\]\.date)$/);
  });
});

describe('the walker', () => {
  it('lists criteria, milestones and dates by path, and nothing else', () => {
    const doc = {
      date: '2024-01-01',
      tender: {
        title: 'x',
        awardCriteria: 'priceOnly',
        tenderPeriod: { endDate: '2024-02-01', durationInDays: 30 },
        exclusionGrounds: { criteria: [{ type: 'fraud', description: 'Fraud' }], sources: ['epo-notice'] },
        criteria: [{ id: 'C1', requirementGroups: [{ id: 'G1', requirements: [{ id: 'R1', title: 'r' }] }] }],
        lots: [{ id: 'L1', bidOpening: { date: '2024-02-02', location: { description: 'Oslo' } } }],
        milestones: [{ id: 'M1', dueDate: '2024-03-01', title: 'm' }],
        documents: [{ id: 'D1', datePublished: '2024-01-01' }],
      },
    };
    expect(publishedFields(doc)).toEqual([
      { path: 'date', kind: 'date' },
      { path: 'tender.awardCriteria', kind: 'criterion' },
      { path: 'tender.tenderPeriod.endDate', kind: 'date' },
      { path: 'tender.tenderPeriod.durationInDays', kind: 'date' },
      { path: 'tender.exclusionGrounds.criteria[0]', kind: 'criterion' },
      { path: 'tender.exclusionGrounds.sources', kind: 'criterion' },
      { path: 'tender.criteria[0]', kind: 'criterion' },
      { path: 'tender.criteria[0].requirementGroups[0]', kind: 'criterion' },
      { path: 'tender.criteria[0].requirementGroups[0].requirements[0]', kind: 'criterion' },
      { path: 'tender.lots[0].bidOpening.date', kind: 'date' },
      { path: 'tender.milestones[0]', kind: 'milestone' },
      { path: 'tender.milestones[0].dueDate', kind: 'date' },
    ]);
  });

  it('bites: a date no reader knows is reported, and a warning on what holds it is enough', () => {
    const doc = structuredClone(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json')) as {
      tender: Record<string, unknown>;
    };
    doc.tender.inventedPeriod = { endDate: '2030-01-01T00:00:00Z' };
    const [p] = intakeReach(doc);
    if (!p) throw new Error('no process');
    const fields = publishedFields(doc);
    expect(unreached(fields, p.used, p.warnings)).toEqual([
      { path: 'tender.inventedPeriod.endDate', kind: 'date' },
    ]);
    expect(
      unreached(fields, p.used, [...p.warnings, { path: 'tender.inventedPeriod', message: 'x' }]),
    ).toEqual([]);
  });
});
