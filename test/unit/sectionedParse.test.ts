/**
 * The sectioned parse (each top-level section parsed alone and kept by its text) gives exactly
 * the model a whole walk gives: over the model fixtures, the real documents beside the project
 * when present, their CRLF variants, and edits anywhere in them; and it reuses what an edit did
 * not touch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseConcernsDocument, parseConcernsDocumentWhole } from '../../server/src/core/parse/document';
import { markdownDocumentFiles, randomEdit, seededInts } from './helpers/documents';

function documents(): { file: string; text: string }[] {
  return markdownDocumentFiles().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
}

function same(text: string, what: string): void {
  assert.deepEqual(parseConcernsDocument(text), parseConcernsDocumentWhole(text), what);
}

/** A long GSD-style document: several categories, repeated titles, a table, a heading concern. */
function generated(n: number, groups = true): string {
  const out = ['# Codebase Concerns', '', '**Analysis Date:** 2025-01-15', ''];
  const categories = ['Tech Debt', 'Known Bugs', 'Security Considerations', 'Performance Bottlenecks', 'Test Coverage Gaps'];
  for (let c = 0; c < categories.length; c++) {
    out.push(`## ${categories[c]}`, '');
    for (let i = 0; i < n; i++) {
      out.push(`**${i % 7 === 0 ? 'Repeated title' : `Concern ${c}-${i}`}:**`, `- Issue: something at \`src/m${i}.ts\` (lines ${i + 1}-${i + 3})`, `- Files: \`src/m${i}.ts\``, '- Fix approach: split it', '');
    }
    if (groups) out.push(`### Grouped under ${categories[c]}`, '', '| File | Issue |', '|---|---|', `| \`src/t${c}.ts\` | a table row |`, '');
  }
  return out.join('\n');
}

void test('fixtures and real documents: the sectioned parse equals the whole walk, also as CRLF', () => {
  const docs = documents();
  assert.ok(docs.length >= 38, 'the model fixtures are there');
  for (const { file, text } of docs) {
    same(text, file);
    same(text.replace(/\r?\n/g, '\r\n'), `${file} (CRLF)`);
  }
});

void test('edits anywhere, including ones that add or remove headings and lines, parse as a whole walk does', () => {
  const rand = seededInts(7);
  const inserts = ['x', '\n', '\n\n## New Category\n\n', '\n### Sub heading\n', '**Title:**\n- Issue: `a.ts:3`\n', '\n```\n', '# ', '~~', '| a | b |\n|---|---|\n'];
  for (const { file, text: original } of [...documents().slice(0, 12), { file: 'generated', text: generated(40) }]) {
    let text = original;
    for (let i = 0; i < 25; i++) {
      text = randomEdit(text, rand, inserts, 3, 40);
      same(text, `${file} after edit ${i}`);
    }
  }
});

void test('an edit in one section keeps every other section\'s concerns as the same objects', () => {
  const text = generated(30);
  const before = parseConcernsDocument(text);
  const at = text.indexOf('Concern 2-5');
  const edited = text.slice(0, at) + 'Edited ' + text.slice(at);
  const after = parseConcernsDocument(edited);
  assert.deepEqual(after, parseConcernsDocumentWhole(edited));
  const reused = after.concerns.filter((c, i) => c === before.concerns[i]).length;
  const edited2 = after.concerns.filter((c) => c.category === 'Security Considerations');
  assert.ok(edited2.length > 30);
  assert.equal(reused, after.concerns.length - edited2.length, 'only the edited section was parsed again');
  // A line added above a section moves its concerns (new objects, shifted ranges), nothing else.
  const moved = parseConcernsDocument(edited.replace('**Analysis Date:**', '\n**Analysis Date:**'));
  assert.equal(moved.concerns[0]!.range.start.line, after.concerns[0]!.range.start.line + 1);
  assert.notEqual(moved.concerns[0], after.concerns[0]);
});

void test('a section of bold-titled concerns is read concern by concern: an edit makes one new concern object', () => {
  const text = generated(30, false);
  const before = parseConcernsDocument(text);
  const at = text.indexOf('something at', text.indexOf('**Concern 2-5:**'));
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const after = parseConcernsDocument(edited);
  assert.deepEqual(after, parseConcernsDocumentWhole(edited));
  const fresh = after.concerns.filter((c, i) => c !== before.concerns[i]);
  assert.deepEqual(fresh.map((c) => c.title), ['Concern 2-5']);
  // A line added inside the section moves the concerns below it; those above are kept (but the
  // one the blank line is appended to, whose text changed).
  const moved = parseConcernsDocument(edited.replace('**Concern 2-5:**', '\n**Concern 2-5:**'));
  assert.deepEqual(moved, parseConcernsDocumentWhole(edited.replace('**Concern 2-5:**', '\n**Concern 2-5:**')));
  const index = after.concerns.findIndex((c) => c.title === 'Concern 2-5');
  assert.ok(moved.concerns.slice(0, index - 1).every((c, i) => c === after.concerns[i]));
  assert.ok(moved.concerns.slice(index).every((c, i) => c !== after.concerns[index + i] && c.range.start.line === after.concerns[index + i]!.range.start.line + 1));
});

