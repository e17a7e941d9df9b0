// Protocol tests: the bundled server (dist/server.js) over stdio, driven as an editor would drive it.
// Run: npm run build && node --import tsx --test test/protocol/diagnostics.test.ts
// Each test has its own temp workspace and its own server process.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { FileChangeType, fileUri, LspClient, SERVER_PATH, type LspClientOptions } from './lspClient';
import { MarkPlacements } from '../../server/src/markPlacements';
import { tempWorkspace, writeFiles } from '../unit/helpers/tempWorkspace';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const TEST_TIMEOUT_MS = 20_000;

/** `n` numbered lines, each ending in a newline. */
const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n') + '\n';

/** 0-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `fixture text has no line with ${needle}`);
  return index;
}

const DOC = `# Codebase Concerns

**Analysis Date:** 2026-01-10

## Security Considerations

**Token compared with ==:**
- Risk: timing attack lets a caller guess the API token
- Files: \`src/auth.py\` (lines 3-5)
- Recommendations: use hmac.compare_digest

## Tech Debt

**Legacy sync module kept alive:**
- Issue: the old nightly sync is still imported though nothing schedules it
- Files: \`src/legacy_sync.py\`
- Fix approach: delete the module
`;

const SOURCES: Record<string, string> = {
  'src/auth.py': lines(10),
  'src/legacy_sync.py': lines(4),
  'src/db.py': lines(6),
  'src/untouched.py': lines(3),
};

interface Workspace {
  root: string;
  uri(rel: string): string;
  write(rel: string, text: string): void;
  remove(rel: string): void;
}

/** A temp folder with `files` (workspace-relative path → text), removed when the test ends. */
function workspace(t: TestContext, files: Record<string, string>): Workspace {
  const root = tempWorkspace(t, files, 'concerns-protocol-');
  return {
    root,
    uri: (rel) => fileUri(path.join(root, rel)),
    write: (rel, text) => writeFiles(root, { [rel]: text }),
    remove: (rel) => fs.rmSync(path.join(root, rel)),
  };
}

/** A server on `ws`, initialized and through its first index; killed when the test ends if still running. */
async function startServer(t: TestContext, ws: Workspace, options: LspClientOptions = {}): Promise<LspClient> {
  const client = new LspClient(options);
  t.after(() => client.dispose());
  await client.initialize([ws.root]);
  await client.waitForIndexChanged(1);
  return client;
}

const concernDiagnostics = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.source === 'concerns');
const withCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === code);
/**
 * A concern's mark for the cited 0-based lines `start` to `endExclusive - 1`: the text of the first
 * line only (`concerns.diagnostics.range` `firstLine`, the default), the whole range in its data.
 */
const onLines = (start: number, endExclusive: number) => (d: Diagnostic) => {
  const lines = (d.data as { lines?: { start: number; end: number } } | undefined)?.lines;
  return d.range.start.line === start && d.range.end.line === start && d.range.end.character > 0 && lines?.start === start && lines.end === endExclusive - 1;
};

