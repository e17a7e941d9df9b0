import { commonTailLength, endsWithSegments, tail2 } from './paths';

/**
 * Lookups by name over a fixed list of paths: by basename, and by the last two segments (the
 * "suffix index"). The two-segment key keeps suffix searches small even for names that occur
 * thousands of times in a monorepo (`index.ts`, `__init__.py`). Built on first use, from a sorted
 * list, so every answer is sorted too and callers never sort candidate lists again.
 */
export class PathIndex {
  /**
   * Two orderings of the paths, as indices: by basename, and by last two segments (each then by
   * path). A key's paths are one contiguous run, found by binary search. Compared with a map of
   * arrays per key this holds no key strings and no per-key arrays: at 300,000 files it is about
   * 2.5 MB instead of about 75 MB.
   */
  private paths: readonly string[] | undefined;
  private byName: Uint32Array | undefined;
  private byTail: Uint32Array | undefined;
  /** Where each path's key starts (basename; last two segments, or -1 for a single segment). */
  private nameStart: Int32Array | undefined;
  private tailStart: Int32Array | undefined;
  /** A document names the same short name again and again (`index.ts` in ten concerns). */
  private readonly suffixResults = new Map<string, readonly string[]>();

  /** `sortedPaths` is called once, on first use. */
  constructor(private readonly sortedPaths: () => readonly string[]) {}

  /** Every path whose basename is `name`. */
  withBasename(name: string): readonly string[] {
    this.build();
    return this.run(this.byName!, this.nameStart!, name);
  }

  /** Every path equal to `suffix` or ending with `/suffix` (whole segments). Shared: do not mutate. */
  endingWith(suffix: string): readonly string[] {
    let result = this.suffixResults.get(suffix);
    if (!result) {
      const key = tail2(suffix);
      // A bare name's run is the answer as is; a longer suffix must be checked beyond two segments.
      result = key === undefined ? this.withBasename(suffix) : this.withTail(key).filter((path) => endsWithSegments(path, suffix));
      this.suffixResults.set(suffix, result);
    }
    return result;
  }

  /**
   * The paths sharing the longest tail with `segments` (an absolute path from another machine):
   * at least `parent/name` when any path has that, else the bare name but only when it is unique,
   * because a lone file name shared by several files says nothing about which one was meant.
   * `allowBareName: false` refuses the bare-name fallback altogether.
   */
  longestTail(segments: readonly string[], allowBareName = true): string[] {
    const name = segments[segments.length - 1];
    if (name === undefined) return [];
    if (segments.length >= 2) {
      const bucket = this.withTail(segments.slice(-2).join('/'));
      let best = 0;
      let winners: string[] = [];
      for (const path of bucket) {
        const length = commonTailLength(path, segments);
        if (length > best) {
          best = length;
          winners = [path];
        } else if (length === best) {
          winners.push(path);
        }
      }
      if (winners.length > 0) return winners;
    }
    if (!allowBareName) return [];
    const bare = this.withBasename(name);
    return bare.length === 1 ? [...bare] : [];
  }

  private withTail(key: string): readonly string[] {
    this.build();
    return this.run(this.byTail!, this.tailStart!, key);
  }

  /** The paths whose key (from `starts`) equals `key`, in path order. */
  private run(order: Uint32Array, starts: Int32Array, key: string): string[] {
    const paths = this.paths!;
    const cmp = (i: number) => compareTail(paths[i]!, starts[i]!, key);
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cmp(order[mid]!) < 0) low = mid + 1;
      else high = mid;
    }
    const out: string[] = [];
    for (let k = low; k < order.length && cmp(order[k]!) === 0; k++) out.push(paths[order[k]!]!);
    return out;
  }

  private build(): void {
    if (this.paths) return;
    const paths = this.sortedPaths();
    const n = paths.length;
    const nameStart = new Int32Array(n);
    const tailStart = new Int32Array(n);
    let tails = 0;
    for (let i = 0; i < n; i++) {
      const path = paths[i]!;
      const last = path.lastIndexOf('/');
      nameStart[i] = last + 1;
      if (last < 0) tailStart[i] = -1;
      else {
        tailStart[i] = path.lastIndexOf('/', last - 1) + 1;
        tails++;
      }
    }
    // Ties keep path order: the indices are already in path order and the sort is stable.
    const byName = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareKeys(paths[a]!, nameStart[a]!, paths[b]!, nameStart[b]!) || a - b);
    const withTail = new Uint32Array(tails);
    for (let i = 0, k = 0; i < n; i++) if (tailStart[i]! >= 0) withTail[k++] = i;
    const byTail = withTail.sort((a, b) => compareKeys(paths[a]!, tailStart[a]!, paths[b]!, tailStart[b]!) || a - b);
    this.paths = paths;
    this.nameStart = nameStart;
    this.tailStart = tailStart;
    this.byName = byName;
    this.byTail = byTail;
  }
}

/** `a.slice(ia)` against `b.slice(ib)` in code-unit order, without making either string. */
function compareKeys(a: string, ia: number, b: string, ib: number): number {
  const la = a.length - ia;
  const lb = b.length - ib;
  const n = Math.min(la, lb);
  for (let k = 0; k < n; k++) {
    const d = a.charCodeAt(ia + k) - b.charCodeAt(ib + k);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** A path's key (from `start`) against `key`. */
function compareTail(path: string, start: number, key: string): number {
  return compareKeys(path, start, key, 0);
}
