import { describe, expect, it } from 'vitest';
import { failureOf, readableCause } from '../../../functions/lib/task-failure.ts';

describe('a caught workflow error as the records keep it', () => {
  it("keeps a Lambda error's message, not its JSON envelope and trace", () => {
    const cause = JSON.stringify({
      errorType: 'InvalidInputError',
      errorMessage: 'the document has no contracting process ocds-1',
      trace: ['at handler (/var/task/index.mjs:1:1)'],
    });
    expect(failureOf({ Error: 'InvalidInputError', Cause: cause })).toEqual({
      error: 'InvalidInputError',
      cause: 'the document has no contracting process ocds-1',
    });
  });

  it('keeps a plain message as it is, spells out anything else, and caps the cause at 2,000 characters', () => {
    expect(readableCause('Lambda.Unknown: task timed out')).toBe('Lambda.Unknown: task timed out');
    expect(readableCause('{"not":"a lambda error"}')).toBe('{"not":"a lambda error"}');
    expect(readableCause({ code: 500 })).toBe('{"code":500}');
    expect(readableCause(undefined)).toBe('null');
    expect(failureOf({ Error: 'States.Timeout', Cause: 'x'.repeat(5000) }).cause).toHaveLength(2000);
  });
});
