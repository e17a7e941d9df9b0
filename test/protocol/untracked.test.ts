// Untracked files in a trusted git workspace: the start-up index is git's (tracked files only);
// git's walk for untracked files comes after the first index has reached the editor, and a glob
// or short name that names an untracked file then resolves to it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeLines, GitRepo } from '../unit/helpers/gitRepo';
import { fileUri, LspClient } from './lspClient';

const CONCERNS = '.planning/codebase/CONCERNS.md';
const DOC = '# Codebase Concerns\n\n## Tech Debt\n\n**Scratch scripts pile up:**\n- Issue: one-off scripts are never cleaned\n- Files: `scripts/*.py`, `scratch_job.py` (lines 2-3)\n';

void test('untracked files are listed after the first index, and globs and short names reach them', { timeout: 20_000 }, async (t) => {
  const repo = GitRepo.create(t, 'concerns-protocol-untracked-');
  const body = codeLines(10).join('\n') + '\n';
  repo.commit('code', { 'scripts/tracked.py': body, [CONCERNS]: DOC });
  // Never added to git.
  repo.write('scripts/new.py', body);
  repo.write('tools/scratch_job.py', body);
  const client = new LspClient();
  t.after(() => client.dispose());
  await client.initialize([repo.root], { initializationOptions: { trusted: true } });
  await client.waitForIndexChanged(1);
  await client.waitForDiagnostics(fileUri(path.join(repo.root, 'scripts/tracked.py')), (ds) => ds.length > 0, undefined, 'the tracked file');
  const glob = await client.waitForDiagnostics(fileUri(path.join(repo.root, 'scripts/new.py')), (ds) => ds.length > 0, undefined, 'the untracked file the glob matches');
  assert.equal(glob[0]!.range.start.line, 0);
  const short = await client.waitForDiagnostics(fileUri(path.join(repo.root, 'tools/scratch_job.py')), (ds) => ds.length > 0, undefined, 'the untracked file named by its short name');
  // Its mark on the first cited line (2), the range 2-3 in its data.
  assert.deepEqual([short[0]!.range.start.line, (short[0]!.data as { lines: { end: number } }).lines.end], [1, 2]);
  await client.shutdown();
});
