/**
 * Hostile documents: property-based tests (fast-check) of the parser, the reference extractor and
 * the line-spec reader, and 100 KB adversarial inputs through every public function that runs a
 * regular expression on document text, timed at 25 KB and 100 KB to show linear scaling.
 *
 * Properties: never throws; terminates within a bound per run; every range is well formed (start
 * ≤ end, on a line of the text, at most at the end of that line); ids unique per document; line
 * ranges positive. Inputs: documents generated from a grammar of the forms concerns documents
 * use, random strings, and mutations (lines and characters deleted, duplicated, inserted) of the
 * fixture documents. Each test logs what it tried; the file ends with a summary.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Range } from 'vscode-languageserver-types';
import type { ConcernsDocument } from '../../server/src/core/model';
import { clearParseCaches, MAX_REFERENCES_PER_CONCERN, parseConcernsDocument } from '../../server/src/core/parse/document';
import { MAX_DOCUMENT_CHARS } from '../../server/src/core/parse/preprocess';
import { extractReferences, parseLineSpec } from '../../server/src/core/extract/references';
import { cleanTitle, concernTitle, readLabel } from '../../server/src/core/parse/labels';
import { readHeader } from '../../server/src/core/parse/header';
import { classifyTable } from '../../server/src/core/parse/tables';
import { isPlaceholder, isResolvedTitle, severityFromEmoji, severityFromSection, severityFromValue } from '../../server/src/core/parse/markers';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { documentDiagnostics } from '../../server/src/core/features/documentDiagnostics';
import { codeDiagnostics } from '../../server/src/core/features/diagnostics';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'model');
const RUN_BOUND_MS = 2_000;
/** remark parses dense hostile markdown at roughly 1 s per 100 KB on a slow, busy machine. */
const PARSE_100KB_BOUND_MS = 10_000;
const counts = { generated: 0, random: 0, mutated: 0, lineSpecs: 0, extracted: 0, adversarial: 0, ranges: 0, failures: 0 };

after(() => {
  console.log(
    `reliability summary (hostile documents): ${counts.generated} generated documents, ${counts.random} random strings, ${counts.mutated} mutated fixtures, ` +
      `${counts.lineSpecs} line specs, ${counts.extracted} extractor inputs, ${counts.adversarial} adversarial 100 KB runs, ${counts.ranges} ranges checked, ${counts.failures} failures`,
  );
});

// ---- checks ------------------------------------------------------------------------------------

/** Line lengths the way an editor counts lines: `\r\n`, `\r` and `\n` all end one. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertRange(range: Range, lengths: number[], what: string): void {
  counts.ranges++;
  const { start, end } = range;
  assert.ok(start.line >= 0 && start.character >= 0, `${what}: negative ${JSON.stringify(range)}`);
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: start after end ${JSON.stringify(range)}`);
  assert.ok(end.line < lengths.length, `${what}: line ${end.line} past the last line ${lengths.length - 1}`);
  assert.ok(start.character <= lengths[start.line]! && end.character <= lengths[end.line]!, `${what}: character past the line's end ${JSON.stringify(range)} (lengths ${lengths[start.line]}, ${lengths[end.line]})`);
}

function assertWellFormed(text: string, doc: ConcernsDocument): void {
  const lengths = lineLengths(text);
  const ids = new Set<string>();
  for (const note of doc.notes) assertRange(note.range, lengths, `note "${note.message}"`);
  for (const c of doc.concerns) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.ok(c.title.length > 0, 'a concern has a title');
    assertRange(c.range, lengths, `concern ${c.id}`);
    assertRange(c.titleRange, lengths, `title of ${c.id}`);
    for (const f of c.fields) assertRange(f.range, lengths, `field ${f.name} of ${c.id}`);
    assert.ok(c.references.length <= MAX_REFERENCES_PER_CONCERN, 'references capped');
    for (const r of c.references) {
      assertRange(r.range, lengths, `reference ${r.text} of ${c.id}`);
      assert.ok(r.path.length > 0, 'a reference has a path');
      for (const lr of r.ranges) assert.ok(Number.isInteger(lr.start) && lr.start >= 1 && lr.start <= lr.end, `line range ${JSON.stringify(lr)}`);
    }
  }
}

/** Parse within the bound, then check everything the model says. */
function parseChecked(text: string): ConcernsDocument {
  const t0 = performance.now();
  let doc: ConcernsDocument;
  try {
    doc = parseConcernsDocument(text);
  } catch (error) {
    counts.failures++;
    throw error;
  }
  const ms = performance.now() - t0;
  assert.ok(ms < RUN_BOUND_MS, `parse took ${ms.toFixed(0)} ms for ${text.length} chars`);
  assertWellFormed(text, doc);
  return doc;
}

