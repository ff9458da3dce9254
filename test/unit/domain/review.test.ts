import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../functions/domain/checklist/answer.ts';
import { applyChange, type ItemWork } from '../../../functions/domain/checklist/review.ts';
import type { RequirementSpec } from '../../../functions/domain/checklist/types.ts';
import { InvalidInputError, PermissionError, StateConflictError } from '../../../functions/lib/errors.ts';

type Spec = Pick<RequirementSpec, 'dataType' | 'expectedValue' | 'minValue' | 'maxValue' | 'pattern'>;
const spec = (s: Partial<Spec> = {}): Spec => ({
  dataType: 'string',
  expectedValue: null,
  minValue: null,
  maxValue: null,
  pattern: null,
  ...s,
});

describe('checkAnswer', () => {
  it('refuses a value of the wrong type', () => {
    expect(checkAnswer(spec({ dataType: 'boolean' }), 'yes')).toEqual({
      ok: false,
      message: 'expected a boolean, got string',
    });
    expect(checkAnswer(spec({ dataType: 'integer' }), 2.5)).toEqual({
      ok: false,
      message: 'expected an integer, got 2.5',
    });
    expect(checkAnswer(spec({ dataType: 'date-time' }), 'tomorrow')).toMatchObject({ ok: false });
    expect(checkAnswer(spec({ dataType: 'string' }), 12)).toMatchObject({ ok: false });
  });

  it('accepts a value that misses the constraint, marked non-compliant with the reason', () => {
    expect(checkAnswer(spec({ dataType: 'boolean', expectedValue: true }), false)).toEqual({
      ok: true,
      value: false,
      compliant: false,
      reason: 'expected true, got false',
    });
    expect(checkAnswer(spec({ dataType: 'number', minValue: 3 }), '2')).toMatchObject({
      compliant: false,
      reason: '2 is below the minimum 3',
    });
    expect(checkAnswer(spec({ dataType: 'number', maxValue: 10 }), 11)).toMatchObject({
      compliant: false,
      reason: '11 is above the maximum 10',
    });
    expect(checkAnswer(spec({ pattern: '^UA\\d{8}$' }), 'UA123')).toMatchObject({ compliant: false });
  });

  it('accepts compliant values, normalising booleans, numbers and instants given as strings', () => {
    expect(checkAnswer(spec({ dataType: 'boolean', expectedValue: 'true' }), 'true')).toEqual({
      ok: true,
      value: true,
      compliant: true,
      reason: null,
    });
    expect(checkAnswer(spec({ dataType: 'integer', minValue: 1, maxValue: 5 }), '3')).toMatchObject({
      value: 3,
      compliant: true,
    });
    expect(checkAnswer(spec({ dataType: 'date-time' }), '2026-03-01T10:00:00+03:00')).toMatchObject({
      value: '2026-03-01T07:00:00.000Z',
    });
  });
});

const work = (w: Partial<ItemWork> = {}): ItemWork => ({
  status: 'open',
  owner: null,
  dueAt: null,
  answer: null,
  compliant: null,
  nonComplianceReason: null,
  notApplicable: false,
  justification: null,
  lastComment: null,
  ...w,
});
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('applyChange', () => {
  it('a contributor answers: the item becomes answered, compliance recorded', () => {
    const { next } = applyChange(
      spec({ dataType: 'boolean', expectedValue: true }),
      work(),
      { answer: { value: true, text: 'see cert' } },
      ['contributor'],
    );
    expect(next).toMatchObject({
      status: 'answered',
      answer: { value: true, text: 'see cert' },
      compliant: true,
    });
  });

  it('reviewers approve and reject; a rejection needs a comment', () => {
    const answered = work({ status: 'answered', answer: { value: 'x', text: null }, compliant: true });
    expect(applyChange(spec(), answered, { status: 'approved' }, ['reviewer']).next.status).toBe('approved');
    expect(
      errorOf(() => applyChange(spec(), answered, { status: 'approved' }, ['contributor'])),
    ).toBeInstanceOf(PermissionError);
    expect(errorOf(() => applyChange(spec(), answered, { status: 'rejected' }, ['reviewer']))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(
      applyChange(spec(), answered, { status: 'rejected', comment: 'wrong certificate' }, ['reviewer']).next,
    ).toMatchObject({
      status: 'rejected',
      lastComment: 'wrong certificate',
    });
  });

  it('an illegal transition is a conflict; a bid manager may override it', () => {
    expect(errorOf(() => applyChange(spec(), work(), { status: 'approved' }, ['reviewer']))).toBeInstanceOf(
      StateConflictError,
    );
    const forced = applyChange(spec(), work(), { status: 'approved' }, ['bid-manager']);
    expect(forced).toMatchObject({ override: true, next: { status: 'approved' } });
  });

  it('not applicable needs a justification, and an approved N/A is approved with notApplicable', () => {
    expect(
      errorOf(() => applyChange(spec(), work(), { status: 'not_applicable' }, ['contributor'])),
    ).toBeInstanceOf(InvalidInputError);
    const requested = applyChange(
      spec(),
      work(),
      { status: 'not_applicable', comment: 'we have no lot 2 staff' },
      ['contributor'],
    ).next;
    expect(requested).toMatchObject({ status: 'not_applicable', justification: 'we have no lot 2 staff' });
    expect(applyChange(spec(), requested, { status: 'approved' }, ['reviewer']).next).toMatchObject({
      status: 'approved',
      notApplicable: true,
    });
  });

  it('only bid managers assign owners and due dates', () => {
    expect(errorOf(() => applyChange(spec(), work(), { owner: 'bob' }, ['contributor']))).toBeInstanceOf(
      PermissionError,
    );
    expect(
      applyChange(spec(), work(), { owner: 'bob', dueAt: '2026-12-01T10:00:00Z' }, ['bid-manager']).next,
    ).toMatchObject({
      owner: 'bob',
      dueAt: '2026-12-01T10:00:00Z',
      status: 'open',
    });
  });

  it('a wrong-typed answer is refused naming answer.value', () => {
    const e = errorOf(() =>
      applyChange(spec({ dataType: 'number' }), work(), { answer: { value: 'many' } }, ['contributor']),
    );
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).errors).toEqual([
      { path: 'answer.value', message: 'expected a number, got string' },
    ]);
  });
});
