// Issue 14, items 4 and 7: documents that crashed the parser (deep nesting) or cost it tens of
// seconds and gigabytes (a line of 1.9 million characters, a table of 100,000 rows, a million
// backticks, nested brackets), generated here under the size cap. Each is parsed into a model
// with a note saying what was not read; the rest of the document is read as usual. Timings are
// printed by `npm run bench:pathological`, not asserted here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { limitStructure, MAX_BLOCKS, MAX_INDENT, MAX_LINE_CHARS, MAX_LINE_DELIMITERS, MAX_NESTING, MAX_PARAGRAPH_DELIMITERS, MAX_TABLE_ROWS, parseSqueezed, TABLE_ROW_WEIGHT } from '../../server/src/core/parse/limits';
import { parseConcernsDocument, parseConcernsDocumentWhole } from '../../server/src/core/parse/document';
import { TOO_DEEP_MESSAGE, unlessTooDeep } from '../../server/src/core/parse/overflow';
import { SourceText } from '../../server/src/core/parse/source';
import { backticks, hugeTable, longReferenceLine, manyTables, nestedBrackets, nestedListMarkers, nestedMarksOverLines, nestedQuotes, tinyListConcerns } from './helpers/pathological';
import { tempWorkspace } from './helpers/tempWorkspace';

/** A sound concern after the pathological part: it must still be read, at its own lines. */
const AFTER = '\n## Security\n\n**Sound concern after it:**\n- Issue: control\n- Files: `src/ok.py` (lines 1-2)\n';

function soundConcern(text: string) {
  const doc = parseConcernsDocument(text);
  const concern = doc.concerns.find((c) => c.title === 'Sound concern after it');
  assert.ok(concern, `the concern after the pathological part is read: ${JSON.stringify(doc.concerns.map((c) => c.title).slice(0, 5))}`);
  const source = new SourceText(text);
  assert.equal(source.textIn(concern.titleRange), '**Sound concern after it:**', 'at its own place in the text');
  const ref = concern.references[0];
  assert.equal(ref && source.textIn(ref.range), '`src/ok.py` (lines 1-2)');
  return doc;
}

const noteMatching = (doc: ReturnType<typeof parseConcernsDocument>, pattern: RegExp) => doc.notes.find((n) => pattern.test(n.message));

