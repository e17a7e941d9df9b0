import type { LineRange, Reference } from '../model';

/**
 * Whether every written range lies inside a file of `lineCount` lines. An unknown line count
 * (binary, too large to count) gets the benefit of the doubt. A `toEnd` range (`1235–end`,
 * `1823+`) only needs its start to exist.
 */
export function rangesFit(ranges: readonly LineRange[], lineCount: number | undefined): boolean {
  if (lineCount === undefined) return true;
  return ranges.every((range) => range.start <= lineCount && (range.toEnd === true || range.end <= lineCount));
}

/** A reference as written (kind, path, line ranges), as a map key. */
export function writtenKey(ref: Pick<Reference, 'kind' | 'path' | 'ranges'>): string {
  return `${ref.kind}\u0000${ref.path}\u0000${ref.ranges.map((r) => `${r.start}-${r.end}${r.toEnd ? '+' : ''}`).join(',')}`;
}
