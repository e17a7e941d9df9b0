/**
 * How much of the code a reference was written about still stands on the lines it maps to now:
 * a `changed` reference is placed on those lines only when they hold a recognisable part of it.
 * Whitespace never counts (lines are compared with every space removed).
 *
 * Two measures, either enough:
 * - `lines`: the share of the written code's non-blank lines found unchanged among the lines now
 *   (an edit to one line of five leaves 0.8; code moved out and replaced by other code, 0);
 * - `tokens`: the overlap (Dice) of the identifiers, words and numbers of both sides, each
 *   counted as often as it occurs (a variable renamed on every line leaves most of them; other
 *   code sharing only keywords and a common call leaves less than half).
 */

/** At least this share of the written non-blank lines still there, unchanged. */
export const LINE_SHARE_THRESHOLD = 0.34;
/** Or at least this overlap of their tokens. */
export const TOKEN_OVERLAP_THRESHOLD = 0.6;

export interface CodeSimilarity {
  lines: number;
  tokens: number;
}

function squash(line: string): string {
  return line.replace(/\s+/g, '');
}

function counts(items: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(item, (out.get(item) ?? 0) + 1);
  return out;
}

/** Identifiers, words and numbers of two characters or more (punctuation and one-letter names say little). */
function tokens(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) for (const m of line.matchAll(/[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+/gu)) if (m[0].length >= 2) out.push(m[0]);
  return out;
}

/** How many of `items` are found in `pool` (each found one used up: a multiset intersection). */
function takeCommon(items: readonly string[], pool: Map<string, number>): number {
  let common = 0;
  for (const item of items) {
    const n = pool.get(item) ?? 0;
    if (n === 0) continue;
    common++;
    pool.set(item, n - 1);
  }
  return common;
}

/** The similarity of the code as written (`before`) and the lines it maps to now (`after`). */
export function codeSimilarity(before: readonly string[], after: readonly string[]): CodeSimilarity {
  const written = before.map(squash).filter((l) => l.length > 0);
  const kept = takeCommon(written, counts(after.map(squash).filter((l) => l.length > 0)));
  const a = tokens(before);
  const b = tokens(after);
  const common = takeCommon(a, counts(b));
  const total = a.length + b.length;
  return { lines: written.length === 0 ? 0 : kept / written.length, tokens: total === 0 ? 0 : (2 * common) / total };
}

/** Whether `after` still holds a recognisable part of `before`; code of nothing but blank lines is never recognised. */
export function recognisable(before: readonly string[], after: readonly string[]): boolean {
  const s = codeSimilarity(before, after);
  return s.lines >= LINE_SHARE_THRESHOLD || s.tokens >= TOKEN_OVERLAP_THRESHOLD;
}
