// The "plain LSP server" claim, tried with a real client that is not VS Code: Debian's Neovim,
// headless, with the small Lua config in test/protocol/neovim/attach.lua. It starts the built
// server as `concerns lsp --stdio`, opens a referenced file of a fixture workspace, waits for
// diagnostics and asks for a hover; the test asserts on what Neovim received.
// Run: npm run build && node --import tsx --test test/protocol/neovim.test.ts
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { GitRepo } from '../unit/helpers/gitRepo';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'concerns.js');
const CONFIG = path.resolve(__dirname, 'neovim', 'attach.lua');

const DOC = `# Codebase Concerns

## Security Considerations

**Session token logged in clear:**
- Risk: tokens end up in the log aggregator
- Files: \`app/logging_setup.py\` (lines 3-4)
- Fix approach: redact the Authorization header before logging
`;

const CODE = 'import logging\n\nlogger = logging.getLogger()\nlogger.info("headers %s", headers)\n\n';

interface NeovimResult {
  version: { major: number; minor: number };
  errors: string[];
  waited_for_diagnostics?: boolean;
  diagnostics?: { lnum: number; end_lnum: number; message: string; severity: number; source: string }[];
  hover_provider?: boolean;
  hover?: string;
}

function nvimAvailable(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

void test('Neovim (a real LSP client, headless) gets the concern as a diagnostic on the referenced lines, and its hover', (t) => {
  // Never skipped: CI installs Debian's neovim (.ci/run); a machine without it must say so.
  assert.ok(nvimAvailable(), 'nvim is not installed: install Debian\'s Neovim (apt-get install -y neovim) to run this test');
  assert.ok(fs.existsSync(path.resolve(__dirname, '..', '..', 'dist', 'cli.js')), 'dist/cli.js is not built: run npm run build first');
  const repo = GitRepo.create(t, 'concerns-nvim-');
  repo.commit('analysis', { '.planning/codebase/CONCERNS.md': DOC, 'app/logging_setup.py': CODE });
  const out = path.join(repo.root, '..', `${path.basename(repo.root)}-nvim.json`);
  t.after(() => fs.rmSync(out, { force: true }));
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${CONFIG}`, '-c', 'cquit 3'], {
    cwd: repo.root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      // No user configuration or state of the machine's Neovim is read.
      XDG_CONFIG_HOME: path.join(repo.root, '.nvim-config'),
      XDG_DATA_HOME: path.join(repo.root, '.nvim-data'),
      XDG_STATE_HOME: path.join(repo.root, '.nvim-state'),
      CONCERNS_ROOT: repo.root,
      CONCERNS_FILE: path.join(repo.root, 'app/logging_setup.py'),
      CONCERNS_HOVER_LINE: '3',
      CONCERNS_OUT: out,
      CONCERNS_CMD: JSON.stringify([process.execPath, BIN, 'lsp', '--stdio']),
    },
  });
  assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
  assert.deepEqual(result.errors, []);
  assert.equal(result.hover_provider, true);
  assert.equal(result.waited_for_diagnostics, true, 'no diagnostics reached Neovim within 20 s');
  const diagnostics = result.diagnostics ?? [];
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [d] = diagnostics;
  // Lines 3-4 as written: 0-based line 2 in Neovim.
  assert.equal(d!.lnum, 2);
  // One mark, on the first cited line (concerns.diagnostics.range: firstLine); the range is in its data.
  assert.equal(d!.end_lnum, 2, `end_lnum ${d!.end_lnum}`);
  assert.equal(d!.source, 'concerns');
  assert.equal(d!.severity, 2, 'Security warns (vim.diagnostic.severity.WARN)');
  assert.match(d!.message, /Session token logged in clear/);
  assert.match(result.hover ?? '', /Session token logged in clear/);
  assert.match(result.hover ?? '', /redact the Authorization header/);
  t.diagnostic(`Neovim ${result.version.major}.${result.version.minor} received: ${JSON.stringify(d)}; hover: ${(result.hover ?? "").split("\n")[0]}`);
});
