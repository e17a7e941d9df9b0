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

  /**
   * Whether a file is a link (or lies below one) leading outside the folder: its directory's
   * real path (cached), and one listing of the directory for which of its entries are links
   * (cached), instead of a stat per file; only a link is stat'ed. A file that is not there is
   * not outside (as `stat` says).
   */
  leadsOutside(rel: string): boolean {
    const slash = rel.lastIndexOf('/');
    const dir = slash < 0 ? '' : rel.slice(0, slash);
    const absDir = dir === '' ? this.root : this.absolute(dir);
    if (absDir === undefined) return true;
    let links = this.linksByDir.get(dir);
    if (links === undefined) {
      try {
        if (!this.dirInside(absDir)) return true;
        links = new Set(
          fs
            .readdirSync(absDir, { withFileTypes: true })
            .filter((entry) => entry.isSymbolicLink())
            .map((entry) => entry.name),
        );
      } catch {
        links = null;
      }
      this.linksByDir.set(dir, links);
    }
    if (links === null) return false;
    return links.has(rel.slice(slash + 1)) && this.stat(rel)?.type === 'outside';
  }

  /** By directory (workspace-relative): the names of its entries that are links; null when it could not be read. */
  private readonly linksByDir = new Map<string, Set<string> | null>();

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
      const untracked = listing.untracked;
      this.listUntracked = untracked
        ? () => {
            this.listUntracked = undefined;
            void untracked().then((files) => {
              if (token === this.listings) this.addUntracked(files);
            });
          }
        : undefined;
    }
    return this.index;
  }

  /**
   * Lists the untracked files of the start-up listing, when one is still to come: called once
   * the first index has reached the editor, since git's walk for them takes the CPU the
   * start-up needs (700 ms at 300,000 files). Undefined when there is nothing to list.
   */
  listUntracked: (() => void) | undefined;

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
      this.linksByDir.delete(rel.slice(0, Math.max(0, rel.lastIndexOf('/'))));
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
      this.linksByDir.clear();
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
    this.linksByDir.clear();
    this.index = undefined;
  }

  /** The absolute path of a workspace-relative path, or undefined when it would leave the folder. */
  absolute(rel: string): string | undefined {
    // The common case, thousands per start-up: a plain relative path (no `.`/`..` segment, no
    // backslash, no drive or root) is inside by construction and needs no resolving.
    if (PLAIN_RELATIVE.test(rel)) return this.root + path.sep + (path.sep === '/' ? rel : rel.replace(/\//g, path.sep));
    const abs = path.resolve(this.root, rel);
    return isWithin(this.root, abs) ? abs : undefined;
  }

  /**
   * Whether each directory's real path lies inside the folder, by its absolute path (a directory
   * holds many files: each file's check is then one look-up). Forgotten when the file set changes.
   */
  private readonly realDirs = new Map<string, boolean>();

  private dirInside(dir: string): boolean {
    let inside = this.realDirs.get(dir);
    if (inside === undefined) {
      inside = this.isInside(fs.realpathSync.native(dir));
      this.realDirs.set(dir, inside);
    }
    return inside;
  }

  private isInside(real: string): boolean {
    this.realRoot ??= fs.realpathSync.native(this.root);
    return isWithin(this.realRoot, real);
  }

  private statUncached(rel: string): FileStat | undefined {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    let stat: fs.Stats;
    try {
      // Missing is common (a broken reference, a path tried under the project root first): no exception for it.
      const found = fs.lstatSync(abs, { throwIfNoEntry: false });
      if (found === undefined) return undefined;
      stat = found;
      // Follow a link only when its target stays inside the workspace folder. The real path is
      // checked for every path, not only links: `linked-dir/secret.txt` is a plain file below a
      // linked directory, and lstat alone would not see that it lies outside. A plain file's
      // real path is its directory's real path plus its name: inside when its directory is
      // (cached); only a link needs resolving itself.
      if (stat.isSymbolicLink()) {
        const target = fs.realpathSync.native(abs);
        if (!this.isInside(target)) return { type: 'outside' };
        stat = fs.statSync(target);
      } else if (!this.dirInside(path.dirname(abs))) return { type: 'outside' };
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

/** Relative, forward slashes, no empty, `.` or `..` segment, no backslash or colon (drive letters, streams). */
const PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))[^/\\:]+(?:\/(?!\.\.?(?:\/|$))[^/\\:]+)*$/;

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
    if (this.lines === -1) this.lines = countLines(this.root, path.join(this.root, this.rel), this.size) ?? -2;
    return this.lines === -2 ? undefined : this.lines;
  }
}

/** Whether absolute path `p` is `root` or lies below it. */
function isWithin(root: string, p: string): boolean {
  const relative = path.relative(root, p);
  return !(relative.startsWith('..') || path.isAbsolute(relative));
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
