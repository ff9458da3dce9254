import { describe, expect, it } from 'vitest';
import { intakeDocument } from '../../../functions/domain/checklist/intake.ts';
import { computeDeadlines } from '../../../functions/domain/deadlines/compute.ts';
import type { Milestone } from '../../../functions/domain/tender.ts';
import { readExample } from '../../support/fixtures.ts';

type Json = Record<string, unknown>;
const intake = (doc: unknown) => {
  const [one] = intakeDocument(doc);
  if (!one) throw new Error('no tender');
  return one;
};
const milestone = (ms: Milestone[] | undefined, ref: string): Milestone => {
  const found = (ms ?? []).find((m) => m.ref === ref);
  if (!found) throw new Error(`no milestone ${ref} among ${(ms ?? []).map((m) => m.ref).join(', ')}`);
  return found;
};

describe('dates of the procedure that were dropped become milestones, so deadlines', () => {
  it("an eForms lot's bid opening (BT-132), with its place", () => {
    const { tender } = intake(readExample('ContractNotice_cn-standard_2024-102199_release_0.json'));
    expect(milestone(tender.milestones, 'lots[LOT-0000].bidOpening')).toMatchObject({
      scope: 'lot',
      lotId: 'LOT-0000',
      title: 'Bids are opened (Tønsberg)',
      type: 'assessment',
      code: 'bidOpening',
      dueAt: '2024-02-27T13:01:00.000Z',
    });
  });

  it("a prior information notice's estimated date of the contract notice (BT-127)", () => {
    const { tender } = intake(readExample('PriorInformationNotice_pin-only_2023-101219_release_0.json'));
    expect(milestone(tender.milestones, 'communication.futureNoticeDate')).toMatchObject({
      scope: 'tender',
      type: 'preProcurement',
      dueAt: '2024-02-28T23:00:00.000Z',
    });
  });

  it('planning.milestones (OCDS Planning.milestones, built from the schema: no fixture publishes them)', () => {
    const doc = structuredClone(readExample('uk-contracts-finder-2c40364c-tender-release-1.1.json')) as Json;
    doc.planning = {
      milestones: [
        { id: 'P1', title: 'Market engagement day', type: 'engagement', dueDate: '2030-05-01T09:00:00Z' },
        { id: 'P2', title: 'Budget approval', type: 'approval', dueDate: 'soon' },
      ],
    };
    const { tender } = intake(doc);
    expect(milestone(tender.milestones, 'planning.milestones[P1]')).toMatchObject({
      scope: 'tender',
      type: 'engagement',
      dueAt: '2030-05-01T09:00:00.000Z',
    });
    expect(tender.warnings.map((w) => w.path)).toContain('planning.milestones[1].dueDate');
  });

  it('each becomes a deadline of its lot or the tender', () => {
    const { tender } = intake(readExample('ContractNotice_cn-standard_2024-102199_release_0.json'));
    const drafts = computeDeadlines({ tenderId: 't', tender, events: [], now: '2024-01-01T00:00:00Z' });
    expect(drafts.map((d) => d.title)).toContain('Assessment: Bids are opened (Tønsberg)');
  });
});