// ---- generators --------------------------------------------------------------------------------

const word = fc.constantFrom('auth', 'Token', 'cache', 'SQL', 'N+1', 'race', 'legacy', 'TODO', '问题', '文件', 'résumé', '🔴', '✅', '~~old~~', '(RESOLVED)', 'High', 'Critical', 'x', '');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const pathLike = fc.constantFrom('src/auth.py', 'lib/**/*.ts', 'core/queries/', '../etc/passwd', '~/.ssh/id_rsa', '/Users/me/repo/src/x.py', 'C:\\repo\\x.cs', 'terminal.tsx', 'a b/c.md', 'x.py', '.env', 'pkg/*.{ts,tsx}');
const lineSpec = fc.constantFrom('', ':12', ':97-99', ':100, 155', ' (line 346)', ' (lines 83-98)', ' (lines 1235–end)', ' (~line 2508, 2529)', ' lines 98, 127', ' (lines 1823+ note)', ':0', ' (line 99999999999)', ' (lines 5-2)');
const reference = fc.tuple(pathLike, lineSpec, fc.boolean()).map(([p, spec, quoted]) => (quoted ? `\`${p}${spec.startsWith(':') ? spec : ''}\`${spec.startsWith(':') ? '' : spec}` : `${p}${spec}`));
const field = fc.constantFrom('Issue', 'Files', 'Fix approach', 'Impact', 'Risk', 'Priority', 'Status', 'Current mitigation', '文件', '问题', 'Location', 'Why fragile');
const fieldValue = fc.array(fc.oneof(words, reference), { minLength: 0, maxLength: 4 }).map((parts) => parts.join(', '));
const unicode = fc.string({ unit: 'grapheme', maxLength: 40 });

const line = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 5 }), words).map(([n, w]) => `${'#'.repeat(n)} ${w}`),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.nat(20), words).map(([n, i, w]) => `${'#'.repeat(n + 1)} ${i}. **${w}**`),
  words.map((w) => `**${w}:**`),
  fc.tuple(words, fieldValue).map(([w, v]) => `**${w}** — ${v}`),
  fc.tuple(fc.constantFrom('- ', '  - ', '* ', '1. ', '    '), fc.boolean(), field, fc.constantFrom(':', '：'), fieldValue).map(([bullet, bold, f, colon, v]) => `${bullet}${bold ? `**${f}${colon}**` : `${f}${colon}`} ${v}`),
  fc.tuple(fc.constantFrom('- ', '1. '), reference, words).map(([b, r, w]) => `${b}${r} — ${w}`),
  fc.array(fc.oneof(words, reference, fc.constantFrom('---', ':---:', '🔴 High', '')), { minLength: 1, maxLength: 5 }).map((cells) => `| ${cells.join(' | ')} |`),
  fc.constantFrom('| Concern | File | Severity |', '|---|---|---|', '| File | Risk | Line |', '```', '```markdown', '~~~', '```ts', '---', '> quote', '', '', '<!-- x -->', '**Analysis Date:** 2026-01-16', '*Concerns audit: 2026-01-16*'),
  unicode,
  fc.tuple(words, reference, words).map(([a, r, b]) => `${a} ${r} ${b}`),
);
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const generatedDocument = fc.tuple(fc.array(line, { maxLength: 60 }), eol, fc.boolean()).map(([lines, nl, bom]) => `${bom ? '\uFEFF' : ''}${lines.join(nl)}`);

function fixtureDocuments(): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((name) => fs.existsSync(path.join(FIXTURES, name, 'input.md')))
    .sort()
    .map((name) => fs.readFileSync(path.join(FIXTURES, name, 'input.md'), 'utf8'));
}

type Mutation = { kind: 'deleteLine' | 'duplicateLine' | 'insertLine' | 'deleteChar' | 'insertChar' | 'swapLines'; at: number; other: number; text: string };
const hostileBits = fc.constantFrom('`', '**', '_', '|', '(', ')', '[', ']', '#', '- ', '\r', '\n', '\t', '：', '—', '~~', '🔴', '\u0000', '\uFEFF', '\uD800', '问', ':12', ' (lines 1-', '```');
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('deleteLine', 'duplicateLine', 'insertLine', 'deleteChar', 'insertChar', 'swapLines'),
  at: fc.nat(),
  other: fc.nat(),
  text: fc.oneof(hostileBits, line),
});

