// Protocol tests of the language features, as an editor asks for them: hover, quick fixes,
// document links, symbols, folding, code lenses, completion, the Concerns view's requests, and
// diagnostics that follow edits in an open file.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { CodeAction, CodeLens, CompletionItem, DocumentLink, DocumentSymbol, FoldingRange, Hover, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ConcernDetails, FileConcerns } from '../../server/src/protocol';
import { unpackTree, type WireTree } from '../../server/src/treeWire';
import { fileUri, LspClient } from './lspClient';
import { tempWorkspace } from '../unit/helpers/tempWorkspace';

const DOC = `# Codebase Concerns

**Analysis Date:** 2026-02-01

## Security Considerations

**Token compared with ==:**
- Risk: timing attack on the API token
- Files: \`src/auth.py\` (lines 3-5)
- Recommendations: use hmac.compare_digest

## Tech Debt

**Cache without lock:**
- Issue: global dict shared by threads
- Files: \`src/cache.py\`, \`src/cahce.py\`, \`src/ca*.py\`
- Fix approach: add a lock

## Evidence

- \`src/util.py\` and \`src/nowhere.py\` were read for this audit.
`;

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n') + '\n';

async function start(t: TestContext): Promise<{ c: LspClient; root: string; uri: (rel: string) => string }> {
  const root = tempWorkspace(t, { '.planning/codebase/CONCERNS.md': DOC, 'src/auth.py': lines(10), 'src/cache.py': lines(4), 'src/util.py': lines(2) }, 'concerns-features-');
  const c = new LspClient();
  t.after(() => c.dispose());
  await c.initialize([root]);
  const uri = (rel: string) => fileUri(path.join(root, rel));
  await c.waitForDiagnostics(uri('src/auth.py'), (d) => d.length === 1);
  return { c, root, uri };
}

const DOC_PATH = '.planning/codebase/CONCERNS.md';

void test('hover in a referenced file shows the concern card; outside the range, nothing', async (t) => {
  const { c, uri } = await start(t);
  const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('src/auth.py') }, position: { line: 3, character: 2 } });
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /\*\*Token compared with ==\*\*/);
  assert.match(value, /timing attack on the API token/);
  assert.match(value, /command:concerns\.openConcern/);
  const none = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri('src/auth.py') }, position: { line: 8, character: 0 } });
  assert.equal(none, null);
  await c.shutdown();
});

void test('hover on a reference in the document previews the referenced lines', async (t) => {
  const { c, uri } = await start(t);
  const line = DOC.split('\n').findIndex((l) => l.includes('src/auth.py'));
  const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(DOC_PATH) }, position: { line, character: 12 } });
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /src\/auth\.py\*\* — ✓ found/);
  assert.match(value, /line_3 = 3\nline_4 = 4\nline_5 = 5/);
  assert.doesNotMatch(value, /line_6/);
  await c.shutdown();
});

void test('quick fixes on a concern diagnostic, and on a broken reference in the document', async (t) => {
  const { c, uri } = await start(t);
  const diagnostic = (await c.waitForDiagnostics(uri('src/auth.py'), (d) => d.length === 1))[0]!;
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri('src/auth.py') }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  assert.deepEqual(
    actions.map((a) => a.title.split(':')[0]),
    ['Go to fix approach', 'Reveal in Concerns view', 'Mark concern resolved', 'Copy concern as markdown'],
  );
  const edit = actions[2]!.edit!.documentChanges![0] as { textDocument: { uri: string; version: number | null }; edits: { newText: string }[] };
  assert.equal(edit.textDocument.uri, uri(DOC_PATH));
  assert.equal(edit.textDocument.version, null, 'the document is not open: no version');

  const broken = (await c.waitForDiagnostics(uri(DOC_PATH), (d) => d.some((x) => x.code === 'missing'))).find((d) => d.code === 'missing')!;
  const fixes = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri(DOC_PATH) }, range: broken.range, context: { diagnostics: [broken] } });
  assert.equal(fixes[0]?.title, 'Change to src/cache.py');
  await c.shutdown();
});

