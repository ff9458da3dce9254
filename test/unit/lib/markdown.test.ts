import { toString as textOf } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { markdownBlock, markdownText } from '../../../functions/lib/markdown.ts';
import { HOSTILE_NAME, markdownStructure, parseMarkdown } from '../../support/markdown.ts';

const oneLineOf = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('markdownText and markdownBlock', () => {
  it('turn a hostile name into literal text: no heading, link, image, HTML, emphasis, code, list or extra cell', () => {
    const md = [
      `# Title: ${markdownText(HOSTILE_NAME)}`,
      '',
      `- Client: ${markdownText(HOSTILE_NAME)}`,
      '',
      '| a | b |',
      '|---|---|',
      `| ${markdownText(HOSTILE_NAME)} | x |`,
      '',
      markdownBlock(HOSTILE_NAME),
      '',
    ].join('\n');
    const s = markdownStructure(md);
    expect(s.headings).toHaveLength(1);
    expect(s.headings[0]?.startsWith('Title: Acme # Injected heading [click here](')).toBe(true);
    expect(s.images).toBe(0);
    expect(s.html).toEqual([]);
    expect(s.emphasis).toBe(0);
    expect(s.code).toBe(0);
    expect(s.rowCells).toEqual([2, 2]);
    // GFM links bare addresses whatever escapes them; such a link shows its own target, never other text
    for (const link of s.links) expect(link.url).toBe(link.text);
    expect(s.links.map((l) => l.text)).not.toContain('click here');
    const list = parseMarkdown(md).children.filter((n) => n.type === 'list');
    expect(list).toHaveLength(1);
  });

  it('reads back as the text that was typed', () => {
    const tree = parseMarkdown(`${markdownText(HOSTILE_NAME)}\n`);
    expect(textOf(tree)).toBe(oneLineOf(HOSTILE_NAME));
    const block = parseMarkdown(`${markdownBlock('First line *a*\n\n\n\n2. second <b>')}\n`);
    expect(block.children.map((n) => n.type)).toEqual(['paragraph', 'paragraph']);
    expect(textOf(block.children[1] ?? block)).toBe('2. second <b>');
  });

  it('drops line separators, bidi overrides and indentation that would open a code block', () => {
    expect(markdownText('a\u2028b\u202ec\r\n    d')).toBe('a bc d');
    expect(markdownBlock('    code?\n\t- item?')).toBe('code?\n\\- item?');
  });
});
