// A workspace copy made a git repository with one commit, for the drift tests (e2e.mjs) and the
// show-changes screenshot (screenshot.mjs): reproducible, and without the machine's git setup.
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * The workspace copy made a git repository with one commit, before VS Code starts: the drift tests
 * edit referenced files on disk and watch their references become moved / changed. Fixed author,
 * committer and dates; no hooks, no signing, no system or global configuration.
 */
export function commitWorkspace(dir) {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^GIT_/i.test(k))),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'Concerns Lens e2e',
    GIT_AUTHOR_EMAIL: 'e2e@concerns-lens.invalid',
    GIT_AUTHOR_DATE: '2026-01-10T12:00:00Z',
    GIT_COMMITTER_NAME: 'Concerns Lens e2e',
    GIT_COMMITTER_EMAIL: 'e2e@concerns-lens.invalid',
    GIT_COMMITTER_DATE: '2026-01-10T12:00:00Z',
  };
  const config = ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', `core.hooksPath=${os.devNull}`, '-c', 'core.autocrlf=false'];
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'e2e fixture']]) {
    const r = spawnSync('git', [...config, ...args], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args[0]} in the workspace copy failed (drift needs git): ${r.error?.message ?? r.stderr}`);
  }
}
