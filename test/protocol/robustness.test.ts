// Issue 14 over the protocol (items 4, 5, 6): one document's failure stays its own; an edit is
// computed on the text it names (a keystroke racing each edit command); the byte-order mark of a
// closed document. Each test builds its own workspace and its own server.
// Run: npm run build && node --import tsx --test test/protocol/robustness.test.ts
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SourceText } from '../../server/src/core/parse/source';
import { STALE_MESSAGE } from '../../server/src/features';
import { DebugInfoRequest, MarkResolvedRequest, ServerCommands, type DebugInfo } from '../../server/src/protocol';
import { codeLines, GitRepo } from '../unit/helpers/gitRepo';
import { nestedListMarkers, nestedQuotes } from '../unit/helpers/pathological';
import { tempDir, writeFiles } from '../unit/helpers/tempWorkspace';
import { fileUri, startedClient, type LspClient, type LspClientOptions } from './lspClient';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const TIMEOUT_MS = 60_000;
const DOC = '# Codebase Concerns\n\n## Security Considerations\n\n**Token compared with ==:**\n- Risk: timing attack\n- Files: `src/auth.py` (lines 10-12)\n';
const lines = (n: number) => codeLines(n).join('\n') + '\n';
/** How often the index pass read the keystroke before the command arrived (the race then has nothing to refuse). */
const summary = { updateRaceLostByServer: 0 };
after(() => console.log(`robustness: update-lines race: the pass came first ${summary.updateRaceLostByServer} time(s)`));

function server(t: TestContext, root: string, options: LspClientOptions & { trusted?: boolean } = {}): Promise<LspClient> {
  return startedClient(t, root, { timeoutMs: 20_000, ...options });
}

/** The text with the edits of a versioned workspace edit applied (they never overlap). */
function applied(text: string, edits: readonly TextEdit[]): string {
  const source = new SourceText(text);
  const spans = edits.map((e) => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The one document change of an edit: its version and edits. */
function change(edit: WorkspaceEdit | null | undefined): { version: number | null; edits: TextEdit[] } {
  const first = edit?.documentChanges?.[0] as { textDocument: { version: number | null }; edits: TextEdit[] } | undefined;
  assert.ok(first, `a versioned document change: ${JSON.stringify(edit)}`);
  return { version: first.textDocument.version, edits: first.edits };
}

const TYPED = 'A sentence typed above the title, just now.\n\n';
const typedAbove = (text: string, title: string) => text.replace(title, TYPED + title);

// ---- item 4: failures stay per document ----------------------------------------------------

void test('a deeply nested document and one whose indexing fails get their own notes; the other document is indexed as usual', { timeout: TIMEOUT_MS }, async (t) => {
  const root = tempDir(t, 'concerns-per-document-');
  writeFiles(root, {
    [`nested/${CONCERNS}`]: nestedListMarkers() + nestedQuotes(),
    [`failing/${CONCERNS}`]: DOC,
    [`sound/${CONCERNS}`]: DOC,
    'nested/src/auth.py': lines(20),
    'failing/src/auth.py': lines(20),
    'sound/src/auth.py': lines(20),
  });
  const c = await server(t, root, { env: { CONCERNS_FAULT: `index:failing/${CONCERNS}` } });
  await c.waitForDiagnostics(fileUri(path.join(root, 'sound/src/auth.py')), (ds) => ds.length === 1, undefined, 'the sound document indexed as usual');
  const nested = await c.waitForDiagnostics(fileUri(path.join(root, `nested/${CONCERNS}`)), (ds) => ds.length > 0, undefined, 'a note on the nested document');
  assert.ok(nested.some((d) => /Nesting deeper than 32 levels/.test(d.message)), JSON.stringify(nested));
  const failing = await c.waitForDiagnostics(fileUri(path.join(root, `failing/${CONCERNS}`)), (ds) => ds.length > 0, undefined, 'a note on the failing document');
  assert.ok(failing.some((d) => /could not be indexed \(injected fault/.test(d.message) && d.severity === 1), JSON.stringify(failing));
  assert.deepEqual(c.diagnostics.get(fileUri(path.join(root, 'failing/src/auth.py'))) ?? [], [], 'nothing published from the failed document');
  assert.ok(c.errorLogs.some((l) => l.includes(`Indexing failing/${CONCERNS} failed`)), `the failure is logged with its document: ${JSON.stringify(c.errorLogs)}`);
  assert.ok(!c.errorLogs.some((l) => /^Indexing failed:/.test(l)), 'the pass itself did not fail');
  await c.shutdown({ allowErrorLogs: true });
});

// ---- item 5: a keystroke racing each edit command --------------------------------------------

void test('a keystroke above a title, then at once Mark resolved (request and quick fix): the edit applies to the new text', { timeout: TIMEOUT_MS }, async (t) => {
  const root = tempDir(t, 'concerns-race-resolve-');
  writeFiles(root, { [CONCERNS]: DOC, 'src/auth.py': lines(20) });
  const c = await server(t, root);
  const docUri = fileUri(path.join(root, CONCERNS));
  const auth = fileUri(path.join(root, 'src/auth.py'));
  const [diagnostic] = await c.waitForDiagnostics(auth, (ds) => ds.length === 1);
  const concernId = (diagnostic!.data as { concernId: string }).concernId;
  const before = await c.request<DebugInfo>(DebugInfoRequest.method);
  await c.open(docUri, DOC);
  // Its text is the one indexed: opening it makes no pass, none is waiting or running.
  const after = await c.request<DebugInfo>(DebugInfoRequest.method);
  assert.deepEqual([after.passes, after.pendingDocs, after.passRunning], [before.passes, 0, false], 'no index pass for opening an unchanged document');
  const expected = typedAbove(DOC, '**Token compared with ==:**').replace('**Token compared with ==:**', '**Token compared with == (RESOLVED):**');

  // The request: didChange and the request back to back, before any pass can run.
  const typed = typedAbove(DOC, '**Token compared with ==:**');
  await c.change(docUri, typed);
  const edit = change(await c.request<WorkspaceEdit | null>(MarkResolvedRequest.method, { documentUri: docUri, concernId }));
  assert.equal(edit.version, 2, 'stamped with the version of the text it was computed on');
  assert.equal(applied(typed, edit.edits), expected, 'applied to the new text: the marker after the title, the typed line intact');

  // The quick fix in code: the same race, one more line typed.
  const typedTwice = typedAbove(typed, TYPED);
  await c.change(docUri, typedTwice);
  const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: auth }, range: diagnostic!.range, context: { diagnostics: [diagnostic as Diagnostic] } });
  const action = actions.find((a) => a.title.startsWith('Mark concern resolved'));
  const fix = change(action?.edit);
  assert.equal(fix.version, 3);
  assert.equal(applied(typedTwice, fix.edits), typedAbove(expected, TYPED));
  await c.shutdown();
});

