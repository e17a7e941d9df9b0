import { pathSourceOf, type PathSource } from './pathSource';

/**
 * Paths in the workspace that a broken reference most likely meant: same file name elsewhere
 * (moved), else the closest names by edit distance in the same directory or anywhere.
 */
export function nearestPaths(broken: string, files: readonly string[] | PathSource, max = 3): string[] {
  const source = pathSourceOf(files);
  const name = broken.split('/').pop() ?? broken;
  const sameName = source.endingWith(name);
  if (sameName.length > 0) return rankBySharedSuffix(broken, [...sameName]).slice(0, max);
  const dir = broken.includes('/') ? broken.slice(0, broken.lastIndexOf('/') + 1) : '';
  // Files in the same directory first; the whole workspace when none is close there.
  let pool = dir;
  let any = false;
  if (dir) {
    source.forEachUnder(dir, () => {
      any = true;
      return false;
    });
    if (!any) pool = '';
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { path: string; distance: number }[] = [];
  source.forEachUnder(pool, (path) => {
    const candidate = path.slice(path.lastIndexOf('/') + 1);
    if (Math.abs(candidate.length - name.length) > limit) return;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ path, distance });
  });
  // A renamed file often keeps the start or the whole of its name: test_auth.py ↔ test_authentication.py.
  const stem = stemOf(name);
  if (scored.length === 0 && stem.length >= 4) {
    source.forEachUnder(pool, (path) => {
      const candidate = path.slice(path.lastIndexOf('/') + 1);
      const other = stemOf(candidate);
      if (extensionOf(candidate) !== extensionOf(name) || other.length < 4) return;
      if (stem.startsWith(other) || other.startsWith(stem)) scored.push({ path, distance: limit + Math.abs(other.length - stem.length) });
    });
  }
  scored.sort((a, b) => a.distance - b.distance || a.path.length - b.path.length || a.path.localeCompare(b.path));
  return scored.slice(0, max).map((s) => s.path);
}

function stemOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

function rankBySharedSuffix(broken: string, candidates: string[]): string[] {
  const parts = broken.split('/').reverse();
  const shared = (p: string) => {
    const other = p.split('/').reverse();
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    return n;
  };
  return [...candidates].sort((a, b) => shared(b) - shared(a) || a.length - b.length || a.localeCompare(b));
}

/** Levenshtein distance with an early exit once it passes `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
