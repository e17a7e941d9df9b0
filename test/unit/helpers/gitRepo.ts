/**
 * Real git repositories built by tests: commits with fixed authors and dates, so drift is
 * computed on true histories (renames, rebases, uncommitted edits).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';

export class GitRepo {
  private clock = Date.UTC(2025, 0, 1) / 1000;
  constructor(readonly root: string) {}

  static create(t: TestContext | undefined, prefix = 'concerns-drift-'): GitRepo {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    t?.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const repo = new GitRepo(root);
    repo.git('init', '-q', '-b', 'main');
    return repo;
  }

  git(...args: string[]): string {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
    const date = `${this.clock} +0000`;
    Object.assign(env, {
      GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
    });
    return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: this.root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(rel: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.root, rel)), { recursive: true });
    fs.writeFileSync(path.join(this.root, rel), text);
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.root, rel), 'utf8');
  }

  /** Writes the files, stages everything, commits one day after the previous commit; returns the sha. */
  commit(message: string, files: Record<string, string | null> = {}): string {
    for (const [rel, text] of Object.entries(files)) {
      if (text === null) fs.rmSync(path.join(this.root, rel), { force: true });
      else this.write(rel, text);
    }
    this.clock += 86_400;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  tick(seconds = 86_400): void {
    this.clock += seconds;
  }
}

/** `n` distinct numbered lines of code, with `tag` in each. */
export function codeLines(n: number, tag = 'line'): string[] {
  return Array.from({ length: n }, (_, i) => `${tag}_${i + 1} = compute(${i + 1})  # ${tag}`);
}

/**
 * A repository made at `root`: 30 lines of code tagged `tag` in `src/main.py`, then the concerns
 * document `docText` at `docPath` written against them, then `inserted` lines put above the
 * code, each a commit: the cited lines moved down by `inserted` since the analysis.
 */
export function repoWithCodeMovedDown(root: string, tag: string, inserted: number, docPath: string, docText: string): GitRepo {
  const repo = new GitRepo(root);
  fs.mkdirSync(root);
  repo.git('init', '-q', '-b', 'main');
  const code = codeLines(30, tag);
  const text = (lines: readonly string[]) => lines.join('\n') + '\n';
  repo.commit('code', { 'src/main.py': text(code) });
  repo.commit('analysis', { [docPath]: docText });
  repo.commit('insert', { 'src/main.py': text([...Array.from({ length: inserted }, (_, i) => `# ${i}`), ...code]) });
  return repo;
}
