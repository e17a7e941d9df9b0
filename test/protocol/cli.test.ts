// The installed `concerns` command as a process: `concerns lsp --stdio` serves an LSP client,
// `--no-git` starts no process at all, and the exit codes hold outside the test runner.
// Run: npm run build && node --import tsx --test test/protocol/cli.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileUri, LspClient } from './lspClient';
import { GitRepo } from '../unit/helpers/gitRepo';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'concerns.js');
const RECORDER = path.resolve(__dirname, '..', 'fixtures', 'recordSpawns.cjs');

const DOC = `# Codebase Concerns

## Known Bugs

**Refund rounding:**
- Symptoms: refunds off by a cent
- Files: \`src/refund.py\` (lines 2-3), \`src/missing.py\`
- Fix approach: use Decimal
`;

function repo(t: TestContext): GitRepo {
  const r = GitRepo.create(t, 'concerns-bin-');
  r.commit('analysis', { '.planning/codebase/CONCERNS.md': DOC, 'src/refund.py': 'a\nb\nc\nd\n' });
  return r;
}

function concerns(args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

void test('concerns lsp --stdio: the language server, with diagnostics and hovers, for any LSP client', async (t) => {
  const r = repo(t);
  const client = new LspClient({ serverPath: BIN, serverArgs: ['lsp', '--stdio'] });
  t.after(() => client.dispose());
  const init = await client.initialize([r.root], { initializationOptions: { trusted: true } });
  assert.equal(init.serverInfo?.name, 'concerns-lens');
  const code = fileUri(path.join(r.root, 'src/refund.py'));
  const diagnostics = await client.waitForDiagnostics(code, (d) => d.length === 1);
  assert.equal(diagnostics[0]!.range.start.line, 1);
  assert.match(diagnostics[0]!.message, /Refund rounding/);
  await client.open(code, 'a\nb\nc\nd\n', 'python');
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: code }, position: { line: 2, character: 0 } });
  assert.match(hover?.contents.value ?? '', /Fix approach/);
  await client.shutdown();
});

void test('concerns lsp: an unknown option is a message and exit 2', (t) => {
  const r = repo(t);
  const run = concerns(['lsp', '--socket=9000'], r.root);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /lsp: unknown option '--socket=9000'/);
});

void test('--no-git: check and index start no process at all (and without it, git runs)', (t) => {
  const r = repo(t);
  const log = path.join(r.root, '..', `${path.basename(r.root)}-spawns.log`);
  t.after(() => fs.rmSync(log, { force: true }));
  const env = { NODE_OPTIONS: `--require ${RECORDER}`, CONCERNS_SPAWN_LOG: log };
  const check = concerns(['check', '--no-git', '--format', 'json'], r.root, env);
  assert.equal(check.status, 1, check.stderr);
  assert.equal((JSON.parse(check.stdout) as { drift: { state: string } }).drift.state, 'off');
  const index = concerns(['index', '--no-git', '--json'], r.root, env);
  assert.equal(index.status, 0, index.stderr);
  assert.equal(fs.existsSync(log), false, fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
  // The recorder does see git when it runs: the check above is not vacuous.
  assert.equal(concerns(['check'], r.root, env).status, 1);
  assert.match(fs.readFileSync(log, 'utf8'), /"command":"git"/);
});

void test('the built command: exit codes and messages as documented', (t) => {
  const r = repo(t);
  const broken = concerns(['check'], r.root);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /missing {2}src\/missing\.py/);
  assert.equal(concerns(['check', '--fail-on', 'none'], r.root).status, 0);
  const bad = concerns(['check', '--since', 'v9.9.9'], r.root);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown revision 'v9\.9\.9'/);
  const help = concerns(['--help'], r.root);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /check {3}the CI check/);
});