function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const lines = t.split('\n');
    const i = m.at % Math.max(lines.length, 1);
    const j = m.other % Math.max(lines.length, 1);
    switch (m.kind) {
      case 'deleteLine':
        lines.splice(i, 1);
        t = lines.join('\n');
        break;
      case 'duplicateLine':
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
        break;
      case 'insertLine':
        lines.splice(i, 0, m.text);
        t = lines.join('\n');
        break;
      case 'swapLines': {
        const a = lines[i] ?? '';
        lines[i] = lines[j] ?? '';
        lines[j] = a;
        t = lines.join('\n');
        break;
      }
      case 'deleteChar': {
        const k = m.at % Math.max(t.length, 1);
        t = t.slice(0, k) + t.slice(k + 1 + (m.other % 8));
        break;
      }
      case 'insertChar': {
        const k = m.at % (t.length + 1);
        t = t.slice(0, k) + m.text + t.slice(k);
        break;
      }
    }
  }
  return t;
}

// ---- properties --------------------------------------------------------------------------------

void test('parser: documents generated from the grammar of concerns documents', () => {
  fc.assert(
    fc.property(generatedDocument, (text) => {
      counts.generated++;
      parseChecked(text);
    }),
    { numRuns: 600 },
  );
  console.log(`reliability: ${counts.generated} generated documents parsed, 0 failures`);
});

void test('parser: random strings (graphemes, UTF-16 units with lone surrogates, binary-ish)', () => {
  const arbitraries = [fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: fc.constantFrom('*', '_', '`', '|', '#', '-', ' ', '\n', '\r', '(', ')', '[', ']', ':', '1', 'a'), maxLength: 600 })];
  for (const arbitrary of arbitraries) {
    fc.assert(
      fc.property(arbitrary, (text) => {
        counts.random++;
        parseChecked(text);
      }),
      { numRuns: 150 },
    );
  }
  console.log(`reliability: ${counts.random} random strings parsed, 0 failures`);
});

void test('parser: mutations of the fixture documents (lines and characters deleted, duplicated, inserted, swapped)', () => {
  const docs = fixtureDocuments();
  assert.ok(docs.length >= 10, 'the fixture documents are there');
  fc.assert(
    fc.property(fc.nat(docs.length - 1), fc.array(mutation, { minLength: 1, maxLength: 12 }), (index, mutations) => {
      counts.mutated++;
      parseChecked(mutate(docs[index]!, mutations));
    }),
    { numRuns: 250 },
  );
  console.log(`reliability: ${counts.mutated} mutated fixture documents parsed, 0 failures`);
});

void test('parseLineSpec: any spec gives positive, ordered, integer line ranges', () => {
  const specPart = fc.constantFrom('line', 'lines', 'L', '~', ' ', ',', '-', '–', '—', '+', 'end', '(', ')', ':', '0', '1', '42', '9999999', '99999999999', 'e5', '1.5', 'and', '行', '第');
  fc.assert(
    fc.property(fc.oneof(fc.array(specPart, { maxLength: 30 }).map((p) => p.join('')), fc.string({ maxLength: 60 })), (spec) => {
      counts.lineSpecs++;
      for (const r of parseLineSpec(spec)) {
        assert.ok(Number.isSafeInteger(r.start) && Number.isSafeInteger(r.end), JSON.stringify(r));
        assert.ok(r.start >= 1 && r.start <= r.end, `${JSON.stringify(spec)} → ${JSON.stringify(r)}`);
      }
    }),
    { numRuns: 2000 },
  );
  console.log(`reliability: ${counts.lineSpecs} line specs read, 0 failures`);
});

void test('extractReferences: offsets inside the text, in order, non-overlapping, on generated lines', () => {
  fc.assert(
    fc.property(fc.oneof(line, fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
      counts.extracted++;
      let previousEnd = 0;
      for (const r of extractReferences(text)) {
        assert.ok(r.start >= previousEnd && r.start < r.end && r.end <= text.length, `${JSON.stringify(text)}: ${r.start}-${r.end}`);
        previousEnd = r.end;
      }
    }),
    { numRuns: 2000 },
  );
  console.log(`reliability: ${counts.extracted} extractor inputs, 0 failures`);
});

void test('resolve + diagnostics never throw on generated documents, whatever the workspace', () => {
  const ws = memoryWorkspace({ 'src/auth.py': 'a\nb\nc\n', 'x.py': 'x\n', 'lib/a.ts': '1\n', 'core/queries/q.sql': 'select\n', 'terminal.tsx': null });
  const resolver = new ReferenceResolver(ws);
  fc.assert(
    fc.property(generatedDocument, (text) => {
      counts.generated++;
      const model = resolveDocument(parseChecked(text), resolver, { root: '' });
      const doc = { uri: 'file:///w/CONCERNS.md', path: 'CONCERNS.md', folderUri: 'file:///w', root: '', model };
      for (const d of documentDiagnostics(doc)) assertRange(d.range, lineLengths(text), 'document diagnostic');
      codeDiagnostics([doc]);
      assert.deepEqual(ws.badPaths, [], 'the resolver never asks about a path outside the workspace');
    }),
    { numRuns: 150 },
  );
});