void test('the built server exists (run npm run build first)', () => {
  assert.ok(fs.existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run npm run build`);
});

void test('publishes one diagnostic per concern on each referenced file: range, source, code, message, relatedInformation', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const ws = workspace(t, { [CONCERNS]: DOC, ...SOURCES });
  const client = await startServer(t, ws);
  const docUri = ws.uri(CONCERNS);

  // (lines 3-5) → one mark on the text of line 3 (`line_3 = 3`), the whole range 2..4 in its data.
  const [auth] = await client.waitForDiagnostics(ws.uri('src/auth.py'), (d) => d.length > 0, undefined, 'the security concern');
  assert.equal(client.diagnostics.get(ws.uri('src/auth.py'))?.length, 1, `one concern, one diagnostic${client.context()}`);
  assert.ok(auth);
  assert.deepEqual(auth.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 'line_3 = 3'.length } });
  assert.deepEqual((auth.data as { lines: unknown }).lines, { start: 2, end: 4 });
  assert.equal(auth.source, 'concerns');
  assert.equal(auth.code, 'Security Considerations');
  assert.equal(auth.message, 'Token compared with ==: timing attack lets a caller guess the API token');
  assert.equal(auth.relatedInformation?.length, 1);
  const related = auth.relatedInformation[0]!;
  assert.equal(related.location.uri, docUri);
  assert.equal(related.location.range.start.line, lineOf(DOC, '**Token compared with ==:**'));
  assert.match(related.message, /Token compared with ==/);

  // A whole-file reference lands on the first line.
  const [legacy] = await client.waitForDiagnostics(ws.uri('src/legacy_sync.py'), (d) => d.length > 0, undefined, 'the whole-file concern');
  assert.ok(legacy);
  assert.deepEqual(legacy.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'line_1 = 1'.length } });
  assert.equal((legacy.data as { lines?: unknown }).lines, undefined, 'a whole file has no range to shade');
  assert.equal(legacy.source, 'concerns');
  assert.equal(legacy.code, 'Tech Debt');
  assert.equal(legacy.message, 'Legacy sync module kept alive: the old nightly sync is still imported though nothing schedules it');
  assert.equal(legacy.relatedInformation?.[0]?.location.uri, docUri);
  assert.equal(legacy.relatedInformation?.[0]?.location.range.start.line, lineOf(DOC, '**Legacy sync module kept alive:**'));

  // indexChanged comes after the pass's publishes: by now everything of the first pass is here.
  assert.deepEqual(client.diagnostics.get(docUri), [], `no broken references, so no warnings in the document${client.context()}`);
  assert.equal(client.diagnostics.get(ws.uri('src/untouched.py')), undefined, 'a file no concern names gets nothing');
  assert.deepEqual([...client.diagnostics.keys()].sort(), [docUri, ws.uri('src/auth.py'), ws.uri('src/legacy_sync.py')].sort());

  // It asked for its settings per folder and registered its file watcher.
  assert.deepEqual(client.configurationRequests[0], { scopeUri: fileUri(ws.root), section: 'concerns' });
  assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'registers workspace/didChangeWatchedFiles');
  await client.shutdown();
});

void test('unsaved edits of the open document move and add diagnostics; closing without saving restores the disk version', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const ws = workspace(t, { [CONCERNS]: DOC, ...SOURCES });
  const client = await startServer(t, ws);
  const docUri = ws.uri(CONCERNS);
  const auth = ws.uri('src/auth.py');
  const db = ws.uri('src/db.py');
  await client.waitForDiagnostics(auth, (d) => d.length === 1 && onLines(2, 5)(d[0]!), undefined, 'the disk version: lines 3-5');

  await client.open(docUri, DOC);
  const moved = DOC.replace('`src/auth.py` (lines 3-5)', '`src/auth.py` (lines 7-8)');
  await client.change(docUri, moved);
  await client.waitForDiagnostics(auth, (d) => d.length === 1 && onLines(6, 8)(d[0]!), undefined, 'the diagnostic moved to lines 7-8 (one, not two)');

  const added = `${moved}
**Connection pool never closed:**
- Issue: every request opens a new connection
- Files: \`src/db.py\` (lines 2-3)
`;
  await client.change(docUri, added);
  const [pool] = await client.waitForDiagnostics(db, (d) => d.length === 1, undefined, 'the added concern');
  assert.ok(pool);
  assert.ok(onLines(1, 3)(pool), `added concern on lines 2-3: ${JSON.stringify(pool.range)}`);
  assert.equal(pool.code, 'Tech Debt');
  assert.equal(pool.message, 'Connection pool never closed: every request opens a new connection');
  assert.equal(pool.relatedInformation?.[0]?.location.range.start.line, lineOf(added, '**Connection pool never closed:**'));
  assert.equal(client.diagnostics.get(auth)?.length, 1, 'the other concern is still there, once');
  assert.equal(fs.readFileSync(path.join(ws.root, CONCERNS), 'utf8'), DOC, 'the test never saved');

  await client.close(docUri);
  await client.waitForDiagnostics(auth, (d) => d.length === 1 && onLines(2, 5)(d[0]!), undefined, 'the disk version back: lines 3-5');
  await client.waitForDiagnostics(db, (d) => d.length === 0, undefined, 'the unsaved concern gone');
  assert.equal(client.publishCounts.get(db), 2, 'db.py: published once with the concern, once cleared');
  await client.shutdown();
});

void test('creating a missing referenced file publishes on it and clears the missing warning; deleting it brings the warning back', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const doc = `${DOC}
**Cache layer not written yet:**
- Issue: the read path assumes a cache that does not exist
- Files: \`src/cache.py\` (lines 1-2)
`;
  const ws = workspace(t, { [CONCERNS]: doc, ...SOURCES });
  const client = await startServer(t, ws);
  const docUri = ws.uri(CONCERNS);
  const cache = ws.uri('src/cache.py');
  const missing = withCode('missing');

  const [warning] = await client.waitForDiagnostics(docUri, (d) => missing(d).length === 1, undefined, 'the missing warning');
  assert.ok(warning);
  assert.equal(warning.source, 'concerns');
  assert.equal(warning.severity, DiagnosticSeverity.Warning);
  assert.match(warning.message, /src\/cache\.py/);
  assert.equal(warning.range.start.line, lineOf(doc, '`src/cache.py`'));
  assert.equal(client.diagnostics.get(cache), undefined, 'nothing published on a file that does not exist');

  ws.write('src/cache.py', lines(3));
  await client.sendWatchedFiles([{ uri: cache, type: FileChangeType.Created }]);
  const [onCache] = await client.waitForDiagnostics(cache, (d) => d.length === 1, undefined, 'the concern on the created file');
  assert.ok(onCache);
  assert.ok(onLines(0, 2)(onCache), `lines 1-2: ${JSON.stringify(onCache.range)}`);
  assert.equal(onCache.code, 'Tech Debt');
  await client.waitForDiagnostics(docUri, (d) => missing(d).length === 0, undefined, 'the missing warning cleared');

  ws.remove('src/cache.py');
  await client.sendWatchedFiles([{ uri: cache, type: FileChangeType.Deleted }]);
  await client.waitForDiagnostics(cache, (d) => d.length === 0, undefined, 'diagnostics of the deleted file cleared');
  await client.waitForDiagnostics(docUri, (d) => missing(d).length === 1, undefined, 'the missing warning back');
  // The other concerns are unaffected throughout.
  assert.equal(client.diagnostics.get(ws.uri('src/auth.py'))?.length, 1);
  await client.shutdown();
});

