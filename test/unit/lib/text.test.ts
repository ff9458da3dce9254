import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logLine } from '../../../functions/lib/log.ts';
import { oneLine, oneLineMax } from '../../../functions/lib/text.ts';

// Anything that ends a line, starts a record, or hides what a text is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is what is looked for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('oneLine', () => {
  it('turns CR, LF, NUL, NEL and the Unicode separators into one space, drops bidi overrides', () => {
    expect(oneLine('Bid\r\nEND:VEVENT\r\nBEGIN:VEVENT')).toBe('Bid END:VEVENT BEGIN:VEVENT');
    expect(oneLine('a\u0000b\u0085c\u2028d\u2029e\tf\u001bg')).toBe('a b c d e f g');
    expect(oneLine('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
    expect(oneLine('Поставка — ok, "quoted"; <b>')).toBe('Поставка — ok, "quoted"; <b>');
  });

  it('leaves no unsafe character and no lone surrogate, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = oneLine(s);
        expect(out).not.toMatch(UNSAFE);
        expect(out.isWellFormed()).toBe(true);
      }),
    );
  });

  it('oneLineMax cuts by characters, never half an emoji, with an ellipsis', () => {
    expect(oneLineMax('short', 99)).toBe('short');
    const cut = oneLineMax(`[critical] ${'😀'.repeat(200)}`, 99);
    expect([...cut]).toHaveLength(99);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('log lines', () => {
  it('a hostile message or field stays on one line and cannot replace the line’s own keys', () => {
    const line = logLine('info', 'alert\r\n{"level":"error"}\u2028forged', {
      title: 'x\ny\u2029z',
      level: 'error',
      message: 'forged',
      big: 10n,
    });
    expect(line.split(/\r\n|\r|\n|\u2028|\u2029/)).toHaveLength(1);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      level: 'info',
      message: 'alert\r\n{"level":"error"}\u2028forged',
      'field.level': 'error',
      'field.message': 'forged',
      title: 'x\ny\u2029z',
      big: '10',
    });
  });

  it('a value JSON cannot write (a cycle) does not throw', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => logLine('error', 'boom', { cyclic })).not.toThrow();
  });
});
