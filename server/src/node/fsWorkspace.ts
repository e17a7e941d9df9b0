import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileIndex } from '../core/resolve/fileIndex';
import type { FileStat, WorkspaceView } from '../core/workspace';
import { countLines } from './fileLines';
import { listFiles, MAX_LISTED_FILES } from './fileList';

/**
 * A workspace folder on disk, as the core sees it. Stats are cached until a watcher event
 * invalidates them; the file index is built only when first asked for and then updated in place
 * from watcher events (the resolver's caches follow `generation()`). In a git repository the
 * index starts as git's index; untracked files join it when git has listed them.
 */
export class FsWorkspace implements WorkspaceView {
  private readonly stats = new Map<string, FileStat | null>();
  private index: FileIndex | undefined;
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

  /** Every file, sorted; valid until the next change (the index keeps it while it is in use). */
  files(): readonly string[] {
    return this.fileIndex().sorted();
  }

  fileIndex(): FileIndex {
    if (!this.index) {
      // Only the first listing (start-up) resolves against git's index before untracked files are
      // known; a listing again after a reset (settings, folders) is complete at once, so a view
      // refreshed by it is not refreshed a second time moments later.
      const listing = listFiles(this.root, this.allowProcesses, this.log, !this.listed);
      this.listed = true;
      const token = ++this.listings;
      this.index = listing.files;
      void listing.untracked?.then((untracked) => {
        if (token === this.listings) this.addUntracked(untracked);
      });
    }
    return this.index;
  }

  /**
   * Untracked files join the index they complete (not one listed again since a reset). Only the
   * ones not already there (a watcher event may have added them) make a new generation, so a
   * repository without untracked files is resolved once.
   */
  private addUntracked(untracked: readonly string[]): void {
    const index = this.index;
    if (index === undefined) return;
    let added = 0;
    for (const file of untracked) {
      if (index.size >= MAX_LISTED_FILES) break;
      // Deleted meanwhile: the watcher's event came before the list and found nothing to remove.
      if (!index.has(file) && this.stat(file)?.type === 'file' && index.add(file)) added++;
    }
    if (added === 0) return;
    this.changes++;
    this.onFilesAdded?.();
  }

  /**
   * Applies watcher events; returns true when the file set changed. Each event updates the index
   * in place (a branch switch reports thousands at once: each costs a few hash look-ups), and only
   * a directory created or deleted sweeps the caches of what lies below it.
   */
  applyChanges(changes: { rel: string; kind: 'created' | 'changed' | 'deleted' }[]): boolean {
    if (changes.length > 0) this.changes++;
    let setChanged = false;
    const created: string[] = [];
    const deleted: string[] = [];
    for (const { rel, kind } of changes) {
      this.stats.delete(rel);
      if (kind === 'changed') continue;
      setChanged = true;
      if (kind === 'created') created.push(rel);
      else deleted.push(rel);
    }
    if (!setChanged) return false;
    /** Paths that are (or were) directories, or may be: what is cached below them is stale. */
    const dirs = new Set<string>();
    for (const rel of deleted) {
      // A file the index knew has nothing below it; anything else may have been a directory.
      if (this.index?.remove(rel)) continue;
      dirs.add(rel);
      this.index?.removeUnder(rel);
    }
    for (const rel of created) {
      const stat = this.stat(rel);
      if (stat?.type === 'file') {
        this.index?.add(rel);
        continue;
      }
      if (stat === undefined) continue;
      dirs.add(rel);
      // A directory moved in: what it holds is unknown until listed again (an empty one holds nothing).
      if (stat.type === 'directory' && this.index && !isEmptyDir(path.join(this.root, rel))) {
        this.index = undefined;
        this.listings++;
      }
    }
    if (dirs.size > 0) {
      // A directory created or deleted may be a link now: its real path is looked up again; and
      // the stats below it are dropped, in one pass over the cache that looks each key's ancestors up.
      this.realDirs.clear();
      for (const key of this.stats.keys()) if (hasAncestorIn(key, dirs)) this.stats.delete(key);
    }
    return true;
  }

  /** Forgets everything (after a branch switch or a settings change). */
  reset(): void {
    this.changes++;
    this.listings++;
    this.stats.clear();
    this.realDirs.clear();
    this.index = undefined;
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
    if (stat.isDirectory()) return DIRECTORY;
    if (!stat.isFile()) return undefined;
    return new LazyFileStat(this.root, rel, stat.size);
  }
}

const DIRECTORY: FileStat = { type: 'directory' };

/**
 * A file's stat whose line count is read on first use: only a reference with a line range needs
 * it, and counting reads the whole file. Undefined for binaries and files too large to count.
 * Small (the cache holds one per file a document reaches, thousands with globs): no closure, and
 * no path of its own but the workspace-relative one the cache keys it by.
 */
class LazyFileStat implements FileStat {
  readonly type = 'file';
  /** -1: not counted yet; -2: counted, unknown. */
  private lines = -1;

  constructor(
    private readonly root: string,
    private readonly rel: string,
    private readonly size: number,
  ) {}

  get lineCount(): number | undefined {
    if (this.lines === -1) this.lines = countLines(path.join(this.root, this.rel), this.size) ?? -2;
    return this.lines === -2 ? undefined : this.lines;
  }
}

function isEmptyDir(abs: string): boolean {
  try {
    return fs.readdirSync(abs).length === 0;
  } catch {
    return true;
  }
}

/** Whether a proper ancestor directory of `rel` is in `dirs`. */
function hasAncestorIn(rel: string, dirs: ReadonlySet<string>): boolean {
  for (let slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) if (dirs.has(rel.slice(0, slash))) return true;
  return false;
}
