import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlineRulePacks } from '../../../../functions/domain/deadlines/rules.ts';
import { deadlineDocsFile, deadlineDocsText } from '../../../../infra/deadline-docs.ts';

describe('docs/deadlines.md', () => {
  it('is what `npm run docs:deadlines` writes from the packs (run it after changing a pack)', () => {
    expect(readFileSync(deadlineDocsFile, 'utf8')).toBe(deadlineDocsText());
  });

  it('lists every rule of every pack with its citation and verified flag', () => {
    const text = deadlineDocsText();
    for (const pack of deadlineRulePacks)
      for (const rule of pack.rules) {
        const row = text
          .split('\n')
          .find((l) => l.includes(`(\`${rule.id}\`)`) && l.includes(rule.citation.quote.slice(0, 20)));
        expect(row, `${pack.id}:${rule.id}`).toBeDefined();
        expect(row, `${pack.id}:${rule.id}`).toMatch(
          rule.citation.verified ? /\| yes \|$/ : /\| \*\*not verified\*\* \|$/,
        );
      }
  });
});
