import { LIMITS, refuse } from './limits.ts';

/**
 * JSON.parse behind a bound on what the text holds: one linear pass over the text, outside strings,
 * counts the nesting and the values (every `[`, `{` and `,` starts one) and stops at the first past
 * its limit — before any object is built, so a document nested a million deep or holding tens of
 * millions of values costs one scan, not the memory of its tree or a stack overflow in a reader after it.
 * Not JSON → JSON.parse's SyntaxError, as before.
 */
export function parseBoundedJson(text: string): unknown {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > LIMITS.jsonDepth) throw refuse.jsonDepth();
      if (++values > LIMITS.jsonValues) throw refuse.jsonValues();
    } else if (c === 0x2c) {
      if (++values > LIMITS.jsonValues) throw refuse.jsonValues();
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return JSON.parse(text);
}
