import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileStat, WorkspaceView } from '../core/workspace';
import { countLines } from './fileLines';
import { listFiles, MAX_LISTED_FILES } from './fileList';

/**
 * A workspace folder on disk, as the core sees it. Stats are cached until a watcher event
 * invalidates them; the file list is built only when first asked for and then kept up to date
 * from watcher events (a new array each time, so caches keyed on it rebuild). In a git
 * repository the list is git's index first; untracked files join it when git has listed them.
 */
export class FsWorkspace implements WorkspaceView {
  private readonly stats = new Map<string, FileStat | null>();
  private fileList: string[] | undefined;
  private realRoot: string | undefined;
  /** Bumped by every watcher event and reset: what the resolver's cached outcomes are valid for. */
  private changes = 0;
  /** Bumped by each listing and reset: a background listing completes only its own list. */
  private listings = 0;
  private listed = false;

  constructor(
    readonly root: string,
    private readonly allowProcesses: boolean,
    private readonly log: (message: string) => void,
  ) {}

  stat(rel: string): FileStat | undefined {
    const cached = this.stats.get(rel);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.statUncached(rel);
    this.stats.set(rel, result ?? null);
    return result;
  }

  generation(): number {
    return this.changes;
  }

  /** Called when files listed in the background (git's untracked files) joined the list. */
  onFilesAdded: (() => void) | undefined;

  files(): readonly string[] {
    if (!this.fileList) {
      // Only the first listing (start-up) resolves against git's index before untracked files are
      // known; a listing again after a reset (settings, folders) is complete at once, so a view
      // refreshed by it is not refreshed a second time moments later.
      const listing = listFiles(this.root, this.allowProcesses, this.log, !this.listed);
      this.listed = true;
      const token = ++this.listings;
      this.fileList = listing.files;
      void listing.untracked?.then((untracked) => {
        if (token === this.listings) this.addUntracked(untracked);
      });
    }
    return this.fileList;
  }

  /**
   * Untracked files join the list they complete (not one listed again since a reset). Only the
   * ones not already there (a watcher event may have added them) make a new array and a new
   * generation, so a repository without untracked files is resolved once.
   */
  private addUntracked(untracked: readonly string[]): void {
    if (this.fileList === undefined || untracked.length === 0) return;
    const present = new Set(this.fileList);
    // Deleted meanwhile: the watcher's event came before the list and found nothing to remove.
    const added = untracked.filter((f) => !present.has(f) && this.stat(f)?.type === 'file');
    if (added.length === 0) return;
    const next = [...this.fileList, ...added];
    this.fileList = next.length > MAX_LISTED_FILES ? next.slice(0, MAX_LISTED_FILES) : next;
    this.changes++;
    this.onFilesAdded?.();
  }

  /**
   * Applies watcher events; returns true when the file set changed. Linear in the events and the
   * files (a branch switch reports thousands at once): one pass over the list, set lookups only.
   */
  applyChanges(changes: { rel: string; kind: 'created' | 'changed' | 'deleted' }[]): boolean {
    if (changes.length > 0) this.changes++;
    let setChanged = false;
    const created: string[] = [];
    const deleted = new Set<string>();
    for (const { rel, kind } of changes) {
      this.stats.delete(rel);
      if (kind === 'changed') continue;
      setChanged = true;
      if (kind === 'created') created.push(rel);
      else deleted.add(rel);
    }
    if (!setChanged) return false;
    // A directory created or deleted may be a link now: its real path is looked up again.
    this.realDirs.clear();
    // A created or deleted directory changes what is below it: drop the cached stats under it,
    // in one pass over the cache that looks each key's ancestors up.
    const touched = new Set([...created, ...deleted]);
    for (const key of this.stats.keys()) if (hasAncestorIn(key, touched)) this.stats.delete(key);
    if (this.fileList) {
      const next = deleted.size === 0 ? [...this.fileList] : this.fileList.filter((f) => !deleted.has(f) && !hasAncestorIn(f, deleted));
      const present = created.length > 0 ? new Set(next) : undefined;
      for (const rel of created) {
        const stat = this.stat(rel);
        if (stat?.type === 'file' && !present?.has(rel)) {
          next.push(rel);
          present?.add(rel);
        } else if (stat?.type === 'directory') {
          // A directory moved in: what it holds is unknown until listed again.
          this.fileList = undefined;
          break;
        }
      }
      if (this.fileList) this.fileList = next;
    }
    return true;
  }

  /** Forgets everything (after a branch switch or a settings change). */
  reset(): void {
    this.changes++;
    this.listings++;
    this.stats.clear();
    this.realDirs.clear();
    this.fileList = undefined;
  }

  /** The absolute path of a workspace-relative path, or undefined when it would leave the folder. */
  absolute(rel: string): string | undefined {
    const abs = path.resolve(this.root, rel);
    const relative = path.relative(this.root, abs);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return abs;
  }

  /** Real paths of directories, by their path in the folder; forgotten when the file set changes. */
  private readonly realDirs = new Map<string, string>();

  private realDir(dir: string): string {
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = fs.realpathSync.native(dir);
      this.realDirs.set(dir, real);
    }
    return real;
  }

  private statUncached(rel: string): FileStat | undefined {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
      // Follow a link only when its target stays inside the workspace folder. The real path is
      // checked for every path, not only links: `linked-dir/secret.txt` is a plain file below a
      // linked directory, and lstat alone would not see that it lies outside.
      this.realRoot ??= fs.realpathSync.native(this.root);
      // A plain file's real path is its directory's real path (cached: a directory holds many
      // files) plus its name; only a link needs resolving itself.
      const target = stat.isSymbolicLink() ? fs.realpathSync.native(abs) : path.join(this.realDir(path.dirname(abs)), path.basename(abs));
      const inside = path.relative(this.realRoot, target);
      if (inside.startsWith('..') || path.isAbsolute(inside)) return { type: 'outside' };
      if (stat.isSymbolicLink()) stat = fs.statSync(target);
    } catch {
      // Gone, unreadable, or a link loop (ELOOP): nothing to read.
      return undefined;
    }
    if (stat.isDirectory()) return { type: 'directory' };
    if (!stat.isFile()) return undefined;
    return lazyFileStat(abs, stat.size);
  }
}

/**
 * A file's stat whose line count is read on first use: only a reference with a line range needs
 * it, and counting reads the whole file. Undefined for binaries and files too large to count.
 */
function lazyFileStat(abs: string, size: number): FileStat {
  let counted = false;
  let lineCount: number | undefined;
  return {
    type: 'file',
    get lineCount() {
      if (!counted) {
        counted = true;
        lineCount = countLines(abs, size);
      }
      return lineCount;
    },
  };
}

/** Whether a proper ancestor directory of `rel` is in `dirs`. */
function hasAncestorIn(rel: string, dirs: ReadonlySet<string>): boolean {
  for (let slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) if (dirs.has(rel.slice(0, slash))) return true;
  return false;
}
