/**
 * "Update line numbers": a reference's text rewritten to the path and lines where its code is
 * now, as written (`web_api/auth.py` (lines 83-98) → `web_api/auth.py` (lines 90-105)). Only
 * the numbers of the line spec and the path are touched; anything unexpected leaves it alone.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { LineRange, ResolvedConcern, ResolvedReference } from '../model';
import { referencesOncePerPlace } from '../features/placeKey';

export function sameRanges(a: readonly LineRange[], b: readonly LineRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]!.start && r.end === b[i]!.end);
}

/**
 * True when the reference's written lines or path differ from where its code is now, and that
 * is known for sure: only `exact` and `moved` references are rewritten. A `changed` one is for
 * the author to review (its code was edited: the numbers may no longer be the point), a `gone`
 * or `unknown` one has no place to be rewritten to.
 */
export function isOutdated(ref: ResolvedReference): boolean {
  const loc = ref.location;
  if (!loc || (loc.state !== 'moved' && loc.state !== 'exact')) return false;
  return loc.path !== loc.writtenPath || !sameRanges(loc.ranges, loc.writtenRanges);
}

/** What "Update line numbers" leaves as written, by state (references drift followed but does not rewrite). */
export function leftAsWritten(concerns: readonly ResolvedConcern[]): { changed: number; gone: number; unknown: number } {
  const left = { changed: 0, gone: 0, unknown: 0 };
  for (const concern of concerns) {
    for (const ref of concern.references) {
      const state = ref.location?.state;
      if (state === 'changed' || state === 'gone') left[state]++;
      // Unknown only where git could not answer (not every reference of an untrusted workspace).
      else if (state === 'unknown' && ref.location?.note) left.unknown++;
    }
  }
  return left;
}

/** "Updated 3 references; left as written: 2 changed since the analysis (review them), 1 gone." */
export function updateSummary(updated: number, left: { changed: number; gone: number; unknown: number }): string {
  const n = (count: number, what: string) => `${count} ${what}`;
  const parts: string[] = [];
  if (left.changed > 0) parts.push(n(left.changed, 'changed since the analysis (review them: the numbers may no longer be the point)'));
  if (left.gone > 0) parts.push(n(left.gone, 'gone'));
  if (left.unknown > 0) parts.push(n(left.unknown, 'unknown (git could not follow them)'));
  const head = `Updated ${updated} reference${updated === 1 ? '' : 's'}`;
  return parts.length === 0 ? `${head}.` : `${head}; left as written: ${parts.join(', ')}.`;
}

/** The reference's text with its current path and lines; undefined when it cannot be rewritten safely. */
export function updatedReferenceText(ref: ResolvedReference, root: string): string | undefined {
  const loc = ref.location;
  if (!loc || !isOutdated(ref)) return undefined;
  if (loc.ranges.length !== loc.writtenRanges.length) return undefined; // a range is gone: the author decides
  let text = ref.text;
  // The path: replace the written one, keeping as many segments as were written (short names stay short).
  let pathEnd: number;
  const at = text.indexOf(ref.path);
  if (at < 0) return undefined;
  if (loc.path !== loc.writtenPath) {
    const rel = root && loc.path.startsWith(`${root}/`) ? loc.path.slice(root.length + 1) : loc.path;
    const keep = ref.path.split('/').length;
    const written = ref.path.includes('/') || keep > 1 ? rel.split('/').slice(-keep).join('/') : (rel.split('/').pop() ?? rel);
    const replacement = ref.path === loc.writtenPath || (root && `${root}/${ref.path}` === loc.writtenPath) ? rel : written;
    text = text.slice(0, at) + replacement + text.slice(at + ref.path.length);
    pathEnd = at + replacement.length;
  } else {
    pathEnd = at + ref.path.length;
  }
  if (loc.writtenRanges.length === 0) return text === ref.text ? undefined : text;
  // The numbers after the path, in the order the ranges were written.
  const expected: number[] = [];
  const next: number[] = [];
  loc.writtenRanges.forEach((r, i) => {
    const now = loc.ranges[i]!;
    expected.push(r.start);
    next.push(now.start);
    if (!r.toEnd && r.end !== r.start) {
      expected.push(r.end);
      next.push(Math.max(now.start, now.end));
    }
  });
  const tail = text.slice(pathEnd);
  const found: { index: number; length: number; value: number }[] = [];
  const number = /\d+/g;
  for (let m = number.exec(tail); m; m = number.exec(tail)) {
    const before = tail[m.index - 1] ?? ' ';
    if (/[A-Za-z_]/.test(before) && before !== 'L') continue; // part of an identifier (`get_v2`)
    found.push({ index: m.index, length: m[0].length, value: Number(m[0]) });
  }
  if (found.length < expected.length) return undefined;
  const used = found.slice(0, expected.length);
  if (!used.every((f, i) => f.value === expected[i])) return undefined;
  let out = tail;
  for (let i = used.length - 1; i >= 0; i--) out = out.slice(0, used[i]!.index) + String(next[i]) + out.slice(used[i]!.index + used[i]!.length);
  return text.slice(0, pathEnd) + out;
}

/** The edits that bring the references of one concern (or every concern) to their current lines. */
export function updateLineNumbersEdits(concerns: readonly ResolvedConcern[], root: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // One edit a place: edits of one change must not overlap.
  for (const [, ref] of referencesOncePerPlace(concerns)) {
    const text = updatedReferenceText(ref, root);
    if (text !== undefined && text !== ref.text) edits.push({ range: ref.range, newText: text });
  }
  return edits;
}
