import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../../../functions/domain/audit.ts';
import {
  evidenceToAttach,
  type LibraryEvidence,
  reviseEvidence,
} from '../../../functions/domain/checklist/review.ts';
import { editEvidence } from '../../../functions/domain/evidence.ts';
import { InvalidInputError, StateConflictError } from '../../../functions/lib/errors.ts';

const attached = { evidenceId: 'e-old', title: 'Old', type: 'certificate', validUntil: null };
const library = new Map<string, LibraryEvidence>([
  ['e-new', { title: 'New', type: 'licence', validUntil: '2030-01-01T00:00:00.000Z', status: 'available' }],
  ['e-pending', { title: 'Pending', type: 'other', validUntil: null, status: 'pending-upload' }],
]);

describe('reviseEvidence (an item’s attachments)', () => {
  it('attaches uploaded library evidence with a snapshot and detaches what is asked', () => {
    const item = { status: 'in_progress' as const, evidence: [attached] };
    const change = { attach: ['e-new', 'e-old'], detach: ['e-old'] };
    expect(evidenceToAttach(item, change)).toEqual(['e-new', 'e-old']);
    const withOld = new Map([
      ...library,
      ['e-old', { title: 'Old', type: 'certificate', validUntil: null, status: 'available' as const }],
    ]);
    // e-old is detached and attached again in one change: it comes back with the library's snapshot
    expect(reviseEvidence(item, change, withOld, { roles: ['contributor'], override: false })).toEqual([
      { evidenceId: 'e-new', title: 'New', type: 'licence', validUntil: '2030-01-01T00:00:00.000Z' },
      { evidenceId: 'e-old', title: 'Old', type: 'certificate', validUntil: null },
    ]);
  });

  it('names each attachment that is unknown or not uploaded yet', () => {
    const item = { status: 'open' as const, evidence: [] };
    const attempt = () =>
      reviseEvidence(item, { attach: ['e-x', 'e-pending'] }, library, {
        roles: ['contributor'],
        override: false,
      });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (e) {
      expect(e instanceof InvalidInputError && e.errors.map((p) => p.path)).toEqual([
        'evidence.attach[0]',
        'evidence.attach[1]',
      ]);
    }
  });

  it('locks an approved item’s evidence except for a bid manager', () => {
    const item = { status: 'approved' as const, evidence: [attached] };
    const change = { detach: ['e-old'] };
    expect(() => reviseEvidence(item, change, library, { roles: ['contributor'], override: false })).toThrow(
      StateConflictError,
    );
    expect(reviseEvidence(item, change, library, { roles: ['bid-manager'], override: false })).toEqual([]);
  });
});

describe('editEvidence (validity)', () => {
  const record = { validFrom: '2026-01-01T00:00:00.000Z', validUntil: '2028-01-01T00:00:00.000Z' };

  it('stores validity instants in UTC', () => {
    expect(editEvidence(record, { validUntil: '2029-03-01T12:00:00+03:00' })).toEqual({
      validUntil: '2029-03-01T09:00:00.000Z',
    });
  });

  it('refuses a validity that ends before it starts, counting the side the edit leaves alone', () => {
    expect(() => editEvidence(record, { validUntil: '2025-12-31T00:00:00Z' })).toThrow(InvalidInputError);
    expect(() => editEvidence(record, { validFrom: '2028-06-01T00:00:00Z' })).toThrow(InvalidInputError);
    expect(editEvidence(record, { validFrom: null })).toEqual({ validFrom: null });
  });
});

describe('fieldChanges', () => {
  it('keeps only tracked fields whose value changes, with before and after (absent is null)', () => {
    const current = { a: 1, b: [1, 2], c: null as string | null, d: 'x' };
    const out = fieldChanges(current, { a: 1, b: [1, 3], c: 'set', d: 'y' }, ['a', 'b', 'c']);
    expect(out.changed).toEqual(['b', 'c']);
    expect(out.fields).toEqual({ b: [1, 3], c: 'set' });
    expect(out.before).toEqual({ b: [1, 2], c: null });
    expect(out.after).toEqual({ b: [1, 3], c: 'set' });
  });
});
