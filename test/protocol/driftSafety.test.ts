// Drift in hostile repositories, over the protocol (the built server, trusted): a promisor remote
// whose transport would run a program never runs it; referenced files that are links out of the
// workspace, FIFOs, links to /dev/zero or files over the size cap are never read, and are
// `unknown` with the reason, while the rest of the document is followed as usual.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { codeLines, GitRepo } from '../unit/helpers/gitRepo';
import { CONCERNS_PATH, PROMISOR_VARIANTS, promisorRepo } from '../unit/helpers/hostileRepo';
import { tempDir } from '../unit/helpers/tempWorkspace';
import { fileUri, LspClient } from './lspClient';

type Hover = { contents: { value: string } } | null;
const text = (lines: readonly string[]) => lines.join('\n') + '\n';

async function start(t: TestContext, root: string): Promise<LspClient> {
  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([root], { initializationOptions: { trusted: true } });
  await client.waitForIndexChanged(1);
  return client;
}

/** Asks for the hover until `pattern` shows in it (drift runs in the background) or the deadline passes. */
async function hoverUntil(client: LspClient, uri: string, line: number, character: number, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    last = hover?.contents.value ?? '';
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) assert.fail(`hover at ${line}:${character} never matched ${String(pattern)}; last:\n${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const variant of PROMISOR_VARIANTS) {
  void test(`promisor remote by ${variant}: the server never runs its transport; the reference is unknown (object missing)`, { timeout: 40_000 }, async (t) => {
    const { repo, marker } = promisorRepo(t, variant);
    const client = await start(t, repo.root);
    const hover = await hoverUntil(client, fileUri(`${repo.root}/src/auth.py`), 9, 0, /unknown: object missing/);
    assert.match(hover, /Written at lines 10-12 of src\/auth\.py/);
    // And after a commit (drift follows again): still nothing ran.
    repo.commit('more', { 'src/other.py': 'x = 1\n' });
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(fs.existsSync(marker), false, `the ${variant} program ran`);
    // The cause is logged in the Output channel once, not at every drift pass.
    assert.equal(client.logs.filter((l) => /some references are unknown: object missing/.test(l)).length, 1, client.logs.join('\n'));
  });
}

const DOC = [
  '# Codebase Concerns',
  '',
  '## Security Considerations',
  '',
  '**Linked out:**',
  '- Files: `src/linked.py` (lines 10-12)',
  '',
  '**A FIFO now:**',
  '- Files: `src/fifo.py` (lines 10-12)',
  '',
  '**Endless:**',
  '- Files: `src/zero.py` (lines 10-12)',
  '',
  '**Huge:**',
  '- Files: `src/huge.py` (lines 10-12)',
  '',
  '**Moved as usual:**',
  '- Files: `src/plain.py` (lines 10-12)',
  '',
].join('\n');

void test('links out, a FIFO, /dev/zero, a file over the cap: never read, unknown with the reason; the rest followed', { timeout: 40_000 }, async (t) => {
  const repo = GitRepo.create(t, 'concerns-protocol-readpath-');
  const code = codeLines(30);
  const files: Record<string, string> = {};
  for (const name of ['old_linked', 'old_fifo', 'old_zero', 'huge', 'plain']) files[`src/${name}.py`] = text(code.map((l) => `${l} ${name}`));
  repo.commit('code', files);
  repo.commit('analysis', { [CONCERNS_PATH]: DOC.replace('src/linked.py', 'src/old_linked.py').replace('src/fifo.py', 'src/old_fifo.py').replace('src/zero.py', 'src/old_zero.py') });
  // Renamed since, so drift follows each to its new path; then the new paths are replaced in the
  // working tree by what must never be read.
  for (const name of ['linked', 'fifo', 'zero']) repo.git('mv', `src/old_${name}.py`, `src/${name}.py`);
  repo.commit('rename', { 'src/plain.py': text(['import os', 'import sys', 'import re', ...code.map((l) => `${l} plain`)]), 'src/huge.py': text(['# grown', ...code.map((l) => `${l} huge`)]) });
  // Outside the workspace: the same code three lines down, so reading it would "move" the reference.
  const outside = path.join(tempDir(t, 'concerns-outside-'), 'secret.py');
  fs.writeFileSync(outside, text(['SECRET_A', 'SECRET_B', 'SECRET_C', ...code.map((l) => `${l} old_linked`)]));
  fs.rmSync(path.join(repo.root, 'src/linked.py'));
  fs.symlinkSync(outside, path.join(repo.root, 'src/linked.py'));
  fs.rmSync(path.join(repo.root, 'src/fifo.py'));
  execFileSync('mkfifo', [path.join(repo.root, 'src/fifo.py')]);
  fs.rmSync(path.join(repo.root, 'src/zero.py'));
  fs.symlinkSync('/dev/zero', path.join(repo.root, 'src/zero.py'));
  // Over the 8 MB cap (in the working tree only: the index holds the small committed text).
  fs.appendFileSync(path.join(repo.root, 'src/huge.py'), '#'.repeat(9 * 1024 * 1024));

  const client = await start(t, repo.root);
  const docUri = fileUri(`${repo.root}/${CONCERNS_PATH}`);
  // The plain file is followed (the server did not hang on the FIFO or the endless file).
  await client.waitForDiagnostics(fileUri(`${repo.root}/src/plain.py`), (ds) => ds.some((d) => d.range.start.line === 12), 20_000, 'the moved reference');
  const at = (needle: string) => {
    const lines = fs.readFileSync(path.join(repo.root, CONCERNS_PATH), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(needle));
    return { line, character: lines[line]!.indexOf(needle) + 2 };
  };
  const linked = at('src/old_linked.py');
  await hoverUntil(client, docUri, linked.line, linked.character, /unknown: outside the workspace/);
  const fifo = at('src/old_fifo.py');
  await hoverUntil(client, docUri, fifo.line, fifo.character, /unknown: not a regular file/);
  const zero = at('src/old_zero.py');
  await hoverUntil(client, docUri, zero.line, zero.character, /unknown: outside the workspace/);
  const huge = at('src/huge.py');
  const hugeHover = await hoverUntil(client, docUri, huge.line, huge.character, /unknown: too large to follow/);
  assert.doesNotMatch(hugeHover, /gone/);
  // Nothing read outside shaped anything: no diagnostic on the lines where the outside copy has the code.
  const all: Diagnostic[] = [...client.diagnostics.values()].flat();
  assert.equal(all.some((d) => /SECRET/.test(d.message)), false);
  assert.equal((client.diagnostics.get(fileUri(`${repo.root}/src/linked.py`)) ?? []).some((d) => d.range.start.line === 12), false);
  const linkedHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: docUri }, position: linked });
  assert.doesNotMatch(linkedHover?.contents.value ?? '', /SECRET|now lines 13-15/);
});