void test('deep nesting: 4,000 nested list markers and 10,000 `>` parse (no stack overflow), with a note at the line', () => {
  for (const [name, body] of [
    ['list markers', nestedListMarkers()],
    ['quotes', nestedQuotes()],
    ['quotes on 1,500 lines', Array.from({ length: 1500 }, (_, i) => `${'>'.repeat(i + 1)} a`).join('\n') + '\n'],
    ['indented lists', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n') + '\n'],
    ['mixed', `${'> - 1. '.repeat(2000)}x\n`],
  ] as const) {
    const text = body + AFTER;
    const doc = soundConcern(text);
    const note = noteMatching(doc, new RegExp(`Nesting deeper than ${MAX_NESTING} levels|indented more than`));
    assert.ok(note, `${name}: a note says the nesting was not read: ${JSON.stringify(doc.notes)}`);
    assert.equal(note.severity, 'warning');
    // On the first line past a bound: more than MAX_NESTING markers, or indented past MAX_INDENT.
    const pastBound = new RegExp(`^(?:[ \\t]*(?:>|[-*+1](?:\\.)?(?=[ \\t]))){${MAX_NESTING + 1}}|^ {${MAX_INDENT + 1}}`);
    const first = text.split('\n').findIndex((l) => pastBound.test(l));
    assert.equal(note.range.start.line, first, `${name}: the note is on the first line past the bound`);
    // The sectioned parse and the whole parse agree (both read the bounded text).
    assert.deepEqual(parseConcernsDocumentWhole(text).concerns.map((c) => c.id), doc.concerns.map((c) => c.id), name);
  }
});

void test('nesting up to the bound is read as structure: a concern list 6 levels deep is unchanged', () => {
  const text = '# C\n\n## Tech Debt\n\n' + Array.from({ length: 6 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + '\n';
  assert.equal(limitStructure(text).text, text);
  assert.deepEqual(limitStructure(text).cuts, []);
});

void test('a concern naming 500 references on one line keeps them all (no line cut)', () => {
  const refs = Array.from({ length: 500 }, (_, i) => `\`src/module${i}/file${i}.py\` (lines ${i + 1}-${i + 9})`).join(', ');
  const doc = parseConcernsDocument(`# C\n\n## Tech Debt\n\n**Many files:**\n- Issue: x\n- Files: ${refs}\n`);
  assert.deepEqual(doc.notes, []);
  assert.equal(doc.concerns[0]?.references.length, 500);
});

void test(`a single line of 1.9 million characters of references is read up to its first ${MAX_LINE_CHARS.toLocaleString('en-US')} characters, with a note`, () => {
  const text = longReferenceLine() + AFTER;
  const doc = soundConcern(text);
  assert.ok(noteMatching(doc, new RegExp(`longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters`)), JSON.stringify(doc.notes));
  const first = doc.concerns.find((c) => c.title === 'One long line');
  assert.ok(first && first.references.length > 100 && first.references.every((r) => r.range.end.character <= MAX_LINE_CHARS), 'the references of the line up to the cap are read');
});

void test(`a table of 100,000 rows: its first ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows are read, a note says the rest was not`, () => {
  const text = hugeTable() + AFTER;
  const doc = soundConcern(text);
  const note = noteMatching(doc, /table has more than 2,000 rows/);
  assert.ok(note, JSON.stringify(doc.notes));
  assert.equal(note.range.start.line, 4 + 2 + MAX_TABLE_ROWS, 'at the first row not read');
  assert.equal(doc.concerns.filter((c) => /^c\d+$/.test(c.title)).length, MAX_TABLE_ROWS);
});

void test('a million backticks and 500,000 nested `[(` parse, each with a note', () => {
  for (const text of [backticks() + AFTER, nestedBrackets() + AFTER]) {
    const doc = soundConcern(text);
    assert.ok(noteMatching(doc, /longer than|emphasis or link marks/), JSON.stringify(doc.notes));
  }
});

void test(`a long line of emphasis and link marks (under the line cap) is read up to its ${MAX_LINE_DELIMITERS}th mark, with a note`, () => {
  const text = `# C\n\n## Tech Debt\n\n**T:**\n- Issue: ${'*a [b '.repeat(MAX_LINE_DELIMITERS)}\n` + AFTER;
  const doc = soundConcern(text);
  assert.ok(noteMatching(doc, new RegExp(`more than ${MAX_LINE_DELIMITERS.toLocaleString("en-US")} emphasis or link marks`)), JSON.stringify(doc.notes));
});

void test('blanks squeezed out of micromark keep every position: a concern after 200,000 trailing blanks is where it is', () => {
  // What the bounds blank stays as blanks in the line; micromark is given the line without them
  // and the tree's offsets are put back. Here the blanks are written, not made by a cut.
  const text = `# C\n\n## Tech Debt\n\n**First:**${' '.repeat(200_000)}\n- Issue: one${' '.repeat(100)}\n- Files: \`a.py\` (line 1)\n` + AFTER;
  const doc = soundConcern(text);
  const source = new SourceText(text);
  const first = doc.concerns.find((c) => c.title === 'First');
  assert.ok(first);
  assert.equal(source.textIn(first.references[0]!.range), '`a.py` (line 1)');
  assert.equal(source.textIn(first.fields.find((f) => f.name === 'issue')!.range).trim(), '- Issue: one');
});

void test('the bounds cut nothing in the fixture documents', async () => {
  const { markdownDocumentFiles } = await import('./helpers/documents');
  const fs = await import('node:fs');
  for (const file of markdownDocumentFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(limitStructure(text).cuts, [], file);
  }
});

void test('a stack overflow while reading is an error note of its own, never a throw; other errors are thrown', () => {
  const recurse = (n: number): number => (n === 0 ? 0 : 1 + recurse(n + 1));
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const result = unlessTooDeep(() => ({ notes: [], value: recurse(1) }), (note) => ({ notes: [note], value: -1 }), at);
  assert.equal(result.value, -1);
  assert.equal(result.notes[0]?.message, TOO_DEEP_MESSAGE);
  assert.throws(() => unlessTooDeep(() => { throw new TypeError('a bug'); }, () => 0, at), TypeError);
});

void test('the command line: a deeply nested document gets its note and exit code 0; the other document is printed as usual', async (t) => {
  const root = tempWorkspace(t, {
    'a/.planning/codebase/CONCERNS.md': nestedListMarkers() + nestedQuotes(),
    'b/.planning/codebase/CONCERNS.md': '# C\n\n## Tech Debt\n\n**Sound:**\n- Issue: x\n- Files: `src/ok.py`\n',
    'b/src/ok.py': 'x\n',
  }, 'concerns-limits-');
  let out = '';
  let err = '';
  const code = await runCli(['index', '--root', root, '--doc', 'a/.planning/codebase/CONCERNS.md', '--doc', 'b/.planning/codebase/CONCERNS.md', '--json', '--no-git'], { cwd: root, out: (s) => (out += s), err: (s) => (err += s) });
  assert.equal(code, 0, err);
  const json = JSON.parse(out) as { documents: { path: string; concerns: { title: string }[]; notes: { message: string }[] }[] };
  const [a, b] = json.documents;
  assert.ok(a?.notes.some((n) => /Nesting deeper than/.test(n.message)), JSON.stringify(a?.notes));
  assert.deepEqual(b?.concerns.map((c) => c.title), ['Sound']);
});

void test(`100,000 one-line list concerns: the first ${MAX_BLOCKS.toLocaleString('en-US')} blocks are read, a note says where the rest begins`, () => {
  const text = tinyListConcerns();
  const doc = parseConcernsDocument(text);
  const note = noteMatching(doc, new RegExp(`more than ${MAX_BLOCKS.toLocaleString('en-US')} blocks`));
  assert.ok(note, JSON.stringify(doc.notes));
  assert.equal(note.severity, 'warning');
  const lines = text.split('\n');
  const firstItem = lines.findIndex((l) => l.startsWith('- '));
  // Blocks before the list: the title, the category heading; each item is one.
  assert.equal(note.range.start.line, firstItem + MAX_BLOCKS - 2, 'at the first item not read');
  const titles = doc.concerns.map((c) => c.title);
  assert.equal(titles.length, MAX_BLOCKS - 2);
  assert.ok(titles.every((t, i) => t.startsWith(`C${i} `)), 'every item before the cut, in order');
});

void test('the block bound cuts a document of bold-titled concerns at a title, never inside a concern', () => {
  const concern = (i: number) => `**Concern ${i}:**\n- Issue: x\n- Files: \`src/f${i}.py\` (lines 1-2)\n- Impact: y\n- Fix approach: z\n`;
  const text = `# Codebase Concerns\n\n## Tech Debt\n\n${Array.from({ length: 3000 }, (_, i) => concern(i)).join('\n')}`;
  const doc = parseConcernsDocument(text);
  const note = noteMatching(doc, new RegExp(`more than ${MAX_BLOCKS.toLocaleString('en-US')} blocks`));
  assert.ok(note, JSON.stringify(doc.notes));
  const last = doc.concerns.at(-1)!;
  assert.deepEqual(last.fields.map((f) => f.name), ['issue', 'files', 'impact', 'fixApproach'], 'the last concern read is whole');
  assert.equal(last.references.length, 1);
  assert.match(text.split('\n')[note.range.start.line]!, /^\*\*Concern \d+:\*\*$/, 'the note is on the title of the first concern not read');
  assert.equal(doc.concerns.length, Math.floor((MAX_BLOCKS - 2) / 5));
  // The sectioned parse and the whole parse read the same bounded text.
  assert.deepEqual(parseConcernsDocumentWhole(text).concerns.map((c) => c.id), doc.concerns.map((c) => c.id));
});

void test('table rows weigh more than list items in the block bound; rows a table bound blanks weigh nothing', () => {
  const doc = parseConcernsDocument(manyTables());
  const note = noteMatching(doc, new RegExp(`more than ${MAX_BLOCKS.toLocaleString('en-US')} blocks`));
  assert.ok(note, JSON.stringify(doc.notes));
  // Two headings, then 2,002 rows of the first table (its header and delimiter rows too: the
  // table bound blanks the rest) and of the second as many as fit, at TABLE_ROW_WEIGHT a row.
  const read = doc.concerns.map((c) => c.title);
  assert.ok(read.includes('t0c1999') && !read.includes('t0c2000'), 'the first table up to its own bound');
  assert.ok(read.includes('t1c0') && !read.includes('t1c1999'), 'the second table up to the document bound');
  assert.equal(read.length, 2000 + Math.floor((MAX_BLOCKS - 2 - 2002 * TABLE_ROW_WEIGHT) / TABLE_ROW_WEIGHT) - 2, JSON.stringify(read.slice(-3)));
});

void test(`a paragraph nesting thousands of emphasis and link marks over short lines is read up to its ${MAX_PARAGRAPH_DELIMITERS.toLocaleString('en-US')}th mark, with a note`, () => {
  const text = nestedMarksOverLines() + AFTER;
  const doc = soundConcern(text);
  const note = noteMatching(doc, new RegExp(`paragraph holds more than ${MAX_PARAGRAPH_DELIMITERS.toLocaleString('en-US')} emphasis or link marks`));
  assert.ok(note, JSON.stringify(doc.notes));
  // 20 runs of marks a line, the first line of the paragraph holding the field label's too.
  assert.equal(note.range.start.line, 5 + Math.floor(MAX_PARAGRAPH_DELIMITERS / 20));
  assert.ok(doc.concerns.some((c) => c.title === 'Marks'));
});

void test('a paragraph bound resets at each block: many list items and table rows with a few marks each are read whole', () => {
  const items = Array.from({ length: 600 }, (_, i) => `- **Item ${i}** with *emphasis* and a [link](u${i})`).join('\n');
  const rows = Array.from({ length: 600 }, (_, i) => `| **c${i}** _x_ [l](u) | f.ts |`).join('\n');
  const text = `# C\n\n## Tech Debt\n\n${items}\n\n| Concern | Files |\n|---|---|\n${rows}\n`;
  assert.deepEqual(limitStructure(text).cuts, []);
});

void test('blank lines squeezed out of micromark leave the same tree, by offsets: stretches of blank lines anywhere in the fixture documents', async () => {
  const { markdownDocumentFiles, seededInts } = await import('./helpers/documents');
  const fs = await import('node:fs');
  const processor = unified().use(remarkParse).use(remarkGfm);
  // Node types and offsets, depth first (line numbers are not put back, and no value is read
  // from the tree: a code block's text is taken from the document).
  const shape = (root: Root) => {
    const out: string[] = [];
    const stack: Nodes[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      const extra = node.type === 'list' ? `${String(node.spread)}${String(node.ordered)}` : node.type === 'listItem' ? String(node.spread) : node.type === 'heading' ? String(node.depth) : '';
      out.push(`${node.type}${extra}@${node.position?.start.offset}-${node.position?.end.offset}`);
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return out;
  };
  const rand = seededInts(14);
  let stretches = 0;
  for (const file of markdownDocumentFiles()) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // Stretches of 3 to 40 blank lines (some with blanks, some CRLF) at random line boundaries.
    for (let k = 0; k < 6; k++) {
      const at = rand(lines.length + 1);
      const blank = rand(3) === 0 ? ' '.repeat(rand(100)) : '';
      lines.splice(at, 0, ...Array.from({ length: 3 + rand(38) }, () => (rand(4) === 0 ? `${blank}\r` : blank)));
      stretches++;
    }
    // The parser is given a byte-order mark as a blank (preprocess.ts).
    const text = lines.join('\n').replace(/^\uFEFF/, ' ');
    assert.deepEqual(shape(parseSqueezed(text, (t) => processor.parse(t))), shape(processor.parse(text)), file);
  }
  assert.ok(stretches > 100);
});