// ---- adversarial 100 KB inputs through the public functions ------------------------------------

/** Families of hostile text, one per regex family of the parser and extractor. */
const FAMILIES: Record<string, (n: number) => string> = {
  stars: (n) => '*'.repeat(n),
  underscores: (n) => '_'.repeat(n),
  backticks: (n) => '`'.repeat(n),
  pipes: (n) => `| a |\n|---|\n${'|'.repeat(n)}`,
  'digits and commas': (n) => `- Files: \`x.py\` (lines ${'1, '.repeat(n / 3)}`,
  'open parentheses': (n) => `### Title ${'('.repeat(n)}`,
  'resolved notes': (n) => `### Title ${'(resolved '.repeat(n / 10)}`,
  'fixed in': (n) => `### Title${' '.repeat(n)}fixed in x(`,
  spaces: (n) => `- a${' '.repeat(n)}b`,
  'heading spaces': (n) => `## a${' '.repeat(n)}#x`,
  'list markers': (n) => '- '.repeat(n / 2),
  'nested lists': (n) => Array.from({ length: n / 40 }, (_, i) => `${'  '.repeat(i % 15)}- **T${i}:** \`a${i}.py\``).join('\n'),
  hashes: (n) => '#'.repeat(n),
  CJK: (n) => `**问题：** ${'问'.repeat(n)}`,
  'carriage returns': (n) => `# T\r\r${'\r'.repeat(n)}`,
  'nested brackets': (n) => '[('.repeat(n / 2),
  emoji: (n) => `### Title ${'🔴'.repeat(n / 2)}x`,
  'bold labels in one paragraph': (n) => `## Tech Debt\n\n**T:**\n${'**a:** b\n'.repeat(n / 9)}`,
  'table rows': (n) => `| Concern | File |\n|---|---|\n${'| t | `a.py` |\n'.repeat(n / 15)}`,
  'one long line': (n) => `- **Files:** ${'`a.py`, '.repeat(n / 8)}`,
  dashes: (n) => `- a ${'— '.repeat(n / 2)}`,
  'header dates': (n) => `**Analysis Date:** ${'2026-01-'.repeat(n / 8)}`,
};

const MARKDOWN_FAMILIES = new Set(['stars', 'backticks', 'pipes', 'spaces', 'list markers', 'nested lists', 'carriage returns', 'nested brackets', 'emoji', 'bold labels in one paragraph', 'table rows', 'one long line', 'resolved notes']);

interface Figure {
  name: string;
  fn: string;
  t25: number;
  t100: number;
}
const figures: Figure[] = [];

const FUNCTIONS: Record<string, (text: string) => unknown> = {
  parseConcernsDocument: (t) => assertWellFormed(t, parseConcernsDocument(t)),
  extractReferences: (t) => extractReferences(t),
  parseLineSpec: (t) => parseLineSpec(t),
  readLabel: (t) => readLabel(t),
  cleanTitle: (t) => cleanTitle(t),
  concernTitle: (t) => concernTitle(t),
  readHeader: (t) => readHeader(t, undefined),
  classifyTable: (t) => classifyTable(t.split('|')),
  markers: (t) => [severityFromValue(t), severityFromEmoji(t), severityFromSection(t), isResolvedTitle(t), isPlaceholder(t)],
};

function timed(fn: (text: string) => unknown, text: string): number {
  const t0 = performance.now();
  fn(text);
  return performance.now() - t0;
}