void test('mark resolved on an open document carries its version; the edit resolves the concern', async (t) => {
  const { c, uri } = await start(t);
  await c.open(uri(DOC_PATH), DOC);
  await c.change(uri(DOC_PATH), DOC);
  const tree = unpackTree(await c.request<WireTree>('concerns/tree'));
  const token = tree.documents[0]!.concerns[0]!;
  const edit = await c.request<WorkspaceEdit | null>('concerns/markResolvedEdit', { documentUri: uri(DOC_PATH), concernId: token.id });
  const change = edit?.documentChanges?.[0] as { textDocument: { version: number }; edits: { range: { start: { line: number; character: number } }; newText: string }[] };
  assert.equal(change.textDocument.version, 2);
  const e = change.edits[0]!;
  const docLines = DOC.split('\n');
  const line = docLines[e.range.start.line]!;
  docLines[e.range.start.line] = line.slice(0, e.range.start.character) + e.newText + line.slice(e.range.start.character);
  await c.change(uri(DOC_PATH), docLines.join('\n'));
  await c.waitForDiagnostics(uri('src/auth.py'), (d) => d.length === 0, undefined, 'the resolved concern to leave auth.py');
  const after = unpackTree(await c.request<WireTree>('concerns/tree'));
  assert.equal(after.documents[0]!.concerns.find((x) => x.id === token.id)?.resolved, true);
  await c.shutdown();
});

void test('document links, symbols, folding, code lenses and workspace symbols', async (t) => {
  const { c, uri } = await start(t);
  const doc = { textDocument: { uri: uri(DOC_PATH) } };
  const links = await c.request<DocumentLink[]>('textDocument/documentLink', doc);
  assert.ok(links.some((l) => l.target === `${uri('src/auth.py')}#L3`));
  assert.ok(links.some((l) => l.target?.startsWith('command:concerns.openReference')), 'the glob opens a pick of its matches');
  // A path outside every concern (the evidence list) is a link too; one that names nothing is not.
  const evidence = DOC.split('\n').findIndex((l) => l.includes('were read for this audit'));
  assert.ok(links.some((l) => l.target === uri('src/util.py') && l.range.start.line === evidence), JSON.stringify(links.map((l) => [l.range.start.line, l.target])));
  assert.equal(links.filter((l) => l.range.start.line === evidence).length, 1);
  const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', doc);
  assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((x) => x.name)]), [
    ['Security Considerations', ['Token compared with ==']],
    ['Tech Debt', ['Cache without lock']],
  ]);
  const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', doc);
  assert.ok(folds.some((f) => f.startLine === 6));
  const lenses = await c.request<CodeLens[]>('textDocument/codeLens', doc);
  assert.deepEqual(lenses.map((l) => l.command?.title), ['1 file · 1 range', '1 file · 1 missing']);
  const found = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'cache' });
  assert.deepEqual(found.map((s) => s.name), ['Cache without lock']);
  await c.shutdown();
});

void test('path completion inside backticks in a Files field', async (t) => {
  const { c, uri } = await start(t);
  const text = DOC.replace('- Files: `src/cache.py`', '- Files: `src/c');
  await c.open(uri(DOC_PATH), text);
  const line = text.split('\n').findIndex((l) => l.startsWith('- Files: `src/c'));
  await c.waitForIndexChanged(2);
  const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri(DOC_PATH) }, position: { line, character: '- Files: `src/c'.length } });
  assert.deepEqual(items.map((i) => i.label), ['cache.py']);
  await c.shutdown();
});

void test('the Concerns view requests: tree data and one concern as markdown', async (t) => {
  const { c, uri } = await start(t);
  const tree = unpackTree(await c.request<WireTree>('concerns/tree'));
  assert.equal(tree.documents.length, 1);
  const [token, cache] = tree.documents[0]!.concerns;
  assert.equal(token?.summary, 'timing attack on the API token');
  assert.deepEqual(token?.references[0]?.targets, [uri('src/auth.py')]);
  assert.deepEqual(cache?.references.map((r) => r.status), ['ok', 'missing', 'ok']);
  const details = await c.request<ConcernDetails | null>('concerns/concern', { documentUri: uri(DOC_PATH), concernId: token.id });
  assert.equal(details?.markdown, ['**Token compared with ==:**', '- Risk: timing attack on the API token', '- Files: `src/auth.py` (lines 3-5)', '- Recommendations: use hmac.compare_digest'].join('\n'));
  assert.deepEqual(details.titleRange.start, { line: 6, character: 0 });
  assert.equal(details.fixRange?.start.line, 9);
  await c.shutdown();
});

