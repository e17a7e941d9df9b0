import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileIndex } from '../core/resolve/fileIndex';
import { SAFE_ARGS, safeEnv } from './git/git';

/** Directories never worth listing: dependencies, build output, caches, VCS internals. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.next', '.nuxt', '.turbo', '.cache', 'dist', 'build', 'out', 'target', '.gradle', '.idea', '.vscode-test']);

export const MAX_LISTED_FILES = 1_000_000;

export interface FileListing {
  files: FileIndex;
  /**
   * In a git repository, the files git does not track (not ignored), listed in the background
   * when called: git's index is read in a fraction of the time the walk for untracked files takes
   * (114 ms vs 700 ms at 300,000 files), so references are resolved against the index first.
   */
  untracked?: () => Promise<string[]>;
}

/**
 * Every file of the folder, workspace-relative with forward slashes, indexed. From git's index when
 * the folder is a git repository and we may run git (trusted workspace), untracked files following
 * asynchronously (`untrackedLater`, at start-up) or in the same call; else a directory walk (which
 * honours no ignore file but skips SKIPPED_DIRS). git's output is indexed as it comes (NUL-separated
 * bytes): no string per path is ever made for it.
 */
export function listFiles(root: string, allowProcesses: boolean, log: (message: string) => void, untrackedLater = true): FileListing {
  if (allowProcesses && fs.existsSync(path.join(root, '.git'))) {
    try {
      const files = FileIndex.fromBytes(execFileSync('git', [...GIT_LS_FILES, '--cached'], GIT_OPTIONS(root)), MAX_LISTED_FILES);
      // Only the untracked files: the tracked ones are listed already. Added to the index rather
      // than listed with them: git prints them first, and an index built from sorted input is
      // built without sorting.
      if (!untrackedLater) {
        for (const file of parseList(execFileSync('git', [...GIT_LS_FILES, ...UNTRACKED], GIT_OPTIONS(root)))) {
          if (files.size >= MAX_LISTED_FILES) break;
          files.add(file);
        }
        return { files };
      }
      const untracked = () =>
        new Promise<string[]>((resolve) => {
          execFile('git', [...GIT_LS_FILES, ...UNTRACKED], GIT_OPTIONS(root), (error, stdout) => {
            if (error) log(`git ls-files --others failed in ${root} (${error.message}); untracked files are not listed.`);
            resolve(error ? [] : parseList(stdout));
          });
        });
      return { files, untracked };
    } catch (error) {
      log(`git ls-files failed in ${root} (${String(error)}); walking the folder instead.`);
    }
  }
  return { files: FileIndex.fromList(walk(root)) };
}

/**
 * `git ls-files` hardened as every git process is (git.ts: fsmonitor hooks, untracked cache
 * helpers, every transport switched off, the environment cleaned): listing files must never
 * execute the workspace. It lists deleted-but-staged paths too; those are filtered lazily by
 * stat when used.
 */
const GIT_LS_FILES = [...SAFE_ARGS, 'ls-files', '-z'];
const UNTRACKED = ['--others', '--exclude-standard'];

const GIT_OPTIONS = (root: string) => ({
  cwd: root,
  maxBuffer: 512 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'ignore'] as ['ignore', 'pipe', 'ignore'],
  env: safeEnv(),
  encoding: 'buffer' as const,
  timeout: 120_000,
  killSignal: 'SIGKILL' as const,
});

function parseList(output: Buffer): string[] {
  return output.toString('utf8').split('\0').filter(Boolean);
}

/**
 * The files below `root`, in path order (the index then needs no sort): each directory's entries
 * are visited in the order of their names, a directory's as `name/`, its files before the next
 * entry (`a/b.ts`, `a/b/c.ts`, `a/b0.ts`).
 */
function walk(root: string): string[] {
  const files: string[] = [];
  /** Paths still to visit, the next one last; a directory's path ends with `/`. */
  const stack: string[] = ['/'];
  while (stack.length > 0 && files.length < MAX_LISTED_FILES) {
    const item = stack.pop()!;
    if (!item.endsWith('/')) {
      files.push(item);
      continue;
    }
    const rel = item.slice(0, -1);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    const children: string[] = [];
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      // Symlinks are not followed: a link may point outside the workspace.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) children.push(`${child}/`);
      } else if (entry.isFile()) {
        children.push(child);
      }
    }
    children.sort();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return files;
}