void test('a reference past the end of its file gives an out-of-range warning in the document', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const doc = DOC.replace('`src/auth.py` (lines 3-5)', '`src/auth.py` (lines 40-45)');
  const ws = workspace(t, { [CONCERNS]: doc, ...SOURCES });
  const client = await startServer(t, ws);
  const docUri = ws.uri(CONCERNS);

  const diagnostics = await client.waitForDiagnostics(docUri, (d) => withCode('out-of-range')(d).length === 1, undefined, 'the out-of-range warning');
  const [warning] = withCode('out-of-range')(diagnostics);
  assert.ok(warning);
  assert.equal(warning.severity, DiagnosticSeverity.Warning);
  assert.equal(warning.source, 'concerns');
  assert.match(warning.message, /src\/auth\.py/);
  assert.equal(warning.range.start.line, lineOf(doc, '(lines 40-45)'));
  assert.equal(concernDiagnostics(diagnostics).length, 1, `only that warning in the document${client.context()}`);
  assert.equal(client.diagnostics.get(ws.uri('src/auth.py')), undefined, 'no diagnostic on lines that do not exist');
  assert.equal(client.diagnostics.get(ws.uri('src/legacy_sync.py'))?.length, 1, 'the sound concern is still published');
  await client.shutdown();
});

void test('a nested project resolves its references against its own root', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const nested = `# Codebase Concerns

## Performance Bottlenecks

**Query per order in a loop:**
- Problem: one SELECT per order (N+1 queries)
- Files: \`src/x.py\` (lines 2-3)
`;
  const ws = workspace(t, {
    'backend/.planning/codebase/CONCERNS.md': nested,
    'backend/src/x.py': lines(5),
    // A decoy at the folder root with the same relative path: it must not be chosen.
    'src/x.py': lines(5),
  });
  const client = await startServer(t, ws);

  const [d] = await client.waitForDiagnostics(ws.uri('backend/src/x.py'), (ds) => ds.length === 1, undefined, 'the nested concern on backend/src/x.py');
  assert.ok(d);
  assert.ok(onLines(1, 3)(d), `lines 2-3: ${JSON.stringify(d.range)}`);
  assert.equal(d.code, 'Performance Bottlenecks');
  assert.equal(d.message, 'Query per order in a loop: one SELECT per order (N+1 queries)');
  assert.equal(d.relatedInformation?.[0]?.location.uri, ws.uri('backend/.planning/codebase/CONCERNS.md'));
  assert.equal(client.diagnostics.get(ws.uri('src/x.py')), undefined, `the root's src/x.py is not the one meant${client.context()}`);
  assert.deepEqual(client.diagnostics.get(ws.uri('backend/.planning/codebase/CONCERNS.md')), [], 'no broken references');
  await client.shutdown();
});