void test('a glob of many files: the tree sends the first 20 and the count; the concern and concerns/files tell every file', async (t) => {
  const files: Record<string, string> = { '.planning/codebase/CONCERNS.md': DOC.replace('`src/ca*.py`', '`src/ca*.py`, `migrations/*.sql`'), 'src/auth.py': lines(10), 'src/cache.py': lines(4) };
  for (let i = 1; i <= 25; i++) files[`migrations/${String(i).padStart(4, '0')}.sql`] = lines(2);
  const root = tempWorkspace(t, files, 'concerns-many-');
  const c = new LspClient();
  t.after(() => c.dispose());
  await c.initialize([root]);
  const uri = (rel: string) => fileUri(path.join(root, rel));
  await c.waitForDiagnostics(uri('src/auth.py'), (d) => d.length === 1);

  const tree = unpackTree(await c.request<WireTree>('concerns/tree'));
  const cache = tree.documents[0]!.concerns[1]!;
  const glob = cache.references.find((r) => r.path === 'migrations/*.sql')!;
  assert.equal(glob.targets.length, 20);
  assert.equal(glob.targetCount, 25);
  assert.equal(cache.fileCount, 26, 'src/cache.py and the 25 migrations');
  const details = await c.request<ConcernDetails | null>('concerns/concern', { documentUri: uri(DOC_PATH), concernId: cache.id });
  const all = details?.concern.references.find((r) => r.path === 'migrations/*.sql')?.targets ?? [];
  assert.equal(all.length, 25);
  assert.deepEqual(all.slice(0, 20), glob.targets);

  // One file beyond the tree's first 20: the concern names it.
  const last = all.find((u) => !glob.targets.includes(u))!;
  const one = await c.request<FileConcerns>('concerns/files', { uri: last });
  assert.equal(one.version, tree.version);
  assert.deepEqual(one.files, [last]);
  assert.deepEqual(one.documents, [{ uri: uri(DOC_PATH), concerns: [{ id: cache.id, files: [0] }] }]);
  // A file named by no concern; every file.
  assert.deepEqual((await c.request<FileConcerns>('concerns/files', { uri: uri('src/util.py') })).documents, []);
  const every = await c.request<FileConcerns>('concerns/files', {});
  assert.deepEqual([...every.files].sort(), [uri('src/auth.py'), uri('src/cache.py'), ...all].sort());
  const named = (id: string) => every.documents[0]!.concerns.find((x) => x.id === id)!;
  assert.equal(named(cache.id).files.length, 26);
  const auth = every.files.indexOf(uri('src/auth.py'));
  assert.deepEqual(named(tree.documents[0]!.concerns[0]!.id), { id: tree.documents[0]!.concerns[0]!.id, files: [auth], lines: { [auth]: [{ start: 3, end: 5 }] } });
  await c.shutdown();
});

void test('diagnostics follow lines inserted above them in an open file, until it is saved', async (t) => {
  const { c, uri } = await start(t);
  const auth = uri('src/auth.py');
  await c.open(auth, lines(10), 'python');
  await c.edit(auth, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'import hmac\nimport os\n' }]);
  const moved = await c.waitForDiagnostics(auth, (d) => d[0]?.range.start.line === 4, undefined, 'the diagnostic two lines lower');
  // One mark on the first cited line; the cited range, shifted with it, in its data.
  assert.equal(moved[0]!.range.end.line, 4);
  assert.deepEqual((moved[0]!.data as { lines: unknown }).lines, { start: 4, end: 6 });
  const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: auth }, position: { line: 4, character: 0 } });
  assert.ok(hover, 'the hover follows too');
  await c.edit(auth, [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
  await c.waitForDiagnostics(auth, (d) => d[0]?.range.start.line === 2, undefined, 'the diagnostic back in place');
  await c.shutdown();
});

void test('multi-root: each folder’s document maps onto its own folder', async (t) => {
  const make = (doc: string, files: Record<string, string>) => tempWorkspace(t, { '.planning/codebase/CONCERNS.md': doc, ...files }, 'concerns-multiroot-');
  const a = make(DOC, { 'src/auth.py': lines(10), 'src/cache.py': lines(2) });
  const b = make(DOC.replace('(lines 3-5)', '(line 1)'), { 'src/auth.py': lines(3) });
  const c = new LspClient();
  t.after(() => c.dispose());
  await c.initialize([a, b]);
  const inA = await c.waitForDiagnostics(fileUri(path.join(a, 'src/auth.py')), (d) => d.length === 1);
  const inB = await c.waitForDiagnostics(fileUri(path.join(b, 'src/auth.py')), (d) => d.length === 1);
  assert.equal(inA[0]!.range.start.line, 2);
  assert.equal(inB[0]!.range.start.line, 0);
  assert.equal(inB[0]!.relatedInformation?.[0]?.location.uri, fileUri(path.join(b, '.planning/codebase/CONCERNS.md')));
  const tree = unpackTree(await c.request<WireTree>('concerns/tree'));
  assert.deepEqual(tree.documents.map((d) => d.folderUri).sort(), [fileUri(a), fileUri(b)].sort());
  await c.shutdown();
});

void test('a parameterless request sent with "params": null is answered, not failed', async (t) => {
  const { c } = await start(t);
  const tree = unpackTree(await c.request<WireTree>('concerns/tree', null));
  assert.equal(tree.documents.length, 1);
  const summary = await c.request<{ documents: unknown[] }>('concerns/indexSummary', null);
  assert.equal(summary.documents.length, 1);
  await c.shutdown();
});
