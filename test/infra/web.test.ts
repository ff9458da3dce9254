import { describe, expect, it } from 'vitest';
import { synthesise } from './harness.ts';

const { stack, template } = synthesise();

describe('web', () => {
  it('synthesises', () => {
    expect(template.toJSON()).toBeDefined();
    expect(stack.web).toBeDefined();
  });
});
