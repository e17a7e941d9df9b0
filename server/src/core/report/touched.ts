/**
 * Whether a change edits the lines a concern names: the change of one file since a revision, as
 * hunks in the file's current (working tree) lines, intersected with a current line range.
 */
import type { Hunk } from '../drift/hunks';
import type { LineRange } from '../model';

export interface FileChangeSince {
  /** `added` and `deleted` touch the whole file; `modified` touches its hunks. */
  change: 'added' | 'deleted' | 'modified';
  /** For `modified`: old lines (the revision's) → new lines (the working tree's). */
  hunks: readonly Hunk[];
}

/**
 * Whether the change edits a current range: a hunk replacing or inserting lines inside it, or a
 * deletion between two of its lines or at its edge (the code next to a fragile area is part of it).
 */
export function rangeTouched(change: FileChangeSince, range: LineRange): boolean {
  if (change.change !== 'modified') return true;
  const start = range.start;
  const end = range.toEnd ? Infinity : Math.max(range.start, range.end);
  return change.hunks.some((h) => {
    // A deletion after new line h.newStart (0 = at the top): it touches a range it borders.
    if (h.newCount === 0) return h.newStart >= start - 1 && h.newStart <= end;
    const last = h.newStart + h.newCount - 1;
    return h.newStart <= end && last >= start;
  });
}
