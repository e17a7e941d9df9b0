// The language features of the pure core, on an in-memory workspace: what an editor would show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { concernActions } from '../../server/src/core/features/codeActions';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { pathCompletions } from '../../server/src/core/features/completion';
import { codeDiagnostics, type CodeDiagnosticOptions } from '../../server/src/core/features/diagnostics';
import { placeOnText } from '../../server/src/core/features/firstLine';
import { PublishedFields } from '../../server/src/core/features/locatingFields';
import { documentDiagnostics } from '../../server/src/core/features/documentDiagnostics';
import { codeHover } from '../../server/src/core/features/hover';
import type { IndexedDocument } from '../../server/src/core/features/indexedDocument';
import { LineShifts } from '../../server/src/core/features/lineShifts';
import { documentLinks } from '../../server/src/core/features/links';
import { LocationIndex } from '../../server/src/core/features/locations';
import { markResolvedEdit } from '../../server/src/core/features/markResolved';
import { editDistance, nearestPaths } from '../../server/src/core/features/nearestPath';
import { referenceHover } from '../../server/src/core/features/referenceHover';
import { diagnosticSeverity } from '../../server/src/core/features/severity';
import { driftDiagnostics } from '../../server/src/core/drift/documentDrift';
import { updateLineNumbersEdits } from '../../server/src/core/drift/updateLines';
import { computeFindings } from '../../server/src/core/report/findings';
import { documentSymbols, foldingRanges, workspaceSymbols } from '../../server/src/core/features/symbols';
import { fileConcerns, treeConcern, treeData, type TreeConcernCache } from '../../server/src/core/features/tree';
import { TREE_TARGETS_CAP } from '../../server/src/protocol';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { SourceText } from '../../server/src/core/parse/source';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { FileIndex } from '../../server/src/core/resolve/fileIndex';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

const DOC = `# Codebase Concerns

**Analysis Date:** 2026-03-01

## Security Considerations

**Token compared with ==:**
- Risk: timing attack on the API token
- Files: \`app/auth.py\` (lines 3-5), \`app/util.py\`
- Recommendations: use hmac.compare_digest

**Old session cookie (RESOLVED):**
- Risk: cookies never expired
- Files: \`app/auth.py\` (line 2)

## Tech Debt

**Cache without lock:**
- Issue: global dict shared by threads
- Files: \`app/cache.py\`, \`app/gone.py\`, \`app/auth.py:40-45\`
- Impact: races under load
- Fix approach: add a lock in \`app/cache.py\`

## Test Coverage Gaps

**Auth not tested:**
- What's not tested: token checks
- Files: \`app/auth.py\` (line 4)
- Priority: Low
`;

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

function indexed(text = DOC, files: Record<string, string | null> = { 'app/auth.py': lines(10), 'app/util.py': lines(3), 'app/cache.py': lines(5), 'app/cached.py': lines(2) }): IndexedDocument {
  const ws = memoryWorkspace(files);
  const model = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(ws), { root: '' });
  return { uri: 'file:///ws/.planning/codebase/CONCERNS.md', path: '.planning/codebase/CONCERNS.md', folderUri: 'file:///ws', root: '', model };
}

const uriOf = (folderUri: string, path: string) => `${folderUri}/${path}`;

void test('code diagnostics: one per concern and range, on the first cited line, the whole range in data, source and code set', () => {
  const files = codeDiagnostics([indexed()]);
  const auth = files.find((f) => f.path === 'app/auth.py');
  assert.ok(auth);
  // Token (3-5), Auth not tested (4); the resolved concern publishes nothing; 40-45 is out of range.
  // One mark each, on the first cited line (placeOnText trims it to the text); the range in data.
  const idOf = (title: string) => indexed().model.concerns.find((c) => c.title === title)!.id;
  assert.deepEqual(
    auth.diagnostics.map((d) => [d.range.start.line, d.range.end.line, d.code, d.data as unknown]),
    [
      [2, 3, 'Security Considerations', { concernId: idOf('Token compared with =='), documentUri: 'file:///ws/.planning/codebase/CONCERNS.md', lines: { start: 2, end: 4 }, firstLine: true }],
      [3, 4, 'Test Coverage Gaps', { concernId: idOf('Auth not tested'), documentUri: 'file:///ws/.planning/codebase/CONCERNS.md', lines: { start: 3, end: 3 }, firstLine: true }],
    ],
  );
  // concerns.diagnostics.range = whole: every cited line, as before.
  const whole = codeDiagnostics([indexed()], { maxPerFile: 100, showResolved: false, range: 'whole' }).find((f) => f.path === 'app/auth.py')!;
  assert.deepEqual(
    whole.diagnostics.map((d) => [d.range.start.line, d.range.end.line, (d.data as { firstLine?: boolean }).firstLine]),
    [
      [2, 5, undefined],
      [3, 4, undefined],
    ],
  );
  const token = auth.diagnostics[0]!;
  assert.equal(token.source, 'concerns');
  assert.equal(token.message, 'Token compared with ==: timing attack on the API token');
  assert.equal(token.severity, DiagnosticSeverity.Warning);
  assert.equal(token.relatedInformation?.[0]?.location.uri, 'file:///ws/.planning/codebase/CONCERNS.md');
  assert.equal(token.relatedInformation?.[0]?.location.range.start.line, 6);
  assert.equal(token.codeDescription?.href, 'file:///ws/.planning/codebase/CONCERNS.md#L7');
  // Low priority test gap: Information, not lowered to a hint nobody sees.
  assert.equal(auth.diagnostics[1]!.severity, DiagnosticSeverity.Information);
  // A whole-file reference lands on the first line, with no range to shade.
  const util = files.find((f) => f.path === 'app/util.py');
  assert.deepEqual(util?.diagnostics.map((d) => [d.range.start.line, d.range.end.line, (d.data as { lines?: unknown }).lines]), [[0, 1, undefined]]);
});

