/**
 * An in-memory WorkspaceView for unit tests. Directories are derived from the files' ancestors
 * (a key ending in `/` adds an empty directory); line counts are derived from the contents
 * (`null` content = a file whose line count is unknown, like a binary). It counts calls so tests
 * can assert the cost model (e.g. that literal paths never list files), and records any path it
 * is asked about that a resolver should never pass (absolute, `..`, `~`, backslashes, `\0`).
 */
import type { FileStat, WorkspaceView } from '../../../server/src/core/workspace';

export interface MemoryWorkspace extends WorkspaceView {
  /** How often each method was called since creation or the last `resetCalls()`. */
  readonly calls: { stat: number; files: number };
  /** Every path passed to `stat`, in order. */
  readonly statted: string[];
  /** Paths passed to `stat` that are not clean workspace-relative paths. */
  readonly badPaths: string[];
  resetCalls(): void;
  /** Add or replace a file; `files()` then returns a new array, as a real view does on change. */
  set(path: string, content: string | null): void;
  /** Remove a file; `files()` then returns a new array. */
  remove(path: string): void;
}

export function lineCountOf(content: string): number {
  if (content === '') return 0;
  const lines = content.split('\n').length;
  return content.endsWith('\n') ? lines - 1 : lines;
}

export function memoryWorkspace(initial: Record<string, string | null>): MemoryWorkspace {
  const contents = new Map<string, string | null>();
  const emptyDirs = new Set<string>();
  for (const [path, content] of Object.entries(initial)) {
    if (path.endsWith('/')) emptyDirs.add(path.slice(0, -1));
    else contents.set(path, content);
  }

  let fileList: readonly string[] | undefined;
  let dirs: Set<string> | undefined;
  const changed = (): void => {
    fileList = undefined;
    dirs = undefined;
  };
  const directories = (): Set<string> => {
    if (!dirs) {
      dirs = new Set<string>();
      for (const path of [...contents.keys(), ...[...emptyDirs].map((dir) => `${dir}/x`)]) {
        const parts = path.split('/');
        for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
      }
    }
    return dirs;
  };

  const workspace: MemoryWorkspace = {
    calls: { stat: 0, files: 0 },
    statted: [],
    badPaths: [],
    resetCalls() {
      workspace.calls.stat = 0;
      workspace.calls.files = 0;
      workspace.statted.length = 0;
      workspace.badPaths.length = 0;
    },
    stat(path: string): FileStat | undefined {
      workspace.calls.stat++;
      workspace.statted.push(path);
      if (!isCleanRelative(path)) {
        workspace.badPaths.push(path);
        return undefined;
      }
      if (contents.has(path)) {
        const content = contents.get(path);
        return content == null ? { type: 'file' } : { type: 'file', lineCount: lineCountOf(content) };
      }
      if (path === '' || directories().has(path)) return { type: 'directory' };
      return undefined;
    },
    files(): readonly string[] {
      workspace.calls.files++;
      fileList ??= Object.freeze([...contents.keys()].sort());
      return fileList;
    },
    set(path: string, content: string | null) {
      contents.set(path, content);
      changed();
    },
    remove(path: string) {
      contents.delete(path);
      changed();
    },
  };
  return workspace;
}

/** What a WorkspaceView may be asked about: workspace-relative, forward slashes, no climbing. */
function isCleanRelative(path: string): boolean {
  if (path.startsWith('/') || path === '~' || /^~[^/]*\//.test(path) || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.includes('\0')) return false;
  return !path.split('/').some((segment) => segment === '..' || segment === '.' || (segment === '' && path !== ''));
}
