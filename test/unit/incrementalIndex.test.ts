/**
 * The keystroke path, end to end in the core: an edit re-parses one section, unchanged concerns
 * keep their resolved objects, and the diagnostics ledger rebuilds only the files of the
 * concerns that changed — and after any series of edits, what it holds equals diagnostics built
 * from scratch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeDiagnosticsLedger, codeDiagnostics, type CodeDiagnosticOptions } from '../../server/src/core/features/diagnostics';
import type { IndexedDocument } from '../../server/src/core/features/indexedDocument';
import type { ConcernsDocument } from '../../server/src/core/model';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument, reusableConcerns } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { randomEdit, seededInts } from './helpers/documents';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const body = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const files: Record<string, string> = {};
for (let i = 0; i < 40; i++) files[`src/mod${i}/file${i}.ts`] = body(30);
for (let i = 0; i < 60; i++) files[`tests/t${i}.test.ts`] = body(5);

function document(): string {
  const out = ['# Codebase Concerns', '', '**Analysis Date:** 2025-01-15', ''];
  for (const category of ['Tech Debt', 'Known Bugs', 'Security Considerations', 'Test Coverage Gaps']) {
    out.push(`## ${category}`, '');
    for (let i = 0; i < 12; i++) {
      const k = (category.length * 7 + i * 3) % 40;
      const where = i % 5 === 0 ? '`tests/*.test.ts`' : `\`src/mod${k}/file${k}.ts\` (lines ${i + 1}-${i + 4})`;
      out.push(`**${category} concern ${i}:**`, `- Issue: something wrong ${i}`, `- Files: ${where}, \`src/mod${(k + 1) % 40}/file${(k + 1) % 40}.ts\``, '- Fix approach: fix it', '');
    }
  }
  return out.join('\n');
}

const OPTIONS: CodeDiagnosticOptions = { maxPerFile: 3, showResolved: false };
const URI = 'file:///ws/.planning/codebase/CONCERNS.md';

/** What the service does per pass: parse, reuse what is unchanged, resolve the rest. */
class Pass {
  private parsed: ConcernsDocument | undefined;
  doc: IndexedDocument | undefined;
  readonly workspace = memoryWorkspace(files);
  private readonly resolver = new ReferenceResolver(this.workspace);

  /** `filesChanged`: the workspace's files changed since the last pass (a file event). */
  index(text: string, filesChanged = false): IndexedDocument {
    const parsed = parseConcernsDocument(text);
    const reuse = this.parsed && this.doc ? reusableConcerns(this.parsed, this.doc.model, parsed) : undefined;
    const model = resolveDocument(parsed, this.resolver, { root: '' }, reuse, filesChanged);
    this.parsed = parsed;
    this.doc = { uri: URI, path: '.planning/codebase/CONCERNS.md', folderUri: 'file:///ws', root: '', model };
    return this.doc;
  }
}

/** The ledger's changes applied to what an editor holds, as the service publishes them. */
function apply(held: Map<string, string>, changes: ReturnType<CodeDiagnosticsLedger['update']>): void {
  for (const file of changes) {
    if (file.diagnostics.length === 0) held.delete(file.path);
    else held.set(file.path, JSON.stringify(file.diagnostics));
  }
}

/** A pass and a ledger that have indexed `text` once, and what the ledger published (as `apply` holds it). */
function indexed(text: string): { pass: Pass; ledger: CodeDiagnosticsLedger; held: Map<string, string>; first: IndexedDocument } {
  const pass = new Pass();
  const ledger = new CodeDiagnosticsLedger();
  const held = new Map<string, string>();
  const first = pass.index(text);
  apply(held, ledger.update([first], OPTIONS));
  return { pass, ledger, held, first };
}

/** What a build from scratch gives, as `apply` holds it. */
function fresh(docs: IndexedDocument | IndexedDocument[], options = OPTIONS): Map<string, string> {
  return new Map(codeDiagnostics(Array.isArray(docs) ? docs : [docs], options).map((f) => [f.path, JSON.stringify(f.diagnostics)]));
}