void test('first-line marks: trimmed to the first non-blank cited line, kept whole where the text is unknown', () => {
  const mark = (start: number, end: number) => ({ range: { start: { line: start, character: 0 }, end: { line: start + 1, character: 0 } }, message: 'm', data: { concernId: 'c', documentUri: 'd', lines: { start, end }, firstLine: true } });
  const text = ['', '   ', '  def check(token):  ', 'x', '\t'];
  const [placed, blankOnly, unknown] = placeOnText([mark(0, 3), mark(4, 4), mark(7, 9)], (line) => text[line]);
  assert.deepEqual(placed!.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 19 } });
  // Only blank lines, or lines past the end: the whole first line stays marked.
  assert.deepEqual(blankOnly!.range, mark(4, 4).range);
  assert.deepEqual(unknown!.range, mark(7, 9).range);
  // A `whole` diagnostic is left alone, and a list with nothing to move is the same list.
  const whole = [{ ...mark(2, 3), data: { concernId: 'c', documentUri: 'd', lines: { start: 2, end: 3 } } }];
  assert.equal(placeOnText(whole, (line) => text[line]), whole);
});

void test('code diagnostics: only references that locate the concern publish, unless the setting widens it', () => {
  const doc = indexed(
    `# Codebase Concerns

## Tech Debt

**Cache without lock:**
- Issue: global dict shared with \`app/util.py\`
- Files: \`app/cache.py\` (lines 2-3)
- Impact: slows \`app/auth.py\`
- Fix approach: add a lock, see \`app/cached.py\`

**Lexer in \`app/auth.py\`:**
- Issue: unchecked index

**Verschlüsselung:**
- Datei: \`app/cached.py\`
- Impact: everything in \`app/util.py\`

## Hotspots

- \`app/auth.py:7\` — panics on a missing config file

## Missing Features

**No retries:**
- Fix approach: wrap calls in \`app/util.py\`
`,
  );
  const published = (options: Partial<CodeDiagnosticOptions> = {}) =>
    codeDiagnostics([doc], { maxPerFile: 100, showResolved: false, ...options })
      .flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line + 1} ${doc.model.concerns.find((c) => c.id === (d.data as { concernId: string }).concernId)!.title}`))
      .sort();
  // Files, a path in the title, a German Datei field, a list item's own path; not Issue (the
  // concern has a Files field), Impact or Fix approach; the concern naming files only in its fix: nothing.
  assert.deepEqual(published(), ['app/auth.py:1 Lexer in `app/auth.py`', 'app/auth.py:7 auth.py: panics on a missing config file', 'app/cache.py:2 Cache without lock', 'app/cached.py:1 Verschlüsselung']);
  const impact = published({ fields: new PublishedFields(['Impact']) });
  assert.ok(impact.includes('app/auth.py:1 Cache without lock') && impact.includes('app/util.py:1 Verschlüsselung'), impact.join('\n'));
  assert.ok(!impact.includes('app/util.py:1 No retries'));
  // The parser's name for a label works too (`Solution` is `fixApproach`), and `*` is every field.
  assert.ok(published({ fields: new PublishedFields(['Solution']) }).includes('app/util.py:1 No retries'));
  assert.equal(published({ fields: new PublishedFields(['*']) }).length, 9);
});

void test('code diagnostics: a line inside another span of the same concern on the same file is no second mark', () => {
  const doc = indexed(`# Codebase Concerns

## Tech Debt

**Token cache never expires:**
- Issue: entries live forever
- Files: \`app/auth.py\` (lines 3-8), \`app/auth.py:3\`, \`app/auth.py:5\`, \`app/util.py:2\`

**Other concern on the same lines:**
- Files: \`app/auth.py:3\`
`);
  const marks = (range: 'firstLine' | 'whole') =>
    codeDiagnostics([doc], { maxPerFile: 100, showResolved: false, range })
      .flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line + 1}-${d.range.end.line} ${doc.model.concerns.find((c) => c.id === (d.data as { concernId: string }).concernId)!.title}`))
      .sort();
  // Marked on first lines: line 3 once for 3-8 (not again for \`:3\`), line 5 where it starts;
  // another concern on line 3 keeps its own mark.
  assert.deepEqual(marks('firstLine'), ['app/auth.py:3-3 Other concern on the same lines', 'app/auth.py:3-3 Token cache never expires', 'app/auth.py:5-5 Token cache never expires', 'app/util.py:2-2 Token cache never expires']);
  // Marked whole, both lines are inside the mark of 3-8.
  assert.deepEqual(marks('whole'), ['app/auth.py:3-3 Other concern on the same lines', 'app/auth.py:3-8 Token cache never expires', 'app/util.py:2-2 Token cache never expires']);
});

void test('code diagnostics: resolved concerns on request, a cap per file with a summary, severity off', () => {
  const withResolved = codeDiagnostics([indexed()], { maxPerFile: 100, showResolved: true });
  assert.equal(withResolved.find((f) => f.path === 'app/auth.py')?.diagnostics.length, 3);
  const capped = codeDiagnostics([indexed()], { maxPerFile: 1, showResolved: false }).find((f) => f.path === 'app/auth.py')!;
  assert.equal(capped.diagnostics.length, 2);
  assert.match(capped.diagnostics[1]!.message, /^1 more concern reference/);
  const off = codeDiagnostics([indexed()], { maxPerFile: 100, showResolved: false, severity: { security: 'off' } });
  assert.equal(off.find((f) => f.path === 'app/auth.py')?.diagnostics.length, 1);
  assert.equal(off.find((f) => f.path === 'app/util.py'), undefined);
});

void test('severity: by category keyword, raised by High, lowered by Low, overridable', () => {
  assert.equal(diagnosticSeverity({ category: 'Security Considerations' }), DiagnosticSeverity.Warning);
  assert.equal(diagnosticSeverity({ category: 'Known Bugs' }), DiagnosticSeverity.Warning);
  assert.equal(diagnosticSeverity({ category: 'Tech Debt' }), DiagnosticSeverity.Information);
  // No default is a hint (VS Code leaves hints out of the Problems view); Low does not make one either.
  assert.equal(diagnosticSeverity({ category: 'Test Coverage Gaps' }), DiagnosticSeverity.Information);
  assert.equal(diagnosticSeverity({ category: 'Missing Critical Features' }), DiagnosticSeverity.Information);
  assert.equal(diagnosticSeverity({ category: 'Test Coverage Gaps', severity: 'low' }), DiagnosticSeverity.Information);
  assert.equal(diagnosticSeverity({ category: 'Test Coverage Gaps', severity: 'low' }, { 'test coverage': 'hint' }), DiagnosticSeverity.Hint);
  assert.equal(diagnosticSeverity({ category: 'Tech Debt', severity: 'high' }), DiagnosticSeverity.Warning);
  assert.equal(diagnosticSeverity({ category: 'Security', severity: 'critical' }), DiagnosticSeverity.Error);
  assert.equal(diagnosticSeverity({ category: 'Security', severity: 'low' }), DiagnosticSeverity.Information);
  assert.equal(diagnosticSeverity({ category: 'Something Else' }), DiagnosticSeverity.Information);
  assert.equal(diagnosticSeverity({ category: 'Tech Debt' }, { 'tech debt': 'error' }), DiagnosticSeverity.Error);
  assert.equal(diagnosticSeverity({ category: 'My Own Section' }, { 'my own section': 'hint' }), DiagnosticSeverity.Hint);
});

void test('document diagnostics: missing and out-of-range references are warned about where they are written', () => {
  const diagnostics = documentDiagnostics(indexed());
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line]),
    [
      ['missing', 19],
      ['out-of-range', 19],
    ],
  );
  assert.match(diagnostics[0]!.message, /app\/gone\.py/);
  assert.match(diagnostics[1]!.message, /fewer than 45 lines/);
});

void test('hover in code: one concern leads with title, category, severity, where, then the actions, then the fields', () => {
  const doc = indexed();
  const index = new LocationIndex([doc]);
  const hover = codeHover(index, 'file:///ws', 'app/auth.py', 2);
  assert.ok(hover);
  const lines = (hover.contents as { value: string }).value.split('\n').filter((l) => l.trim());
  assert.equal(lines[0], '**Token compared with ==**');
  assert.equal(lines[1], '_Security Considerations · lines 3-5_');
  // The actions on the third line: the fix (Recommendations), mark resolved, reveal, open.
  assert.deepEqual([...lines[2]!.matchAll(/command:(concerns\.\w+)/g)].map((m) => m[1]), ['concerns.goToFixApproach', 'concerns.markResolved', 'concerns.revealInView', 'concerns.openConcern']);
  assert.equal(lines[3], '**Risk:** timing attack on the API token');
  assert.equal(lines[4], '**Recommendations:** use hmac.compare_digest');
  assert.match(lines.at(-1)!, /Analysed 2026-03-01/);
  // Under its diagnostic, the editor shows the message (title: risk) above: the risk is not repeated.
  const under = (codeHover(index, 'file:///ws', 'app/auth.py', 2, () => true)!.contents as { value: string }).value;
  assert.doesNotMatch(under, /timing attack/);
  assert.match(under, /\*\*Recommendations:\*\* use hmac.compare_digest/);
  // Without a fix field, no such action.
  const noFix = indexed(DOC.replace('- Recommendations: use hmac.compare_digest\n', ''));
  const plain = (codeHover(new LocationIndex([noFix]), 'file:///ws', 'app/auth.py', 2)!.contents as { value: string }).value.split('\n').filter((l) => l.trim());
  assert.match(plain[2]!, /^\[Mark resolved\]\(command:concerns\.markResolved/);
  assert.equal(codeHover(index, 'file:///ws', 'app/auth.py', 8), null);
  // Whole-file reference: on the first line.
  assert.ok(codeHover(index, 'file:///ws', 'app/util.py', 0));
  assert.equal(codeHover(index, 'file:///ws', 'app/util.py', 1), null);
});

void test('hover in code: a moved range leads with where the code is now and its state', () => {
  const doc = indexed();
  const token = doc.model.concerns.find((c) => c.title === 'Token compared with ==')!;
  const ref = token.references.find((r) => r.path === 'app/auth.py')!;
  const moved = { ...ref, location: { state: 'moved' as const, path: 'app/auth.py', ranges: [{ start: 7, end: 9 }], writtenPath: 'app/auth.py', writtenRanges: ref.ranges, baseline: 'a'.repeat(40) } };
  const drifted: IndexedDocument = { ...doc, model: { ...doc.model, concerns: doc.model.concerns.map((c) => (c === token ? { ...c, references: c.references.map((r) => (r === ref ? moved : r)) } : c)) } };
  const lines = (codeHover(new LocationIndex([drifted]), 'file:///ws', 'app/auth.py', 6)!.contents as { value: string }).value.split('\n').filter((l) => l.trim());
  assert.equal(lines[1], '_Security Considerations · lines 7-9 · ↕️ moved_');
  // The drift line (where it was written) comes after the actions.
  assert.match(lines[3]!, /Written at lines 3-5 of app\/auth\.py/);
});

void test('hover in code: several concerns on one line are a compact list, each opening its concern or its view entry', () => {
  const index = new LocationIndex([indexed()]);
  const value = (codeHover(index, 'file:///ws', 'app/auth.py', 3)!.contents as { value: string }).value;
  const lines = value.split('\n').filter((l) => l.trim());
  assert.equal(lines[0], '**2 concerns on this line**');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^• \[Token compared with ==\]\(command:concerns\.openConcern\?.*\) — _Security Considerations_ · \[Concerns view\]\(command:concerns\.revealInView/);
  assert.match(lines[2]!, /^🟢 \[Auth not tested\]\(command:concerns\.openConcern/);
  // No card: no fields.
  assert.doesNotMatch(value, /Risk:|Recommendations/);
});

void test('quick fixes on a concern diagnostic: fix approach, reveal, mark resolved (versioned edit), copy', () => {
  const doc = indexed();
  const diagnostic = codeDiagnostics([doc]).find((f) => f.path === 'app/cache.py')!.diagnostics[0]!;
  const concern = doc.model.concerns.find((c) => c.title === 'Cache without lock')!;
  const edit = markResolvedEdit(new SourceText(DOC), concern);
  const actions = concernActions(diagnostic, doc, 7, edit);
  assert.deepEqual(
    actions.map((a) => a.title.split(':')[0]),
    ['Go to fix approach', 'Reveal in Concerns view', 'Mark concern resolved', 'Copy concern as markdown'],
  );
  assert.equal(actions[0]!.command?.command, 'concerns.goToFixApproach');
  const change = actions[2]!.edit!.documentChanges![0] as { textDocument: { version: number }; edits: { newText: string }[] };
  assert.equal(change.textDocument.version, 7);
  assert.equal(change.edits[0]!.newText, ' (RESOLVED)');
});

void test('mark resolved: the edited document parses as resolved, with the same id', () => {
  for (const source of [DOC, DOC.replace('**Cache without lock:**', '### Cache without lock'), DOC.replace('**Cache without lock:**', '**Cache without lock**:')]) {
    const before = parseConcernsDocument(source).concerns.find((c) => c.title === 'Cache without lock')!;
    const edit = markResolvedEdit(new SourceText(source), before)!;
    assert.ok(edit, source.slice(0, 40));
    const offset = new SourceText(source).offsetAt(edit.range.start);
    const after = parseConcernsDocument(source.slice(0, offset) + edit.newText + source.slice(offset)).concerns.find((c) => c.id === before.id);
    assert.ok(after, 'same id after the edit');
    assert.equal(after.resolved, true);
  }
  const resolved = parseConcernsDocument(DOC).concerns.find((c) => c.resolved)!;
  assert.equal(markResolvedEdit(new SourceText(DOC), resolved), undefined);
});

void test('document links, symbols, folding, code lenses, workspace symbols', () => {
  const doc = indexed();
  const links = documentLinks(doc, uriOf);
  assert.ok(links.some((l) => l.target === 'file:///ws/app/auth.py#L3'));
  assert.ok(links.some((l) => l.target === 'file:///ws/app/util.py'));
  assert.ok(!links.some((l) => l.target?.includes('gone.py')));
  // A glob matching more files than a link carries: its first files and the reference (the command asks for the rest).
  const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`gen/f${i}.py`, 'x\n']));
  const globDoc = indexed('# Codebase Concerns\n\n## Tech Debt\n\n**Generated code:**\n- Files: `gen/*.py`\n', many);
  const [globLink] = documentLinks(globDoc, uriOf);
  const args = JSON.parse(decodeURIComponent(globLink!.target!.slice(globLink!.target!.indexOf('?') + 1))) as [{ title: string; uris: string[]; reference?: { concernId: string; index: number } }];
  assert.equal(args[0].title, 'gen/*.py');
  assert.equal(args[0].uris.length, 20);
  assert.deepEqual(args[0].reference, { documentUri: globDoc.uri, concernId: globDoc.model.concerns[0]!.id, index: 0 });
  assert.match(globLink!.tooltip!, /^60 matches/);

  const symbols = documentSymbols(doc);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
    [
      ['Security Considerations', ['Token compared with ==', 'Old session cookie']],
      ['Tech Debt', ['Cache without lock']],
      ['Test Coverage Gaps', ['Auth not tested']],
    ],
  );
  assert.deepEqual(symbols[0]!.children![1]!.tags, [1]);
  assert.ok(foldingRanges(doc).some((r) => r.startLine === 6 && r.endLine === 9));

  const lenses = codeLenses(doc);
  assert.equal(lenses.length, 4);
  assert.equal(lenses[2]!.command?.title, '2 files · 1 range · 1 missing · 1 out-of-range');
  assert.equal(lenses[0]!.command?.title, '2 files · 1 range');

  assert.deepEqual(workspaceSymbols([doc], 'cache').map((s) => s.name), ['Cache without lock']);
  assert.equal(workspaceSymbols([doc], '').length, 4);
});

void test('reference hover: preview of the referenced lines, status, bounded', () => {
  const doc = indexed();
  const ref = doc.model.concerns[0]!.references[0]!;
  const reads: [number, number][] = [];
  const hover = referenceHover(doc, ref.range.start, (_folder, path, start, end) => {
    reads.push([start, end]);
    assert.equal(path, 'app/auth.py');
    return ['line 3', 'line 4', 'line 5'];
  });
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /app\/auth\.py\*\* — ✓ found/);
  assert.match(value, /```python\nline 3\nline 4\nline 5\n```/);
  assert.deepEqual(reads, [[3, 5]]);
  const missing = doc.model.concerns[2]!.references.find((r) => r.status === 'missing')!;
  const missingHover = referenceHover(doc, missing.range.start, () => assert.fail('a missing file is not read'));
  assert.match((missingHover?.contents as { value: string }).value, /missing/);
});

void test('reference hover: a missing file the document says is absent is said so, and a fix approach\'s file is proposed', () => {
  const text = '## Tech Debt\n\n**No config:**\n- Issue: No `.env.example` yet\n- Fix approach: create `app/config.py`\n';
  const doc = indexed(text, {});
  const [absent, proposed] = doc.model.concerns[0]!.references;
  const read = () => assert.fail('a missing file is not read');
  assert.match((referenceHover(doc, absent!.range.start, read)?.contents as { value: string }).value, /\.env\.example\*\* — ✎ not there: the document says/);
  assert.match((referenceHover(doc, proposed!.range.start, read)?.contents as { value: string }).value, /config\.py\*\* — ✎ proposed: a file the fix approach would create/);
  assert.deepEqual(codeDiagnostics([doc]), []);
});

void test("reference hover: a name found only in another project says so, and offers that file", () => {
  const text = '## Security Considerations\n\n**Debug mode on by default:**\n- Files: `.env.example` (line 4)\n';
  const ws = memoryWorkspace({ 'client/.env.example': lines(9), 'server/app.py': lines(3) });
  const model = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(ws), { root: 'server' });
  const doc: IndexedDocument = { uri: 'file:///ws/server/.planning/codebase/CONCERNS.md', path: 'server/.planning/codebase/CONCERNS.md', folderUri: 'file:///ws', root: 'server', model };
  const ref = model.concerns[0]!.references[0]!;
  const value = (referenceHover(doc, ref.range.start, () => assert.fail('an ambiguous name is not read'))?.contents as { value: string }).value;
  assert.match(value, /\.env\.example\*\* — \? ambiguous: not in this document's project; a file of this name is elsewhere in the workspace/);
  assert.match(value, /- `client\/\.env\.example`/);
  // No diagnostic lands on the other project's file.
  assert.deepEqual(codeDiagnostics([doc]), []);
});

void test('a Files line shared by a list\'s concerns gives each the file, and the document one warning for it', () => {
  const text = '## Missing Critical Features\n\n- **Reminders:** none are sent.\n- **Rescheduling:** no flow.\n- Files for all of the above: `app/util.py`, `app/gone.py`\n';
  const doc = indexed(text);
  assert.deepEqual(
    doc.model.concerns.map((c) => [c.title, c.references.map((r) => `${r.path} ${r.status}`)]),
    [
      ['Reminders', ['app/util.py ok', 'app/gone.py missing']],
      ['Rescheduling', ['app/util.py ok', 'app/gone.py missing']],
    ],
  );
  const warnings = documentDiagnostics(doc).filter((d) => d.code === 'missing');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.range.start.line, 4);
  const gone = doc.model.concerns[0]!.references[1]!;
  assert.match((referenceHover(doc, gone.range.start, () => undefined)?.contents as { value: string }).value, /app\/gone\.py\*\* — ⚠ missing/);
  // `concerns check` reports it once too.
  const broken = computeFindings({ documents: [{ path: doc.path, model: doc.model }], driftKnown: false }).filter((f) => f.group === 'broken');
  assert.deepEqual(broken.map((f) => [f.reference.path, f.concern.title]), [['app/gone.py', 'Reminders']]);
});

void test('a shared Files line that drifted: one drift hint and one "Update line numbers" edit for the place', () => {
  const text = '## Fragile Areas\n\n- **Sync races:** two writers.\n- **Cache stale:** no expiry.\n- Files for all of the above: `app/auth.py:3-5`\n';
  const doc = indexed(text);
  const refs = doc.model.concerns.map((c) => c.references[0]!);
  assert.deepEqual(refs.map((r) => `${r.path}:${r.ranges.map((x) => `${x.start}-${x.end}`).join()}`), ['app/auth.py:3-5', 'app/auth.py:3-5']);
  // As drift leaves them: each concern's copy followed the code to lines 6-8.
  for (const ref of refs) ref.location = { state: 'moved', path: 'app/auth.py', ranges: [{ start: 6, end: 8 }], writtenPath: 'app/auth.py', writtenRanges: [{ start: 3, end: 5 }] };
  const hints = driftDiagnostics(doc);
  assert.deepEqual(hints.map((d) => [d.code, d.range.start.line]), [['moved', 4]]);
  const edits = updateLineNumbersEdits(doc.model.concerns, '');
  assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[4, '`app/auth.py:6-8`']]);
});

void test('reference hover in the document: the drift line, the preview where the code is now, mark resolved when changed', () => {
  const doc = indexed();
  const ref = doc.model.concerns[0]!.references[0]!;
  const baseline = 'abc1234def5678abc1234def5678abc1234def56';
  ref.location = { state: 'moved', path: 'app/auth.py', ranges: [{ start: 6, end: 8 }], writtenPath: 'app/auth.py', writtenRanges: [{ start: 3, end: 5 }], baseline };
  const reads: [number, number][] = [];
  const read = (_folder: string, _path: string, start: number, end: number) => {
    reads.push([start, end]);
    return ['a', 'b', 'c'];
  };
  const moved = (referenceHover(doc, ref.range.start, read)?.contents as { value: string }).value;
  assert.match(moved, /Written at lines 3-5 of app\/auth\.py \(abc1234\), now lines 6-8 \(moved\)\./);
  assert.match(moved, /Lines 6–8 now:/);
  assert.doesNotMatch(moved, /Mark concern resolved/);
  assert.deepEqual(reads, [[6, 8]]);

  ref.location = { ...ref.location, state: 'changed' };
  const changed = (referenceHover(doc, ref.range.start, read)?.contents as { value: string }).value;
  assert.match(changed, /now lines 6-8 \(changed since: the concern may have been dealt with\)/);
  assert.match(changed, /\[Mark concern resolved\]\(command:concerns\.markResolved\?/);

  ref.location = { state: 'gone', path: 'app/auth.py', ranges: [], writtenPath: 'app/auth.py', writtenRanges: [{ start: 3, end: 5 }], baseline, note: 'lines deleted' };
  assert.match((referenceHover(doc, ref.range.start, read)?.contents as { value: string }).value, /Written at lines 3-5 of app\/auth\.py \(abc1234\), gone: lines deleted\./);

  // Unknown with nothing to say why: the hover is as before, no drift line.
  ref.location = { ...ref.location, state: 'unknown', note: undefined };
  const unknown = (referenceHover(doc, ref.range.start, read)?.contents as { value: string }).value;
  assert.doesNotMatch(unknown, /[Ww]ritten at/);
  assert.match(unknown, /Lines 3–5:/);
  // Unknown because git could not answer: said, with the reason.
  ref.location = { ...ref.location, state: 'unknown', note: 'history not available: shallow clone' };
  const shallow = (referenceHover(doc, ref.range.start, read)?.contents as { value: string }).value;
  assert.match(shallow, /where it is now is unknown: history not available: shallow clone/);
});

void test('tree data: documents, concerns with summaries, file counts and reference targets', () => {
  const data = treeData([indexed()], 3, uriOf, () => 'ws');
  assert.equal(data.version, 3);
  const concerns = data.documents[0]!.concerns;
  assert.equal(concerns.length, 4);
  assert.equal(concerns[0]!.summary, 'timing attack on the API token');
  assert.equal(concerns[0]!.fileCount, 2);
  assert.deepEqual(concerns[0]!.references[0]!.targets, ['file:///ws/app/auth.py']);
  assert.equal(concerns[0]!.references[0]!.targetCount, 1);
  assert.equal(concerns[0]!.references[0]!.state, undefined, 'drift unknown: no state sent');
  assert.equal(concerns[1]!.resolved, true);
  // Cache without lock: cache.py twice (Files and Fix approach), gone.py missing: 1 file.
  assert.equal(concerns[2]!.fileCount, 2);
});

/** A document whose one concern names a glob matching `n` generated files, and auth.py. */
function globDocument(n: number): IndexedDocument {
  const files: Record<string, string> = { 'app/auth.py': lines(10) };
  for (let i = 1; i <= n; i++) files[`migrations/${String(i).padStart(4, '0')}_step.sql`] = lines(3);
  const text = `# Codebase Concerns\n\n## Tech Debt\n\n**Migrations never squashed:**\n- Issue: every deploy replays them all\n- Files: \`migrations/*.sql\`, \`app/auth.py\` (lines 2-3)\n`;
  return indexed(text, files);
}

