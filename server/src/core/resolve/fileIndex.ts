import { PathIndex } from './pathIndex';

/** What a glob matched: capped, sorted, workspace-relative. */
export interface GlobResult {
  matches: string[];
  /** True when more files matched than `matches` holds. */
  truncated: boolean;
}

/**
 * Everything derived from one `files()` array. The array object is replaced whenever the file set
 * changes, so an index is valid exactly as long as its array: callers cache it by identity
 * (see `FileIndexCache`) and never need to watch for changes themselves. Every part is built on
 * first use, because a document that only names literal paths should cost nothing here.
 */
export class FileIndex {
  readonly files: PathIndex;
  /** Glob results by full workspace-relative pattern: a document often repeats a glob. */
  readonly globResults = new Map<string, GlobResult>();
  private dirIndex: PathIndex | undefined;
  private sortedFiles: string[] | undefined;

  constructor(private readonly list: readonly string[]) {
    this.files = new PathIndex(() => this.sorted());
  }

  /** Directories, derived from the files' ancestors (the workspace view lists files only). */
  get dirs(): PathIndex {
    if (!this.dirIndex) {
      const dirs = new Set<string>();
      for (const file of this.list) {
        // Walk up until an ancestor is already known: its own ancestors are then known too.
        for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
          const dir = file.slice(0, slash);
          if (dirs.has(dir)) break;
          dirs.add(dir);
        }
      }
      const sorted = [...dirs].sort(compare);
      this.dirIndex = new PathIndex(() => sorted);
    }
    return this.dirIndex;
  }

  /** The files sorted, so that the files under a literal prefix form one contiguous run. */
  sorted(): readonly string[] {
    this.sortedFiles ??= [...this.list].sort(compare);
    return this.sortedFiles;
  }

  /** The sorted files starting with `prefix` ('' = all of them), found by binary search. */
  startingWith(prefix: string): readonly string[] {
    const sorted = this.sorted();
    if (prefix === '') return sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(sorted[mid] ?? '', prefix) < 0) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < sorted.length && (sorted[end] ?? '').startsWith(prefix)) end++;
    return sorted.slice(low, end);
  }
}

/** Code-unit order: locale-independent, and consistent with `startsWith` runs. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One `FileIndex` per `files()` array identity. */
export class FileIndexCache {
  private cache = new WeakMap<readonly string[], FileIndex>();

  get(files: readonly string[]): FileIndex {
    let index = this.cache.get(files);
    if (!index) {
      index = new FileIndex(files);
      this.cache.set(files, index);
    }
    return index;
  }

  /** Forget every index, for views that mutate their `files()` array in place. */
  clear(): void {
    this.cache = new WeakMap();
  }
}
