// One truth in the concerns document: a reference whose file was renamed and whose lines moved
// gets "now at ..." with the Update fix, not "File not found"; Update line numbers leaves changed
// references as written and says so.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { codeLines, GitRepo, repoWithCodeMovedDown } from '../unit/helpers/gitRepo';
import { fileUri, LspClient } from './lspClient';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const DOC = '# Codebase Concerns\n\n## Tech Debt\n\n**Renamed and moved:**\n- Files: `src/a.py` (lines 10-12)\n\n**Edited:**\n- Files: `src/b.py` (lines 5-6)\n';
const text = (lines: readonly string[]) => lines.join('\n') + '\n';

void test('renamed and moved: a hint "now at" with the Update fix, no "not found"; Update leaves the changed one and says why', { timeout: 30_000 }, async (t) => {
  const repo = GitRepo.create(t, 'concerns-protocol-onetruth-');
  const a = codeLines(30, 'a');
  const b = codeLines(20, 'b');
  repo.commit('code', { 'src/a.py': text(a), 'src/b.py': text(b) });
  repo.commit('analysis', { [CONCERNS]: DOC });
  fs.mkdirSync(path.join(repo.root, 'lib'));
  repo.git('mv', 'src/a.py', 'lib/core.py');
  const editedB = [...b];
  editedB[4] = 'b_5 = compute_differently(5)';
  repo.commit('rename, insert, edit', { 'lib/core.py': text(['import os', 'import sys', ...a]), 'src/b.py': text(['# header', ...editedB]) });

  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([repo.root], { initializationOptions: { trusted: true } });
  const docUri = fileUri(`${repo.root}/${CONCERNS}`);
  const diagnostics = await client.waitForDiagnostics(docUri, (ds) => ds.some((d) => d.code === 'moved'), 20_000, 'the moved hint');
  const moved = diagnostics.find((d) => d.code === 'moved')!;
  assert.match(moved.message, /^Now at `lib\/core\.py` lines 12-14/);
  assert.equal(diagnostics.some((d: Diagnostic) => d.code === 'missing' || /not found/.test(d.message)), false, JSON.stringify(diagnostics));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: docUri }, range: moved.range, context: { diagnostics: [moved] } });
  const update = actions.find((x) => x.title.startsWith('Update line numbers'));
  const change = update?.edit?.documentChanges?.[0] as { edits: { newText: string }[] } | undefined;
  assert.equal(change?.edits[0]?.newText, '`lib/core.py` (lines 12-14)');

  // The edited reference (now at lines 6-7): changed, never rewritten; the command says it left it. Its concern's id
  // is in the hover's "Mark concern resolved" link (the hover on the changed code offers it).
  const id = await concernIdFromHover(client, fileUri(`${repo.root}/src/b.py`), 5);
  const edited = await client.request<string | null>('workspace/executeCommand', { command: 'concerns.server.updateLineNumbers', arguments: [{ documentUri: docUri, concernId: id }] });
  assert.match(edited ?? '', /^Updated 0 references; left as written: 1 changed since the analysis/);
});

async function concernIdFromHover(client: LspClient, uri: string, line: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 0 } });
    const link = /command:concerns\.markResolved\?([^)\s]+)/.exec(hover?.contents.value ?? '');
    if (link) return (JSON.parse(decodeURIComponent(link[1]!)) as [{ concernId: string }])[0].concernId;
    if (Date.now() > deadline) assert.fail(`no Mark resolved link in the hover: ${hover?.contents.value ?? ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

void test('a folder holding two repositories: each document is followed in its own, the diagnostics move in both', { timeout: 30_000 }, async (t) => {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'concerns-protocol-two-repos-')));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  for (const [name, inserted] of [['api', 2], ['web', 4]] as const) {
    repoWithCodeMovedDown(path.join(folder, name), name, inserted, CONCERNS, '# Codebase Concerns\n\n## Tech Debt\n\n**A concern:**\n- Files: `src/main.py` (lines 10-12)\n');
  }
  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([folder], { initializationOptions: { trusted: true } });
  // Written 10-12 (0-based 9): 2 and 4 lines inserted above.
  await client.waitForDiagnostics(fileUri(`${folder}/api/src/main.py`), (ds) => ds.some((d) => d.range.start.line === 11), 20_000, 'api followed');
  await client.waitForDiagnostics(fileUri(`${folder}/web/src/main.py`), (ds) => ds.some((d) => d.range.start.line === 13), 20_000, 'web followed');
});