void test('tree data: a glob matching many files sends its first files and the count, not every file', () => {
  const small = treeData([globDocument(30)], 1, uriOf, () => 'ws');
  const large = treeData([globDocument(1000)], 1, uriOf, () => 'ws');
  const concern = large.documents[0]!.concerns[0]!;
  const glob = concern.references[0]!;
  assert.equal(glob.kind, 'glob');
  assert.equal(glob.targets.length, TREE_TARGETS_CAP);
  assert.equal(glob.targetCount, 1000);
  assert.equal(concern.fileCount, 1001);
  assert.equal(glob.targets[0], 'file:///ws/migrations/0001_step.sql');
  // The answer does not grow with the glob's matches: only its two counts (1000 and 1001 files, 30 and 31) take two more digits.
  assert.equal(JSON.stringify(large).length - JSON.stringify(small).length, 2 * 2);
  assert.ok(JSON.stringify(large).length < 4_000, `${JSON.stringify(large).length} characters`);
  // One concern on its own (concerns/concern) lists them all.
  const doc = globDocument(1000);
  assert.equal(treeConcern(doc, doc.model.concerns[0]!, uriOf, Infinity).references[0]!.targets.length, 1000);
});

void test('tree data: each concern made once while the re-index keeps it', () => {
  const doc = indexed();
  const cache: TreeConcernCache = new WeakMap();
  const first = treeData([doc], 1, uriOf, () => 'ws', cache);
  const second = treeData([doc], 2, uriOf, () => 'ws', cache);
  assert.equal(second.documents[0]!.concerns[0], first.documents[0]!.concerns[0], 'the same concern object: not made again');
  // A concern the service replaced (an edit, or drift: copy-on-write) is made again.
  const replaced = { ...doc.model.concerns[0]!, title: 'Token compared with == (renamed)' };
  const third = treeData([{ ...doc, model: { ...doc.model, concerns: [replaced, ...doc.model.concerns.slice(1)] } }], 3, uriOf, () => 'ws', cache);
  assert.equal(third.documents[0]!.concerns[0]!.title, 'Token compared with == (renamed)');
  assert.equal(third.documents[0]!.concerns[1], first.documents[0]!.concerns[1]);
});

