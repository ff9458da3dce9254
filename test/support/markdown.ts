import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString as textOf } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

/** A Markdown document as GitHub Flavored Markdown reads it (micromark, the parser behind react-markdown). */
export const parseMarkdown = (md: string): Root =>
  fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/**
 * What a document's structure is, as a renderer sees it: its headings' texts, every link (target and
 * text), images, raw HTML, emphasis, the column count of each table row, and list items' texts.
 */
export function markdownStructure(md: string) {
  const out = {
    headings: [] as string[],
    links: [] as { url: string; text: string }[],
    images: 0,
    html: [] as string[],
    emphasis: 0,
    rowCells: [] as number[],
    code: 0,
  };
  const walk = (node: Nodes) => {
    if (node.type === 'heading') out.headings.push(textOf(node));
    if (node.type === 'link') out.links.push({ url: node.url, text: textOf(node) });
    if (node.type === 'image' || node.type === 'imageReference') out.images++;
    if (node.type === 'html') out.html.push(node.value);
    if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete') out.emphasis++;
    if (node.type === 'tableRow') out.rowCells.push(node.children.length);
    if (node.type === 'code' || node.type === 'inlineCode') out.code++;
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(parseMarkdown(md));
  return out;
}

/** A name that tries to inject a heading, a link, an image, HTML, emphasis, a table cell and a list. */
export const HOSTILE_NAME =
  'Acme\n# Injected heading [click here](https://evil.example/phish) ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)><script>alert(1)</script> **loud** _quiet_ ~~gone~~ | extra | cell | &lt;b&gt; `code`\n- injected item\n    indented code\n> quoted\n1. numbered\n===';