void test('concerns/indexSummary lists the documents with their counts and a version that bumps', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const root = `${DOC}
**Cache layer not written yet:**
- Issue: the read path assumes a cache that does not exist
- Files: \`src/cache.py\`, \`src/db.py\` (lines 1-2)
`;
  const nested = `# Codebase Concerns

## Test Coverage Gaps

**No tests for the API:**
- What's not tested: every handler
- Files: \`api/handlers.py\`
`;
  const ws = workspace(t, {
    [CONCERNS]: root,
    ...SOURCES,
    'services/api/.planning/codebase/CONCERNS.md': nested,
    'services/api/api/handlers.py': lines(8),
  });
  const client = await startServer(t, ws);
  const folderUri = fileUri(ws.root);

  const summary = await client.indexSummary();
  assert.equal(summary.version, client.lastIndexVersion);
  assert.ok(summary.version >= 1);
  const byPath = new Map(summary.documents.map((d) => [d.path, d]));
  assert.deepEqual([...byPath.keys()].sort(), [CONCERNS, 'services/api/.planning/codebase/CONCERNS.md']);
  // 3 concerns; references: auth.py, legacy_sync.py, cache.py, db.py; problems: cache.py (missing).
  assert.deepEqual(byPath.get(CONCERNS), { uri: ws.uri(CONCERNS), path: CONCERNS, folderUri, concerns: 3, references: 4, problems: 1 });
  assert.deepEqual(byPath.get('services/api/.planning/codebase/CONCERNS.md'), {
    uri: ws.uri('services/api/.planning/codebase/CONCERNS.md'),
    path: 'services/api/.planning/codebase/CONCERNS.md',
    folderUri,
    concerns: 1,
    references: 1,
    problems: 0,
  });
  await client.waitForDiagnostics(ws.uri('services/api/api/handlers.py'), (d) => d.length === 1, undefined, 'the nested concern');

  // Creating the missing file: one more pass, one problem fewer.
  ws.write('src/cache.py', lines(2));
  await client.sendWatchedFiles([{ uri: ws.uri('src/cache.py'), type: FileChangeType.Created }]);
  await client.waitForIndexChanged(summary.version + 1);
  const after = await client.indexSummary();
  assert.ok(after.version > summary.version, `version bumps: ${summary.version} → ${after.version}`);
  assert.equal(after.documents.find((d) => d.path === CONCERNS)?.problems, 0);
  await client.shutdown();
});

void test('settings: concerns.documents from workspace/configuration indexes a document at a custom path', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const risks = `# Risks

## Fragile Areas

**Scheduler state shared across threads:**
- Why fragile: a global dict mutated without a lock
- Files: \`src/db.py\` (lines 4-6)
`;
  const ws = workspace(t, { 'notes/risks.md': risks, ...SOURCES });
  const client = await startServer(t, ws, { configuration: { concerns: { documents: ['notes/risks.md'] } } });
  const risksUri = ws.uri('notes/risks.md');

  const [d] = await client.waitForDiagnostics(ws.uri('src/db.py'), (ds) => ds.length === 1, undefined, 'the concern of the custom-path document');
  assert.ok(d);
  assert.ok(onLines(3, 6)(d), `lines 4-6: ${JSON.stringify(d.range)}`);
  assert.equal(d.code, 'Fragile Areas');
  assert.equal(d.relatedInformation?.[0]?.location.uri, risksUri);
  assert.deepEqual(
    (await client.indexSummary()).documents.map((doc) => doc.path),
    ['notes/risks.md'],
  );
  assert.deepEqual(client.configurationRequests.at(-1), { scopeUri: fileUri(ws.root), section: 'concerns' });

  // The setting goes away: after didChangeConfiguration the server reads it again and drops the document.
  client.configuration = { concerns: {} };
  await client.changeConfiguration();
  await client.waitForDiagnostics(ws.uri('src/db.py'), (ds) => ds.length === 0, undefined, 'the concern gone with the setting');
  assert.deepEqual((await client.indexSummary()).documents, []);
  await client.shutdown();
});

void test('a mark covers the first non-blank cited line, trimmed; an edit of the file on disk places it again', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const code = 'import os\n\n\n    def check(token):   \n        return token == SECRET\n';
  const ws = workspace(t, { [CONCERNS]: DOC.replace('(lines 3-5)', '(lines 2-5)'), ...SOURCES, 'src/auth.py': code });
  const client = await startServer(t, ws);
  const auth = ws.uri('src/auth.py');
  // Lines 2-3 are blank: the mark is on line 4, from `def` to `:` (no indentation, no trailing blanks).
  const [d] = await client.waitForDiagnostics(auth, (ds) => ds.length === 1, undefined, 'the mark');
  assert.deepEqual(d!.range, { start: { line: 3, character: 4 }, end: { line: 3, character: '    def check(token):'.length } });
  assert.deepEqual((d!.data as { lines: unknown }).lines, { start: 1, end: 4 });
  // The file edited on disk (not open): the mark follows the new text of its line.
  ws.write('src/auth.py', 'import os\nx = 1\n\n    def check(token):   \n        return token == SECRET\n');
  await client.sendWatchedFiles([{ uri: auth, type: FileChangeType.Changed }]);
  const [again] = await client.waitForDiagnostics(auth, (ds) => ds[0]?.range.start.line === 1, undefined, 'the mark on line 2, which has text now');
  assert.deepEqual(again!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  await client.shutdown();
});

