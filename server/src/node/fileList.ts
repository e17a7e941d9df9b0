import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Directories never worth listing: dependencies, build output, caches, VCS internals. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.next', '.nuxt', '.turbo', '.cache', 'dist', 'build', 'out', 'target', '.gradle', '.idea', '.vscode-test']);

export const MAX_LISTED_FILES = 1_000_000;

/**
 * Every file of the folder, workspace-relative with forward slashes. From git's index when the
 * folder is a git repository and we may run git (trusted workspace), else a directory walk.
 */
export function listFiles(root: string, allowProcesses: boolean, log: (message: string) => void): string[] {
  if (allowProcesses && fs.existsSync(path.join(root, '.git'))) {
    try {
      return gitListFiles(root);
    } catch (error) {
      log(`git ls-files failed in ${root} (${String(error)}); walking the folder instead.`);
    }
  }
  return walk(root);
}

/**
 * `git ls-files` with everything that could run repository-controlled code switched off
 * (fsmonitor hooks, untracked cache helpers): listing files must never execute the workspace.
 */
function gitListFiles(root: string): string[] {
  const output = execFileSync(
    'git',
    ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
  );
  const files = output.toString('utf8').split('\0').filter(Boolean);
  // ls-files lists deleted-but-staged paths too; those are filtered lazily by stat when used.
  return files.length > MAX_LISTED_FILES ? files.slice(0, MAX_LISTED_FILES) : files;
}

function walk(root: string): string[] {
  const files: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0 && files.length < MAX_LISTED_FILES) {
    const rel = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      // Symlinks are not followed: a link may point outside the workspace.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(child);
      } else if (entry.isFile()) {
        files.push(child);
      }
    }
  }
  return files;
}
