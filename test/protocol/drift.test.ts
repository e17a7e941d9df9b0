// Drift over the protocol: the built server in a real git repository. Trusted: diagnostics move
// to where the code is now (in the background, after the plain index), the document offers
// "Update line numbers". Untrusted: no git at all, the written lines are used.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import { codeLines, GitRepo } from '../unit/helpers/gitRepo';
import { fileUri, LspClient } from './lspClient';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const DOC = '# Codebase Concerns\n\n## Security Considerations\n\n**Token compared with ==:**\n- Risk: timing attack\n- Files: `src/auth.py` (lines 10-12)\n';
const text = (lines: readonly string[]) => lines.join('\n') + '\n';

function repoWithDrift(t: TestContext): GitRepo {
  const repo = GitRepo.create(t, 'concerns-protocol-drift-');
  const code = codeLines(30);
  repo.commit('code', { 'src/auth.py': text(code) });
  repo.commit('analysis', { [CONCERNS]: DOC });
  repo.commit('insert above', { 'src/auth.py': text(['import hmac', 'import os', 'import sys', ...code]) });
  return repo;
}

async function start(t: TestContext, repo: GitRepo, trusted: boolean): Promise<LspClient> {
  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([repo.root], { initializationOptions: { trusted } });
  await client.waitForIndexChanged(1);
  return client;
}

/** A concern's mark for the 0-based lines `start` to `endExclusive - 1`: on the first, the whole range in its data. */
const on = (start: number, endExclusive: number) => (ds: Diagnostic[]) =>
  ds.some((d) => d.source === 'concerns' && d.range.start.line === start && d.range.end.line === start && (d.data as { lines?: { end: number } }).lines?.end === endExclusive - 1);

void test('trusted: the diagnostic follows the code; the document offers Update line numbers', { timeout: 20_000 }, async (t) => {
  const repo = repoWithDrift(t);
  const client = await start(t, repo, true);
  const code = fileUri(`${repo.root}/src/auth.py`);
  // Written 10-12 (0-based 9..12); three lines inserted above: 12..15.
  await client.waitForDiagnostics(code, on(12, 15), undefined, 'the diagnostic on the moved lines');
  const docUri = fileUri(`${repo.root}/${CONCERNS}`);
  const docDiagnostics = await client.waitForDiagnostics(docUri, (ds) => ds.some((d) => d.code === 'moved'), undefined, 'a moved hint in the document');
  const hint = docDiagnostics.find((d) => d.code === 'moved')!;
  assert.match(hint.message, /lines 10-12 of src\/auth\.py .*now lines 13-15/);
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: docUri } });
  assert.ok(lenses.some((l) => /Update line numbers/.test(l.command?.title ?? '')), JSON.stringify(lenses));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: docUri }, range: hint.range, context: { diagnostics: [hint] } });
  const update = actions.find((a) => a.title.startsWith('Update line numbers'));
  assert.ok(update?.edit?.documentChanges, JSON.stringify(actions));
  const change = update.edit.documentChanges[0] as { edits: { newText: string }[] };
  assert.equal(change.edits[0]!.newText, '`src/auth.py` (lines 13-15)');
  // The hover in code says where it was written and where it is now.
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: code }, position: { line: 13, character: 0 } });
  assert.match(hover?.contents.value ?? '', /Written at lines 10-12 of src\/auth\.py \(\w{7}\), now lines 13-15 \(moved\)/);
});

void test('trusted: a commit made while the server runs is picked up without reload', { timeout: 20_000 }, async (t) => {
  const repo = repoWithDrift(t);
  const client = await start(t, repo, true);
  const code = fileUri(`${repo.root}/src/auth.py`);
  await client.waitForDiagnostics(code, on(12, 15), undefined, 'the first drift');
  repo.commit('insert more', { 'src/auth.py': text(['# header', ...repo.read('src/auth.py').split('\n').slice(0, -1)]) });
  // No watched-file event is sent: the poll of HEAD and the index must notice.
  await client.waitForDiagnostics(code, on(13, 16), 10_000, 'the diagnostic after the commit');
});

void test('untrusted: no git runs, the written lines are used', { timeout: 20_000 }, async (t) => {
  const repo = repoWithDrift(t);
  const client = await start(t, repo, false);
  const code = fileUri(`${repo.root}/src/auth.py`);
  await client.waitForDiagnostics(code, on(9, 12), undefined, 'the diagnostic on the written lines');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(on(9, 12)(client.diagnostics.get(code) ?? []), 'still on the written lines');
});
