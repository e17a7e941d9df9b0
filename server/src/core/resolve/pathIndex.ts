import { basename, commonTailLength, endsWithSegments, tail2 } from './paths';

/**
 * Lookups by name over a fixed list of paths: by basename, and by the last two segments (the
 * "suffix index"). The two-segment key keeps suffix searches small even for names that occur
 * thousands of times in a monorepo (`index.ts`, `__init__.py`). Built on first use, from a sorted
 * list, so every answer is sorted too and callers never sort candidate lists again.
 */
export class PathIndex {
  private byName: Map<string, string[]> | undefined;
  private byTail: Map<string, string[]> | undefined;
  /** A document names the same short name again and again (`index.ts` in ten concerns). */
  private readonly suffixResults = new Map<string, readonly string[]>();

  /** `sortedPaths` is called once, on first use. */
  constructor(private readonly sortedPaths: () => readonly string[]) {}

  /** Every path whose basename is `name`. */
  withBasename(name: string): readonly string[] {
    this.build();
    return this.byName?.get(name) ?? [];
  }

  /** Every path equal to `suffix` or ending with `/suffix` (whole segments). Shared: do not mutate. */
  endingWith(suffix: string): readonly string[] {
    let result = this.suffixResults.get(suffix);
    if (!result) {
      const key = tail2(suffix);
      // A bare name's bucket is the answer as is; a longer suffix must be checked beyond two segments.
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
    return this.byTail?.get(key) ?? [];
  }

  private build(): void {
    if (this.byName) return;
    const byName = new Map<string, string[]>();
    const byTail = new Map<string, string[]>();
    for (const path of this.sortedPaths()) {
      push(byName, basename(path), path);
      const key = tail2(path);
      if (key !== undefined) push(byTail, key, path);
    }
    this.byName = byName;
    this.byTail = byTail;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