void test('adversarial 100 KB inputs: every public text function stays linear (t(100 KB) / t(25 KB) ≤ 8, quadratic would be 16)', () => {
  const slow: string[] = [];
  for (const [name, make] of Object.entries(FAMILIES)) {
    const small = make(25_000);
    const big = make(100_000);
    for (const [fnName, fn] of Object.entries(FUNCTIONS)) {
      // The parser (remark underneath, ~1 s per 100 KB) only on the families that shape markdown.
      if (fnName === 'parseConcernsDocument' && !MARKDOWN_FAMILIES.has(name)) continue;
      counts.adversarial++;
      // The parser (remark underneath) is timed once per size; the rest, best of two.
      const once = fnName === 'parseConcernsDocument';
      let t25 = once ? timed(fn, small) : Math.min(timed(fn, small), timed(fn, small));
      let t100 = once ? timed(fn, big) : Math.min(timed(fn, big), timed(fn, big));
      // A parse that looks super-linear is timed again, caches cleared (so it parses it all
      // again): a machine busy with other work slows one timing, not both.
      if (once && t100 > 50 && t100 / Math.max(t25, 0.01) > 8) {
        clearParseCaches();
        t25 = Math.min(t25, timed(fn, small));
        clearParseCaches();
        t100 = Math.min(t100, timed(fn, big));
      }
      figures.push({ name, fn: fnName, t25, t100 });
      // Linear is ×4 from 25 to 100 KB, quadratic ×16: ×8 tells them apart through timing noise.
      if (t100 > (once ? PARSE_100KB_BOUND_MS : RUN_BOUND_MS) || (t100 > 50 && t100 / Math.max(t25, 0.01) > 8)) slow.push(`${fnName} on ${name}: 25 KB ${t25.toFixed(1)} ms, 100 KB ${t100.toFixed(1)} ms`);
    }
  }
  figures.sort((a, b) => b.t100 - a.t100);
  for (const f of figures.slice(0, 6)) console.log(`  ${f.fn} on ${f.name}: 25 KB ${f.t25.toFixed(1)} ms, 100 KB ${f.t100.toFixed(1)} ms (×${(f.t100 / Math.max(f.t25, 0.01)).toFixed(1)})`);
  console.log(`reliability: ${counts.adversarial} adversarial runs (${Object.keys(FAMILIES).length} families × ${Object.keys(FUNCTIONS).length} functions, 25 KB and 100 KB), ${slow.length} super-linear`);
  assert.deepEqual(slow, []);
});

// ---- limits ------------------------------------------------------------------------------------

void test('limits: a concern naming thousands of references is indexed up to the cap, with a note', () => {
  const files = Array.from({ length: 2_000 }, (_, i) => `\`src/f${i}.py\``).join(', ');
  const text = `# Concerns\n\n## Tech Debt\n\n**Everything is fragile:**\n- Issue: too much\n- Files: ${files}\n`;
  const doc = parseChecked(text);
  assert.equal(doc.concerns.length, 1);
  assert.equal(doc.concerns[0]!.references.length, MAX_REFERENCES_PER_CONCERN);
  assert.equal(doc.concerns[0]!.references[0]!.path, 'src/f0.py', 'the first ones are kept');
  const note = doc.notes.find((n) => n.message.includes(`only the first ${MAX_REFERENCES_PER_CONCERN}`));
  assert.ok(note, `a note says so: ${JSON.stringify(doc.notes)}`);
  assert.equal(note.severity, 'warning');
  assert.equal(note.range.start.line, 4, 'on the concern title');
});

void test('limits: a document over the size cap is indexed up to the cap, with a warning at the cut', () => {
  const concern = (i: number) => `**Concern ${i}:**\n- Issue: something\n- Files: \`src/a${i}.py\`\n\n`;
  // The mechanism, at a small cap (the real cap, MAX_DOCUMENT_CHARS, through the server: protocol/reliability.test.ts).
  const cap = 50_000;
  assert.ok(MAX_DOCUMENT_CHARS >= 100_000, 'the real cap leaves room for real documents');
  const text = `# Concerns\n\n## Tech Debt\n\n${Array.from({ length: 2_000 }, (_, i) => concern(i)).join('')}`;
  assert.ok(text.length > cap * 2);
  const t0 = performance.now();
  const doc = parseConcernsDocument(text, { maxChars: cap });
  const ms = performance.now() - t0;
  assertWellFormed(text, doc);
  console.log(`reliability: a ${(text.length / 1e6).toFixed(1)} MB document indexed up to the cap in ${ms.toFixed(0)} ms: ${doc.concerns.length} concerns`);
  assert.ok(doc.concerns.length > 500 && doc.concerns.length < 2_000, `indexed up to the cap: ${doc.concerns.length}`);
  assert.equal(doc.concerns[0]!.title, 'Concern 0');
  assert.ok(doc.notes.some((n) => n.severity === 'warning' && /larger than 50,000 characters/.test(n.message)), JSON.stringify(doc.notes));
});

void test('limits: a binary concerns document is not parsed; a note says why', () => {
  const doc = parseChecked(`# Concerns\u0000\u0001\u0002 binary`);
  assert.deepEqual(doc.concerns, []);
  assert.equal(doc.notes[0]?.severity, 'error');
  assert.match(doc.notes[0].message, /binary/);
});