/**
 * A long document whose last section has one `###` with `- **Weak spot**:` items: field labels
 * when other headings of the document open items with them too, titles of a group otherwise.
 */
function sharedLabelDocument(labelled: boolean): string {
  const out = ['# Codebase Concerns', ''];
  for (let c = 0; c < 4; c++) {
    out.push(`## Area ${c}`, '');
    for (let i = 0; i < 12; i++) {
      const label = labelled ? 'Weak spot' : `Spot ${c}-${i}`;
      out.push(`### Concern ${c}-${i}`, `- **${label}**: \`src/a${c}/m${i}.ts\` keeps state across requests`, `- Impact: a long line of prose about what goes wrong here, ${c}-${i}`, '');
    }
  }
  out.push('## Platform', '', '### Printing depends on one OS', '- **Weak spot**: `src/print.ts`', '- **Could break**: every other platform', '');
  return out.join('\n');
}

void test('labels shared with other sections are part of a section\'s key: an edit elsewhere rereads it', () => {
  const shared = sharedLabelDocument(true);
  assert.ok(shared.length > 4096, 'long enough to be parsed section by section');
  const first = parseConcernsDocument(shared);
  assert.deepEqual(first, parseConcernsDocumentWhole(shared));
  // Shared with the other headings: the labels are the concern's fields.
  assert.deepEqual(first.concerns.filter((c) => c.category === 'Platform').map((c) => c.title), ['Printing depends on one OS']);
  // The other sections' labels edited away: the last section's text is the same, its reading is not.
  const alone = sharedLabelDocument(false);
  assert.equal(alone.slice(alone.indexOf('## Platform')), shared.slice(shared.indexOf('## Platform')));
  const second = parseConcernsDocument(alone);
  assert.deepEqual(second, parseConcernsDocumentWhole(alone));
  assert.deepEqual(second.concerns.filter((c) => c.category === 'Platform').map((c) => c.title), ['Weak spot', 'Could break']);
  // And back: the first reading again.
  assert.deepEqual(parseConcernsDocument(shared), first);
});

void test('several `#` headings, the first naming the document: the title, the others categories, section by section too', () => {
  const long = (first: string) =>
    [first, '', '**Analysis Date:** 2026-03-02', '', '- Scope: the web client', ''].join('\n') +
    generated(20, false)
      .replace(/^# Codebase Concerns\n\n\*\*Analysis Date:\*\* 2025-01-15\n/, '')
      .replace(/^## /gm, '# ');
  const titled = long('# Codebase Concerns');
  const doc = parseConcernsDocument(titled);
  assert.deepEqual(doc, parseConcernsDocumentWhole(titled));
  assert.equal(doc.title, 'Codebase Concerns');
  assert.equal(doc.analysisDate, '2026-03-02');
  assert.deepEqual([...new Set(doc.concerns.map((c) => c.category))], ['Tech Debt', 'Known Bugs', 'Security Considerations', 'Performance Bottlenecks', 'Test Coverage Gaps']);
  // A first `#` that names a category is one: no title, its concerns kept.
  const untitled = long('# Security Concerns');
  const other = parseConcernsDocument(untitled);
  assert.deepEqual(other, parseConcernsDocumentWhole(untitled));
  assert.equal(other.title, undefined);
  assert.deepEqual([other.concerns[0]!.category, other.concerns[0]!.title], ['Security Concerns', 'Scope: the web client']);
  assert.equal(other.concerns.length, doc.concerns.length + 1);
});

void test('a document written one concern per section: an edit that makes it so, or no longer so, reads every section again the same way as a whole walk', () => {
  const sections = (n: number) =>
    Array.from({ length: n }, (_, i) => [`## ⚠️ Problem number ${i} in the engine`, '', `\`engine/m${i}.py\` keeps state.`, '', '**Recommendation:** split it.', ''].join('\n')).join('\n');
  const bullets = ['## ⚠️ Test Coverage Gap', '', '- **179 test files** but only 12 run', '- Some files are empty', ''].join('\n');
  const three = `# Known Concerns\n\n${sections(3)}\n${bullets}`;
  const one = `# Known Concerns\n\n${sections(1)}\n${bullets}`;
  const inMode = parseConcernsDocument(three);
  assert.deepEqual(inMode, parseConcernsDocumentWhole(three));
  assert.deepEqual(inMode.concerns.map((c) => [c.category, c.title]).slice(-1), [['', 'Test Coverage Gap']]);
  // Two sections gone: one concern per section no longer holds, its bullets are concerns again.
  const out = parseConcernsDocument(one);
  assert.deepEqual(out, parseConcernsDocumentWhole(one));
  assert.deepEqual(out.concerns.filter((c) => c.category.includes('Test Coverage Gap')).length, 2);
  // And back: the first reading again.
  assert.deepEqual(parseConcernsDocument(three), inMode);
});
