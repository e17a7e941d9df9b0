// Workspace copies made git repositories, reproducibly and without the machine's git setup: the
// drift tests' one commit (e2e.mjs), the show-changes screenshot (screenshot.mjs), and the demo's
// short history (demoWorkspace.mjs, for `npm run try`).
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * git in `dir` with no configuration, hook, signing or variable of the user's, as `who` (the
 * author and committer name; the e-mail is made from it), at `date` when given. Throws naming
 * `what` (the copy) when git fails; returns its stdout.
 */
export function fixtureGit(dir, args, { who, what, date }) {
  const email = `${who.toLowerCase().replace(/\W+/g, '-')}@concerns-lens.invalid`;
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^GIT_/i.test(k))),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: `Concerns Lens ${who}`,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: `Concerns Lens ${who}`,
    GIT_COMMITTER_EMAIL: email,
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  };
  const config = ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', `core.hooksPath=${os.devNull}`, '-c', 'core.autocrlf=false'];
  const r = spawnSync('git', [...config, ...args], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args[0]} in ${what} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

/**
 * The workspace copy made a git repository with one commit, before VS Code starts: the drift tests
 * edit referenced files on disk and watch their references become moved / changed. Fixed author,
 * committer and dates.
 */
export function commitWorkspace(dir) {
  const as = { who: 'e2e', what: 'the workspace copy (drift needs git)', date: '2026-01-10T12:00:00Z' };
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '--no-verify', '-m', 'e2e fixture']]) fixtureGit(dir, args, as);
}
