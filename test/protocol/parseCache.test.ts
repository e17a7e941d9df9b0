// The parse cache over the protocol: a server given a storage folder keeps each document's
// model there at shutdown; the next server restores it instead of parsing, publishes the very
// same diagnostics, and edits the document as if it had parsed it. A damaged entry is ignored.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DebugInfoRequest, type DebugInfo } from '../../server/src/protocol';
import { fileUri, LspClient } from './lspClient';
import { tempDir, tempWorkspace } from '../unit/helpers/tempWorkspace';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line_${i + 1} = ${i + 1}`).join('\n') + '\n';
// Long enough to be cut into runs (the warmed caches are the ones an edit then uses).
const DOC = `# Codebase Concerns\n\n## Tech Debt\n\n${Array.from({ length: 40 }, (_, i) => `**Concern number ${i}:**\n- Issue: module ${i} is fragile\n- Files: \`src/m${i}.py\` (lines ${(i % 5) + 1}-${(i % 5) + 3})\n- Fix approach: rewrite it\n`).join('\n')}`;
const FILES: Record<string, string> = { [CONCERNS]: DOC };
for (let i = 0; i < 40; i++) FILES[`src/m${i}.py`] = lines(20);

async function run(t: TestContext, root: string, storageDir: string | undefined, body?: (client: LspClient) => Promise<void>): Promise<{ diagnostics: Map<string, Diagnostic[]>; logs: string[] }> {
  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([root], { initializationOptions: storageDir ? { trusted: false, storageDir } : { trusted: false } });
  await client.waitForIndexChanged(1);
  // Every code file has its diagnostic (the index is published whole before indexChanged).
  await client.waitForDiagnostics(fileUri(path.join(root, 'src/m39.py')), (ds) => ds.length > 0);
  await body?.(client);
  const diagnostics = new Map(client.diagnostics);
  await client.shutdown();
  return { diagnostics, logs: [...client.logs] };
}

const entries = (dir: string) => (fs.existsSync(path.join(dir, 'parse-cache')) ? fs.readdirSync(path.join(dir, 'parse-cache')) : []);

void test('a restarted server restores the model it kept and publishes exactly the same', { timeout: 30_000 }, async (t) => {
  const root = tempWorkspace(t, FILES);
  const storage = tempDir(t);
  const first = await run(t, root, storage);
  assert.doesNotMatch(first.logs.join('\n'), /restored from the parse cache/);
  assert.equal(entries(storage).length, 1, 'the model was written at shutdown');

  // The restored document's parser caches are warmed in the background, and warming ends.
  const warmed = async (client: LspClient) => {
    const deadline = Date.now() + 10_000;
    let info = await client.request<DebugInfo>(DebugInfoRequest.method);
    while (info.warming > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      info = await client.request<DebugInfo>(DebugInfoRequest.method);
    }
    assert.equal(info.warming, 0, 'the restored document was warmed');
  };
  const second = await run(t, root, storage, warmed);
  assert.match(second.logs.join('\n'), /parsing \d+ \(1 restored from the parse cache\)/, second.logs.join('\n'));
  assert.deepStrictEqual(second.diagnostics, first.diagnostics);

  // Without a storage folder nothing is kept or restored, and the result is the same.
  const plain = await run(t, root, undefined);
  assert.deepStrictEqual(plain.diagnostics, first.diagnostics);
});

void test('after a restore, an edit of the document is indexed as in a server that parsed it', { timeout: 30_000 }, async (t) => {
  const root = tempWorkspace(t, FILES);
  const storage = tempDir(t);
  await run(t, root, storage);
  const docUri = fileUri(path.join(root, CONCERNS));
  const code = fileUri(path.join(root, 'src/m7.py'));
  const edited = DOC.replace('`src/m7.py` (lines 3-5)', '`src/m7.py` (lines 11-12)');
  assert.notEqual(edited, DOC);
  const edit = async (client: LspClient) => {
    await client.open(docUri, DOC);
    await client.change(docUri, edited);
    await client.waitForDiagnostics(code, (ds) => ds.some((d) => d.range.start.line === 10 && (d.data as { lines?: { end: number } }).lines?.end === 11), undefined, 'the diagnostic on the edited lines');
  };
  const restored = await run(t, root, storage, edit);
  assert.match(restored.logs.join('\n'), /1 restored from the parse cache/);
  const parsed = await run(t, root, undefined, edit);
  assert.deepStrictEqual(restored.diagnostics, parsed.diagnostics);
});

void test('a damaged or stale entry is not used: the document is parsed, with a line in the log', { timeout: 30_000 }, async (t) => {
  const root = tempWorkspace(t, FILES);
  const storage = tempDir(t);
  const first = await run(t, root, storage);
  const [entry] = entries(storage);
  const file = path.join(storage, 'parse-cache', entry!);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 200));
  const damaged = await run(t, root, storage);
  assert.doesNotMatch(damaged.logs.join('\n'), /restored from the parse cache/);
  assert.match(damaged.logs.join('\n'), /parse cache entry .* could not be read/);
  assert.deepStrictEqual(damaged.diagnostics, first.diagnostics);

  // The document changed on disk since the entry was written: parsed, and right.
  fs.writeFileSync(path.join(root, CONCERNS), DOC.replace('(lines 1-3)', '(lines 2-4)'));
  const stale = await run(t, root, storage);
  assert.doesNotMatch(stale.logs.join('\n'), /restored from the parse cache/);
  const m0 = stale.diagnostics.get(fileUri(path.join(root, 'src/m0.py')))!;
  assert.deepStrictEqual(m0.map((d) => d.range.start.line), [1]);
});
