import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileStat, WorkspaceView } from '../core/workspace';
import { countLines } from './fileLines';
import { listFiles } from './fileList';

/**
 * A workspace folder on disk, as the core sees it. Stats are cached until a watcher event
 * invalidates them; the file list is built only when first asked for and then kept up to date
 * from watcher events (a new array each time, so caches keyed on it rebuild).
 */
export class FsWorkspace implements WorkspaceView {
  private readonly stats = new Map<string, FileStat | null>();
  private fileList: string[] | undefined;
  private realRoot: string | undefined;

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

  files(): readonly string[] {
    this.fileList ??= listFiles(this.root, this.allowProcesses, this.log);
    return this.fileList;
  }

  /** Applies watcher events; returns true when the file set changed. */
  applyChanges(changes: { rel: string; kind: 'created' | 'changed' | 'deleted' }[]): boolean {
    let setChanged = false;
    const created: string[] = [];
    const deleted = new Set<string>();
    for (const { rel, kind } of changes) {
      this.stats.delete(rel);
      if (kind === 'changed') continue;
      setChanged = true;
      // A created or deleted directory changes what its ancestors hold, and what is below it.
      for (const key of this.stats.keys()) if (key.startsWith(`${rel}/`)) this.stats.delete(key);
      if (kind === 'created') created.push(rel);
      else deleted.add(rel);
    }
    if (setChanged && this.fileList) {
      const next = this.fileList.filter((f) => !deleted.has(f) && ![...deleted].some((d) => f.startsWith(`${d}/`)));
      for (const rel of created) {
        const stat = this.stat(rel);
        if (stat?.type === 'file' && !next.includes(rel)) next.push(rel);
        else if (stat?.type === 'directory') this.fileList = undefined;
      }
      if (this.fileList) this.fileList = next;
    }
    return setChanged;
  }

  /** Forgets everything (after a branch switch or a settings change). */
  reset(): void {
    this.stats.clear();
    this.fileList = undefined;
  }

  /** The absolute path of a workspace-relative path, or undefined when it would leave the folder. */
  absolute(rel: string): string | undefined {
    const abs = path.resolve(this.root, rel);
    const relative = path.relative(this.root, abs);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return abs;
  }

  private statUncached(rel: string): FileStat | undefined {
    const abs = this.absolute(rel);
    if (!abs) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(abs);
      if (stat.isSymbolicLink()) {
        // Follow a link only when its target stays inside the workspace folder.
        const target = fs.realpathSync(abs);
        this.realRoot ??= fs.realpathSync(this.root);
        const inside = path.relative(this.realRoot, target);
        if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
        stat = fs.statSync(target);
      }
    } catch {
      return undefined;
    }
    if (stat.isDirectory()) return { type: 'directory' };
    if (!stat.isFile()) return undefined;
    const lineCount = countLines(abs, stat.size);
    return lineCount === undefined ? { type: 'file' } : { type: 'file', lineCount };
  }
}