void test('which concerns name which files: every file of a glob, one file, lines where named', () => {
  const doc = globDocument(30);
  const index = new LocationIndex([doc], true);
  const all = fileConcerns(index, [doc], 4, uriOf);
  assert.equal(all.version, 4);
  assert.equal(all.files.length, 31, 'the 30 migrations beyond the tree\'s first 20, and auth.py');
  const [entry] = all.documents[0]!.concerns;
  assert.equal(entry?.id, doc.model.concerns[0]!.id);
  assert.deepEqual(entry.files.map((i) => all.files[i]).sort(), [...all.files].sort());
  const auth = all.files.indexOf('file:///ws/app/auth.py');
  assert.deepEqual(entry.lines, { [auth]: [{ start: 2, end: 3 }] }, 'lines only where named: the migrations are whole files');

  // One file: the 30th migration, which the tree does not list.
  const one = fileConcerns(index, [doc], 4, uriOf, [{ folderUri: 'file:///ws', path: 'migrations/0030_step.sql' }]);
  assert.deepEqual(one.files, ['file:///ws/migrations/0030_step.sql']);
  assert.deepEqual(one.documents[0]!.concerns, [{ id: entry.id, files: [0] }]);
  // A file no concern names, and no file at all.
  assert.deepEqual(fileConcerns(index, [doc], 4, uriOf, [{ folderUri: 'file:///ws', path: 'app/other.py' }]), { version: 4, files: [], documents: [] });
  assert.deepEqual(fileConcerns(index, [doc], 4, uriOf, []).documents, []);
});

