/**
 * The incremental markdown parse (`parseMarkdown` cuts the text into runs of blocks, parses and
 * caches each) gives exactly the tree a whole parse gives: over the parser fixtures, the real
 * documents beside the project when present, and the constructs that may not be cut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Nodes } from 'mdast';
import { chunkStarts, parseMarkdown, shifted } from '../../server/src/core/parse/markdown';
import { markdownDocumentFiles } from './helpers/documents';

const whole = unified().use(remarkParse).use(remarkGfm);

function same(text: string, what: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(parseMarkdown(text))), JSON.parse(JSON.stringify(whole.parse(text))), what);
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `**Concern ${i}:**\n- Issue: something ${i}\n- Files: \`src/a${i}.ts\` (lines 1-2)\n`).join('\n');

void test('fixtures and real documents parse the same incrementally, also as CRLF', () => {
  const files = markdownDocumentFiles();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const variant of [text, text.replace(/\n/g, '\r\n')]) same(variant, file);
  }
});

void test('constructs that span blank lines are never cut', () => {
  const cases = {
    fence: `${filler(80)}\n\`\`\`md\n# not a heading\n\n**Not a title**\n\n~~~\n\`\`\`\n\nAfter.\n${filler(10)}`,
    tildeFence: `${filler(80)}\n~~~\n\ntext at column 0\n\n\`\`\`\n~~~~\n\n${filler(10)}`,
    htmlComment: `${filler(80)}\n<!--\n\n# hidden\n\n-->\n\n${filler(10)}`,
    pre: `${filler(80)}\n<pre>\n\nliteral\n\n</pre>\n\n${filler(10)}`,
    looseList: `${filler(80)}\n- one\n\n- two\n\n1. three\n\n2) four\n\n${filler(10)}`,
    quote: `${filler(80)}\n> quoted\n\n> again\n\n${filler(10)}`,
    definitions: `${filler(80)}\nSee [the doc][doc].\n\n${filler(10)}\n[doc]: https://example.invalid\n`,
    footnote: `${filler(80)}\nSee[^1].\n\n${filler(10)}\n[^1]: a note\n`,
    table: `${filler(80)}\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n\n${filler(10)}`,
    unclosedFence: `${filler(80)}\n\`\`\`\n\n${filler(10)}`,
  };
  for (const [name, text] of Object.entries(cases)) same(text, name);
  assert.ok(chunkStarts(cases.fence).length > 1, 'a long document is cut');
  assert.equal(chunkStarts(cases.definitions).length, 1, 'a document with definitions is parsed whole');
});

void test('an edit reparses into the same tree as a whole parse, reusing the untouched runs', () => {
  let text = filler(200);
  same(text, 'before');
  for (let i = 0; i < 20; i++) {
    const at = text.indexOf(`something ${i * 7}`);
    text = `${text.slice(0, at)}x\n${text.slice(at)}`;
    same(text, `edit ${i}`);
  }
});

void test('a run\'s tree is moved to its place without recursion: a tree 200,000 levels deep is copied, the original left as it was', () => {
  // Deeper than any bounded document makes (limits.ts), so that a recursion per level would overflow.
  const depth = 200_000;
  const at = (offset: number) => ({ start: { line: 1, column: 1, offset }, end: { line: 1, column: 2, offset: offset + 1 } });
  const leaf: Nodes = { type: 'text', value: 'x', position: at(depth) };
  let node: Nodes = leaf;
  for (let i = depth - 1; i >= 0; i--) node = { type: 'emphasis', children: [node], position: at(i) };
  const copy = shifted(node, 10, 1000);
  let deepest: Nodes = copy;
  let levels = 0;
  while ('children' in deepest && deepest.children.length > 0) {
    assert.equal(deepest.position?.start.offset, levels + 1000);
    deepest = deepest.children[0]!;
    levels++;
  }
  assert.equal(levels, depth);
  assert.deepEqual([deepest.position?.start.offset, deepest.position?.start.line], [depth + 1000, 11]);
  assert.equal(leaf.position?.start.offset, depth, 'the original tree is not changed');
});
