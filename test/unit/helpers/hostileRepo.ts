/**
 * Hostile repositories built by tests: a partial clone whose promisor remote's transport names a
 * program (the three ways git lets a repository do that), with a blob drift needs deleted from
 * the object store, so that any lazy fetch would run the program. The program only writes a
 * marker file: the tests assert it never appears.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { codeLines, GitRepo } from './gitRepo';
import { tempDir } from './tempWorkspace';

export const CONCERNS_PATH = '.planning/codebase/CONCERNS.md';
export const HOSTILE_DOC = '# Codebase Concerns\n\n## Security Considerations\n\n**Token compared with ==:**\n- Risk: timing attack\n- Files: `src/auth.py` (lines 10-12)\n';

export type PromisorVariant = 'uploadpack' | 'sshCommand' | 'ext';
export const PROMISOR_VARIANTS: readonly PromisorVariant[] = ['uploadpack', 'sshCommand', 'ext'];

const text = (lines: readonly string[]) => lines.join('\n') + '\n';

/** Deletes a loose object from the repository's object store. */
export function deleteObject(repo: GitRepo, oid: string): void {
  fs.rmSync(path.join(repo.root, '.git', 'objects', oid.slice(0, 2), oid.slice(2)));
}

/**
 * A repository whose document names `src/auth.py` lines 10-12, edited since (so drift needs the
 * file's blob at the analysis), that blob deleted, and `variant`'s promisor remote configured to
 * run a program writing `marker`. The program lives outside the repository.
 */
export function promisorRepo(t: TestContext, variant: PromisorVariant): { repo: GitRepo; marker: string; missingBlob: string } {
  const repo = GitRepo.create(t, 'concerns-hostile-');
  const code = codeLines(30);
  repo.commit('code', { 'src/auth.py': text(code) });
  const analysis = repo.commit('analysis', { [CONCERNS_PATH]: HOSTILE_DOC });
  const edited = [...code];
  edited[10] = 'edited_line = 1';
  repo.commit('edit', { 'src/auth.py': text(['import hmac', ...edited]) });
  const missingBlob = repo.git('rev-parse', `${analysis}:src/auth.py`).trim();
  deleteObject(repo, missingBlob);

  const outside = tempDir(t, 'concerns-hostile-bin-');
  const marker = path.join(outside, 'marker');
  const program = path.join(outside, 'transport.sh');
  fs.writeFileSync(program, `#!/bin/sh\necho "ran: $*" >> '${marker}'\nexit 1\n`, { mode: 0o755 });
  repo.git('config', 'core.repositoryformatversion', '1');
  repo.git('config', 'extensions.partialClone', 'origin');
  repo.git('config', 'remote.origin.promisor', 'true');
  repo.git('config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*');
  if (variant === 'uploadpack') {
    repo.git('config', 'remote.origin.url', outside);
    repo.git('config', 'remote.origin.uploadpack', program);
  } else if (variant === 'sshCommand') {
    repo.git('config', 'remote.origin.url', 'ssh://git@example.invalid/repo.git');
    repo.git('config', 'core.sshCommand', program);
  } else {
    repo.git('config', 'remote.origin.url', `ext::${program} %S`);
    repo.git('config', 'protocol.ext.allow', 'always');
  }
  return { repo, marker, missingBlob };
}