void test('a keystroke above a reference, then at once Update line numbers: refused with a message, then right once indexed', { timeout: TIMEOUT_MS }, async (t) => {
  const repo = GitRepo.create(t, 'concerns-race-update-');
  const code = codeLines(30);
  repo.commit('code', { 'src/auth.py': code.join('\n') + '\n' });
  repo.commit('analysis', { [CONCERNS]: DOC });
  repo.commit('insert above', { 'src/auth.py': ['import hmac', 'import os', 'import sys', ...code].join('\n') + '\n' });
  const c = await server(t, repo.root, { trusted: true });
  const docUri = fileUri(`${repo.root}/${CONCERNS}`);
  await c.waitForDiagnostics(docUri, (ds) => ds.some((d) => d.code === 'moved'), undefined, 'a moved hint in the document');
  await c.open(docUri, DOC);
  const typed = DOC.replace('- Files:', '- Note: a sentence typed above the reference.\n- Files:');
  await c.change(docUri, typed);
  const answer = await c.request<string | null>('workspace/executeCommand', { command: ServerCommands.updateLineNumbers, arguments: [{ documentUri: docUri }] });
  // Either an edit of this very text and version (the pass read the keystroke first), or none.
  for (const e of c.appliedEdits) {
    const { version, edits } = change(e.edit);
    assert.equal(version, 2);
    assert.equal(applied(typed, edits), typed.replace('(lines 10-12)', '(lines 13-15)'));
  }
  // Refused: said so, in a message and in the command's answer.
  if (answer === STALE_MESSAGE) assert.ok(c.shownMessages.some((m) => m.message === STALE_MESSAGE), `refused with a message: ${JSON.stringify(c.shownMessages)}`);
  else summary.updateRaceLostByServer++;
  // Once the pass has read the typed text, the same command applies at the right place.
  await c.waitForDiagnostics(docUri, (ds) => ds.some((d) => d.code === 'moved' && d.range.start.line === 7), undefined, 'the hint on the moved line');
  const before = c.appliedEdits.length;
  await c.request('workspace/executeCommand', { command: ServerCommands.updateLineNumbers, arguments: [{ documentUri: docUri }] });
  const { version, edits } = change(c.appliedEdits[before]?.edit);
  assert.equal(version, 2);
  assert.equal(applied(typed, edits), typed.replace('(lines 10-12)', '(lines 13-15)'));
  await c.shutdown();
});

// ---- item 6: the byte-order mark -------------------------------------------------------------

void test('a closed document with a BOM: Mark resolved on line 1 is computed on the text the editor holds (no BOM)', { timeout: TIMEOUT_MS }, async (t) => {
  const root = tempDir(t, 'concerns-bom-');
  const doc = '**Token compared with ==:**\n- Risk: timing attack\n- Files: `src/auth.py` (lines 10-12)\n';
  writeFiles(root, { [CONCERNS]: '\ufeff' + doc, 'src/auth.py': lines(20) });
  const c = await server(t, root);
  const auth = fileUri(path.join(root, 'src/auth.py'));
  const docUri = fileUri(path.join(root, CONCERNS));
  const [diagnostic] = await c.waitForDiagnostics(auth, (ds) => ds.length === 1);
  const concernId = (diagnostic!.data as { concernId: string }).concernId;
  const expected = doc.replace('**Token compared with ==:**', '**Token compared with == (RESOLVED):**');
  const edit = change(await c.request<WorkspaceEdit | null>(MarkResolvedRequest.method, { documentUri: docUri, concernId }));
  assert.equal(edit.version, null, 'closed: version null');
  assert.equal(applied(doc, edit.edits), expected, 'applied to the editor text (without the BOM), the bold markup intact');
  // Open, the editor's text has no BOM: the same edit, the same result.
  await c.open(docUri, doc);
  const open = change(await c.request<WorkspaceEdit | null>(MarkResolvedRequest.method, { documentUri: docUri, concernId }));
  assert.equal(applied(doc, open.edits), expected);
  await c.shutdown();
});