void test('settings: concerns.diagnostics.range whole marks every cited line; concerns.diagnostics.fields adds fields', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const doc = DOC.replace('- Fix approach: delete the module', '- Fix approach: delete the module and its import in `src/db.py`');
  const ws = workspace(t, { [CONCERNS]: doc, ...SOURCES });
  const client = await startServer(t, ws);
  const auth = ws.uri('src/auth.py');
  await client.waitForDiagnostics(auth, (ds) => ds.length === 1 && onLines(2, 5)(ds[0]!), undefined, 'the first-line mark');
  // By default the fix approach's `src/db.py` marks nothing.
  assert.equal(client.diagnostics.get(ws.uri('src/db.py')), undefined, `no mark from a fix approach${client.context()}`);

  client.configuration = { concerns: { diagnostics: { range: 'whole', fields: ['Fix approach'] } } };
  await client.changeConfiguration();
  const [whole] = await client.waitForDiagnostics(auth, (ds) => ds.length === 1 && ds[0]!.range.end.line === 5, undefined, 'every cited line');
  assert.deepEqual(whole!.range, { start: { line: 2, character: 0 }, end: { line: 5, character: 0 } });
  const [db] = await client.waitForDiagnostics(ws.uri('src/db.py'), (ds) => ds.length === 1, undefined, 'the fix approach\'s file, by the setting');
  assert.match(db!.message, /^Legacy sync module kept alive/);
  await client.shutdown();
});

void test('shutdown then exit: the server exits with code 0, having logged no error', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  // A workspace with no concerns document at all: nothing is published, nothing fails.
  const ws = workspace(t, { ...SOURCES });
  const client = new LspClient();
  t.after(() => client.dispose());
  const result = await client.initialize([ws.root]);
  assert.equal(result.serverInfo?.name, 'concerns-lens');
  await client.waitForIndexChanged(1);
  assert.deepEqual((await client.indexSummary()).documents, []);
  assert.equal(client.diagnostics.size, 0, `nothing to publish${client.context()}`);
  await client.shutdown(); // asserts exit code 0 and no error logs
  assert.equal(client.process.exitCode, 0);
});

void test('a start publishing many files places the marks of the first ones at once, sends the rest on their whole line and places them right after', { timeout: 60_000 }, async (t) => {
  const count = MarkPlacements.READS_PER_PUBLISH + 100;
  const files: Record<string, string> = {};
  const concerns: string[] = [];
  for (let i = 0; i < count; i++) {
    files[`src/m${i}.py`] = `import os\n    def f${i}():\n        pass\n`;
    concerns.push(`**Concern ${i}:**\n- Issue: x\n- Files: \`src/m${i}.py\` (lines 2-3)\n`);
  }
  const ws = workspace(t, { ...files, [CONCERNS]: `# Codebase Concerns\n\n## Tech Debt\n\n${concerns.join('\n')}` });
  const client = await startServer(t, ws);
  const marks = () => Array.from({ length: count }, (_, i) => client.diagnostics.get(ws.uri(`src/m${i}.py`))?.[0]);
  // Every file's diagnostics came before the index's notification: the budget's files placed, the rest on the whole line.
  const first = marks();
  assert.ok(first.every((d) => d?.range.start.line === 1), `one mark per file, on its first cited line${client.context()}`);
  assert.equal(first.filter((d) => d!.range.start.character === 4).length, MarkPlacements.READS_PER_PUBLISH);
  assert.equal(first.filter((d) => d!.range.start.character === 0 && d!.range.end.line === 2).length, count - MarkPlacements.READS_PER_PUBLISH);
  // Then all of them on the text of the line.
  for (let i = 0; i < count; i++) {
    await client.waitForDiagnostics(ws.uri(`src/m${i}.py`), (ds) => ds[0]?.range.start.character === 4, undefined, `the mark of m${i}.py placed`);
    assert.deepEqual(client.diagnostics.get(ws.uri(`src/m${i}.py`))![0]!.range, { start: { line: 1, character: 4 }, end: { line: 1, character: `    def f${i}():`.length } });
  }
  await client.shutdown();
});