void test('which concerns name which files: as the diagnostics see them (resolved included, broken and directories left out)', () => {
  const doc = indexed();
  const all = fileConcerns(new LocationIndex([doc], true), [doc], 1, uriOf);
  const files = (title: string) => {
    const id = doc.model.concerns.find((c) => c.title === title)!.id;
    const entry = all.documents[0]!.concerns.find((c) => c.id === id);
    return entry?.files.map((i) => all.files[i]!.replace('file:///ws/', '')).sort();
  };
  assert.deepEqual(files('Token compared with =='), ['app/auth.py', 'app/util.py']);
  assert.deepEqual(files('Old session cookie'), ['app/auth.py'], 'resolved concerns too: the view may show them');
  // app/gone.py is missing; app/auth.py:40-45 is out of range, still named.
  assert.deepEqual(files('Cache without lock'), ['app/auth.py', 'app/cache.py']);
});

// Each path feature reads a plain list (tests, small views) or a folder's file index, which it
// reads by prefix and name without making every path: both must answer the same.
const asListAndIndex = (files: string[]) => [files, FileIndex.fromList(files)] as const;

void test('path completion inside backticks in a Files field, by segment, from a list or a file index', () => {
  for (const files of asListAndIndex(['app/auth.py', 'app/util.py', 'docs/readme.md', 'backend/app/models.py'])) {
    const position = { line: 3, character: 12 };
    assert.deepEqual(pathCompletions('- Files: `ap', true, files, position).map((c) => c.label), ['app/']);
    assert.deepEqual(pathCompletions('- Files: `app/', true, files, { line: 3, character: 14 }).map((c) => c.label), ['auth.py', 'util.py']);
    assert.deepEqual(pathCompletions('- Files: `app/` and', true, files, position), []);
    assert.deepEqual(pathCompletions('- Issue: `ap', false, files, position), []);
    // A nested project's document completes paths relative to its root.
    assert.deepEqual(pathCompletions('- Files: `app/', true, files, { line: 3, character: 14 }, 200, 'backend').map((c) => [c.label, c.detail]), [['models.py', 'app/models.py']]);
  }
});