void test('a one-character edit reuses every other concern and rebuilds only the edited concern\'s files', () => {
  let text = document();
  const { pass, ledger, held, first } = indexed(text);
  assert.deepEqual(held, fresh(first));

  const at = text.indexOf('something wrong 3', text.indexOf('## Known Bugs'));
  text = text.slice(0, at) + 'x' + text.slice(at);
  const second = pass.index(text);
  const changedConcerns = second.model.concerns.filter((c, i) => c !== first.model.concerns[i]);
  assert.equal(changedConcerns.length, 1, 'one concern object is new');
  assert.equal(changedConcerns[0]!.title, 'Known Bugs concern 3');
  const changes = ledger.update([second], OPTIONS);
  const edited = new Set(changedConcerns[0]!.references.flatMap((r) => r.matches));
  assert.deepEqual(new Set(changes.map((f) => f.path)), edited, 'only its files are rebuilt');
  apply(held, changes);
  assert.deepEqual(held, fresh(second));
  // Nothing changed: nothing rebuilt.
  assert.deepEqual(ledger.update([second], OPTIONS), []);
});

void test('after any series of edits the ledger holds what a fresh build gives', () => {
  let text = document();
  const { pass, ledger, held } = indexed(text);
  const rand = seededInts(11);
  const inserts = ['x', '\n', '\n\n## Performance\n\n', '`tests/*.test.ts` ', '`src/mod3/file3.ts:2` ', ' (RESOLVED)', '**New one:**\n- Files: `src/mod1/file1.ts`\n\n'];
  for (let i = 0; i < 60; i++) {
    text = randomEdit(text, rand, inserts, 4, 60);
    const doc = pass.index(text);
    // Now and then the settings change: everything is rebuilt.
    const options = i % 17 === 16 ? { ...OPTIONS } : OPTIONS;
    apply(held, ledger.update([doc], options));
    assert.deepEqual(held, fresh(doc, options), `after edit ${i}`);
  }
});

void test('concerns moved in order rebuild their files; a removed document clears its files', () => {
  const text = document();
  const { pass, ledger, held } = indexed(text);
  // The last two sections swapped: kept concerns change order.
  const cut = text.indexOf('## Security Considerations');
  const mid = text.indexOf('## Test Coverage Gaps');
  const swapped = text.slice(0, cut) + text.slice(mid) + '\n' + text.slice(cut, mid);
  const doc = pass.index(swapped);
  apply(held, ledger.update([doc], OPTIONS));
  assert.deepEqual(held, fresh(doc));
  apply(held, ledger.update([], OPTIONS));
  assert.equal(held.size, 0);
});

void test('the same concerns in another order (documents listed the other way round) are rebuilt in that order', () => {
  const a = new Pass().index(document());
  const b = { ...new Pass().index(document().replace(/concern (\d+)/g, 'other $1')), uri: 'file:///ws/docs/codebase/CONCERNS.md' };
  const options = { ...OPTIONS, maxPerFile: 100 };
  const ledger = new CodeDiagnosticsLedger();
  const held = new Map<string, string>();
  const build = (docs: IndexedDocument[]) => fresh(docs, options);
  apply(held, ledger.update([a, b], options));
  assert.deepEqual(held, build([a, b]));
  apply(held, ledger.update([b, a], options));
  assert.deepEqual(held, build([b, a]));
  assert.notDeepEqual(build([a, b]), build([b, a]), 'the order shows');
});

void test('a file event re-resolves every concern, but only those whose references changed become new objects', () => {
  const text = document();
  const { pass, ledger, held, first } = indexed(text);
  // A new test file: the `tests/*.test.ts` globs match one more file; nothing else changes.
  pass.workspace.set('tests/t60.test.ts', body(5));
  const second = pass.index(text, true);
  const changed = second.model.concerns.filter((c, i) => c !== first.model.concerns[i]);
  assert.ok(changed.length > 0);
  assert.ok(changed.every((c) => c.references.some((r) => r.path === 'tests/*.test.ts')), 'only the glob concerns are new');
  assert.ok(second.model.concerns.length - changed.length > 30, 'the others are the same objects');
  const changes = ledger.update([second], OPTIONS);
  assert.ok(changes.some((f) => f.path === 'tests/t60.test.ts'));
  assert.ok(changes.every((f) => changed.some((c) => c.references.some((r) => r.matches.includes(f.path)))), 'only their files are rebuilt');
  apply(held, changes);
  assert.deepEqual(held, fresh(second));
  // A referenced file deleted: its concerns now say so.
  pass.workspace.remove('src/mod3/file3.ts');
  const third = pass.index(text, true);
  apply(held, ledger.update([third], OPTIONS));
  assert.deepEqual(held, fresh(third));
  assert.ok(third.model.concerns.some((c) => c.references.some((r) => r.path === 'src/mod3/file3.ts' && r.status === 'missing')));
});
