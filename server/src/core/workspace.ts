/**
 * The core's only view of the files it reasons about. The node adapter implements it with the
 * file system and a file index; tests implement it in memory. Every path is workspace-relative,
 * with forward slashes, already checked to lie inside the workspace folder.
 */
import type { FileIndex } from './resolve/fileIndex';

export interface FileStat {
  /**
   * `outside`: the path exists in the folder but is a symbolic link (or lies below one) whose
   * target is outside the workspace folder; it is never read, previewed or linked.
   */
  type: 'file' | 'directory' | 'outside';
  /** Number of lines of a text file, when known (undefined for directories, binaries, or files too large to count). */
  lineCount?: number;
}

export interface WorkspaceView {
  /** The file or directory at a workspace-relative path, or undefined when there is none. */
  stat(path: string): FileStat | undefined;
  /**
   * Every file in the workspace (workspace-relative). Only called when a glob, a short name or a
   * foreign absolute path needs it, so implementations may build it lazily and cache it.
   */
  files(): readonly string[];
  /**
   * Optional: the view's own index of `files()`, kept up to date as files come and go (the same
   * object for as long as the view can update it). The resolver uses it instead of indexing
   * `files()` itself; asked for only when `files()` would be.
   */
  fileIndex?(): FileIndex;
  /**
   * Optional: a number that changes whenever a stat or `files()` may answer differently (watcher
   * events, a reset). A view that has one lets the resolver keep each reference's outcome until
   * it changes; a view without one is asked again on every resolve.
   */
  generation?(): number;
  /**
   * Optional: whether a listed file is a link (or lies below one) leading outside the folder,
   * i.e. whether `stat(path)?.type === 'outside'`, answered more cheaply: a glob's thousands of
   * matches are checked, and a view may know which entries are links without a stat each.
   */
  leadsOutside?(path: string): boolean;
}