void test('nearest paths: a moved file by name, a renamed one by edit distance, from a list or a file index', () => {
  for (const files of asListAndIndex(['src/new/auth.py', 'src/cache.py', 'src/caches.py', 'tests/test_auth.py'])) {
    assert.deepEqual(nearestPaths('src/auth.py', files), ['src/new/auth.py']);
    assert.deepEqual(nearestPaths('src/cahce.py', files).slice(0, 1), ['src/cache.py']);
    assert.deepEqual(nearestPaths('tests/test_authentication.py', files), ['tests/test_auth.py']);
    assert.deepEqual(nearestPaths('lib/cahce.py', files).slice(0, 1), ['src/cache.py'], 'nothing in its directory: the whole workspace');
    assert.deepEqual(nearestPaths('docs/unrelated.md', files), []);
  }
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

void test('line shifts: ranges follow lines inserted and removed above them', () => {
  const shifts = new LineShifts();
  assert.equal(shifts.isEmpty, true);
  shifts.record({ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'a\nb\nc\n');
  assert.equal(shifts.map(0), 0);
  assert.equal(shifts.map(5), 8);
  assert.equal(shifts.unmap(8), 5);
  shifts.record({ start: { line: 2, character: 0 }, end: { line: 4, character: 0 } }, '');
  assert.equal(shifts.map(5), 6);
  // Same-line edits move nothing.
  shifts.record({ start: { line: 9, character: 1 }, end: { line: 9, character: 4 } }, 'xyz');
  assert.equal(shifts.map(5), 6);
});

void test('a concern id the document gives (`SEC-1 — Title`) is shown before the title in the hover and the tree', () => {
  const text = '# Concerns\n\n## Security\n\n### SEC-1 — Token compared with ==\n- Files: `app/auth.py` (lines 3-5)\n';
  const doc = indexed(text);
  const concern = doc.model.concerns[0]!;
  assert.equal(concern.label, 'SEC-1');
  assert.equal(concern.title, 'Token compared with ==');
  const hover = codeHover(new LocationIndex([doc]), 'file:///ws', 'app/auth.py', 3);
  assert.match((hover?.contents as { value: string }).value, /\*\*SEC-1 · Token compared with ==\*\*/);
  assert.equal(treeConcern(doc, concern, uriOf).title, 'SEC-1 · Token compared with ==');
});

void test('a concern of no category (each concern a section of its own): no empty outline node, a neutral diagnostic code', () => {
  const text = [
    '# CONCERNS',
    '',
    '## Session token is logged in clear',
    '',
    '`app/auth.py:3` writes the token to the log.',
    '',
    '## Tech Debt',
    '',
    '**Cache without lock:**',
    '- Files: `app/cache.py`',
    '',
  ].join('\n');
  const doc = indexed(text);
  assert.deepEqual(
    doc.model.concerns.map((c) => [c.category, c.title]),
    [
      ['', 'Session token is logged in clear'],
      ['Tech Debt', 'Cache without lock'],
    ],
  );
  const symbols = documentSymbols(doc);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.children?.map((c) => c.name)]),
    [
      ['Session token is logged in clear', undefined],
      ['Tech Debt', ['Cache without lock']],
    ],
  );
  assert.equal(workspaceSymbols([doc], 'session')[0]!.containerName, undefined);
  const auth = codeDiagnostics([doc]).find((f) => f.path === 'app/auth.py')!;
  assert.deepEqual(
    auth.diagnostics.map((d) => [d.code, d.relatedInformation?.[0]?.message]),
    [['concern', 'Session token is logged in clear']],
  );
});
