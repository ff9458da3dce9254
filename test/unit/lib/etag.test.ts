import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/lib/errors.ts';
import { etagOf, ifMatchVersion } from '../../../functions/lib/etag.ts';

const refusal = (header: string | undefined) => {
  try {
    ifMatchVersion(header);
  } catch (e) {
    if (e instanceof HttpError) return e;
    throw e;
  }
  throw new Error(`If-Match ${header} was accepted`);
};

describe('If-Match on writes', () => {
  it('takes a strong ETag, as GET answers it', () => {
    expect(etagOf(3)).toBe('"3"');
    expect(ifMatchVersion('"3"')).toBe(3);
    expect(ifMatchVersion(' "12" ')).toBe(12);
  });

  it.each(['W/"1"', 'w/"1"', ' W/"3" '])(
    'refuses the weak validator %s with 412 naming the rule',
    (header) => {
      const e = refusal(header);
      expect(e.status).toBe(412);
      expect(e.message).toMatch(/must be a strong ETag.*weak validator/);
      expect(e.errors).toEqual([
        { path: 'header:If-Match', message: 'a weak validator (W/"…") never matches a write' },
      ]);
    },
  );

  it('answers 428 without If-Match and 400 for something that is not an ETag', () => {
    expect(refusal(undefined).status).toBe(428);
    expect(refusal('3').status).toBe(400);
    expect(refusal('*').status).toBe(400);
  });
});
