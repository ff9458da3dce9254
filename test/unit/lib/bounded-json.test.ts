import { describe, expect, it } from 'vitest';
import { parseBoundedJson } from '../../../functions/lib/bounded-json.ts';
import { LIMITS, LimitExceededError } from '../../../functions/lib/limits.ts';
import { deepJson } from '../../support/hostile-files.ts';

const refusal = (text: string) => {
  try {
    parseBoundedJson(text);
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('JSON read behind bounds on depth and values', () => {
  it('reads a document at the limits as JSON.parse does, brackets and commas inside strings not counted', () => {
    const text = JSON.stringify({ a: '[[[{{{,,,', b: [1, { c: 'x\\"[' }] });
    expect(parseBoundedJson(text)).toEqual(JSON.parse(text));
    expect(parseBoundedJson(deepJson(LIMITS.jsonDepth))).toEqual(JSON.parse(deepJson(LIMITS.jsonDepth)));
  });

  it('refuses a document nested 1,000,000 deep with 422 naming the limit, without parsing it', () => {
    const error = refusal(deepJson(1_000_000));
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error).toMatchObject({ limit: 'jsonDepth', status: 422 });
    expect(String(error)).toMatch(/nested more than 64 levels deep; the limit is 64/);
  });

  it('refuses a document of more than 2,000,000 values with 422 naming the limit', () => {
    const error = refusal(`[${'0,'.repeat(LIMITS.jsonValues)}0]`);
    expect(error).toMatchObject({ limit: 'jsonValues', status: 422 });
    expect(String(error)).toMatch(/more than 2,000,000 values; the limit is 2,000,000/);
  });

  it('leaves what is not JSON to JSON.parse (a SyntaxError, answered 400 by its callers)', () => {
    expect(() => parseBoundedJson('{"a": [1, 2')).toThrow(SyntaxError);
  });
});
