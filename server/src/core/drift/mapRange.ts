/**
 * Following a written range through diffs: lines before and after a hunk shift with it; a range
 * a hunk touches was edited (`changed`), unless the same code is found elsewhere (`moved`); a
 * range whose lines were all removed is `gone`. Pure: hunks and texts in, a location out.
 */
import type { LineRange, LocationState, MappedLocation } from '../model';
import { findDefinitions, mentions } from './anchor';
import { recognisable } from './similarity';
import type { Hunk } from './hunks';

/** Where one old line is on the new side, and the hunk that edited it, if one did. */
export function mapLine(line: number, hunks: readonly Hunk[]): { line: number; hunk?: Hunk } {
  let delta = 0;
  for (const h of hunks) {
    if (h.oldCount === 0) {
      if (h.oldStart < line) delta += h.newCount;
      else break;
      continue;
    }
    const last = h.oldStart + h.oldCount - 1;
    if (last < line) {
      delta += h.newCount - h.oldCount;
      continue;
    }
    if (h.oldStart > line) break;
    // Inside the hunk: the same offset in its new text, or the line after a pure deletion.
    const approx = h.newCount > 0 ? h.newStart + Math.min(line - h.oldStart, h.newCount - 1) : h.newStart + 1;
    return { line: Math.max(1, approx), hunk: h };
  }
  return { line: Math.max(1, line + delta) };
}

export interface SpanMapping {
  start: number;
  /** Infinity for a range written to the end of the file. */
  end: number;
  /** A hunk edited a line of the span, or inserted lines inside it. */
  touched: boolean;
  /** Every line of the span was removed, nothing put in its place. */
  deleted: boolean;
}

/** Maps [start, end] (1-based inclusive; end may be Infinity) through one diff's hunks. */
export function mapSpan(start: number, end: number, hunks: readonly Hunk[]): SpanMapping {
  let touched = false;
  let coveredLines = 0;
  let replaced = false;
  for (const h of hunks) {
    if (h.oldCount === 0) {
      if (h.oldStart >= start && h.oldStart < end) touched = true;
      continue;
    }
    const last = h.oldStart + h.oldCount - 1;
    if (last < start || h.oldStart > end) continue;
    touched = true;
    coveredLines += Math.min(last, end) - Math.max(h.oldStart, start) + 1;
    if (h.newCount > 0) replaced = true;
  }
  const s = mapLine(start, hunks).line;
  const e = end === Infinity ? Infinity : Math.max(s, mapLine(end, hunks).line);
  const deleted = end !== Infinity && coveredLines >= end - start + 1 && !replaced;
  return { start: s, end: e, touched, deleted };
}

/** What is known of one referenced file between the baseline and now. */
export interface FileHistory {
  /**
   * `unchanged` also covers a file whose diff has no hunk. `absent`: not in the baseline.
   * `unknown`: git (or the read path) could not answer; `cause` says why.
   */
  change: 'unchanged' | 'modified' | 'renamed' | 'deleted' | 'absent' | 'unknown';
  cause?: string;
  /** Workspace-relative path now (the same as the written one unless renamed). */
  currentPath: string;
  /** Successive diffs from the baseline to the text now (e.g. baseline→index, index→worktree). */
  stages: readonly (readonly Hunk[])[];
  /** The file's lines at the baseline, for finding moved code (only needed when a hunk touches a range). */
  baseLines?: readonly string[];
  /** The file's lines now. */
  currentLines?: readonly string[];
}

export interface WrittenReference {
  /** Workspace-relative path the reference resolved to (or was written as). */
  path: string;
  ranges: readonly LineRange[];
  symbol?: string;
}

const STATE_ORDER: LocationState[] = ['exact', 'moved', 'changed', 'gone'];

/** A whole reference (every written range) followed through a file's history. */
export function mapReference(ref: WrittenReference, file: FileHistory, baseline: string | undefined): MappedLocation {
  const out: MappedLocation = { state: 'exact', path: file.currentPath, ranges: [], writtenPath: ref.path, writtenRanges: ref.ranges.map((r) => ({ ...r })) };
  if (baseline) out.baseline = baseline;
  if (file.change === 'absent') return { ...out, state: 'unknown', path: ref.path, ranges: out.writtenRanges, note: 'not in the baseline commit' };
  if (file.change === 'unknown') return { ...out, state: 'unknown', path: ref.path, ranges: out.writtenRanges, note: file.cause ?? 'unknown' };
  if (file.change === 'deleted') return { ...out, state: 'gone', note: 'file deleted' };
  const renamed = file.currentPath !== ref.path;
  if (ref.ranges.length === 0) return { ...out, state: renamed ? 'moved' : 'exact', note: renamed ? `renamed from ${ref.path}` : undefined };
  const states: LocationState[] = [];
  const notes: string[] = [];
  let unplaced = 0;
  for (const range of ref.ranges) {
    const r = mapOne(range, file, ref.symbol);
    states.push(r.state === 'exact' && renamed ? 'moved' : r.state);
    if (r.note) notes.push(r.note);
    if (r.range) out.ranges.push(r.range);
    else if (r.state === 'changed') unplaced++;
  }
  // Edited past recognition everywhere: on the file as a whole, never on lines it was not written about.
  if (unplaced > 0 && out.ranges.length === 0) out.onFile = true;
  out.state = states.every((s) => s === 'gone') ? 'gone' : states.reduce((worst, s) => (STATE_ORDER.indexOf(s) > STATE_ORDER.indexOf(worst) ? (s === 'gone' ? 'changed' : s) : worst), 'exact' as LocationState);
  if (renamed) notes.unshift(`renamed from ${ref.path}`);
  if (notes.length > 0) out.note = [...new Set(notes)].join('; ');
  else delete out.note;
  return out;
}

function mapOne(range: LineRange, file: FileHistory, symbol: string | undefined): { state: LocationState; range?: LineRange; note?: string } {
  const written = { start: range.start, end: range.toEnd ? Infinity : Math.max(range.start, range.end) };
  let span: SpanMapping = { ...written, touched: false, deleted: false };
  for (const hunks of file.stages) {
    const next = mapSpan(span.start, span.end, hunks);
    span = { start: next.start, end: next.end, touched: span.touched || next.touched, deleted: span.deleted || next.deleted };
  }
  const total = file.currentLines?.length;
  const clamp = (line: number) => (total !== undefined ? Math.min(Math.max(1, line), Math.max(1, total)) : Math.max(1, line));
  const result = (start: number, end: number): LineRange => {
    const s = clamp(start);
    if (range.toEnd) return { start: s, end: s, toEnd: true };
    return { start: s, end: Math.max(s, clamp(end)) };
  };
  if (!span.touched) return { state: span.start === range.start ? 'exact' : 'moved', range: result(span.start, span.end) };

  const base = file.baseLines;
  const now = file.currentLines;
  if (base && now && !range.toEnd) {
    // The same code elsewhere: a function moved, or lines edited only around it.
    const found = findBlock(base, written.start, written.end, now, span.start);
    if (found !== undefined) return { state: found === range.start ? 'exact' : 'moved', range: result(found, found + written.end - written.start), note: 'code moved' };
    if (symbol && !mentions(now, span.start, span.end, symbol)) {
      const defs = findDefinitions(now, symbol);
      if (defs.length > 0) {
        const nearest = defs.reduce((best, d) => (Math.abs(d - span.start) < Math.abs(best - span.start) ? d : best));
        const baseDef = findDefinitions(base, symbol).find((d) => d >= written.start && d <= written.end);
        const offset = baseDef !== undefined ? baseDef - written.start : 0;
        const start = Math.max(1, nearest - offset);
        return { state: 'changed', range: result(start, start + written.end - written.start), note: `re-anchored on ${symbol}` };
      }
      if (findDefinitions(base, symbol).length > 0) return { state: 'gone', note: `${symbol} no longer defined` };
    }
  }
  if (span.deleted) return { state: 'gone', note: 'lines deleted' };
  if (base && now && !range.toEnd) {
    const s = clamp(span.start);
    const e = Math.max(s, clamp(span.end));
    const before = base.slice(written.start - 1, written.end);
    const after = now.slice(s - 1, e);
    // Reflowed or re-indented only: the same code.
    if (before.map(squashSpace).join('') === after.map(squashSpace).join('') && before.some((l) => l.trim() !== '')) return { state: s === range.start ? 'exact' : 'moved', range: result(s, e) };
    // Placed only where a recognisable part of the code it was written about still stands.
    if (!recognisable(before, after)) return { state: 'changed', note: 'lines edited past recognition' };
  }
  return { state: 'changed', range: result(span.start, span.end), note: 'lines edited' };
}

/**
 * Where lines [start, end] of `base` stand, unchanged, in `now`: only when the block says enough
 * to be recognised (two non-blank lines, or one long one) and stands there exactly once.
 */
export function findBlock(base: readonly string[], start: number, end: number, now: readonly string[], near: number): number | undefined {
  if (end > base.length || end - start > 2000) return undefined;
  // Whitespace does not count: a re-indented block is the same block.
  const block = base.slice(start - 1, end).map(squashSpace);
  const meaningful = block.filter((l) => l.length > 0);
  if (meaningful.length === 0) return undefined;
  if (meaningful.length < 2 && (meaningful[0]?.length ?? 0) < 12) return undefined;
  const hits: number[] = [];
  const first = block[0]!;
  for (let i = 0; i + block.length <= now.length; i++) {
    if (squashSpace(now[i]!) !== first) continue;
    let ok = true;
    for (let k = 1; k < block.length; k++) {
      if (squashSpace(now[i + k]!) !== block[k]) {
        ok = false;
        break;
      }
    }
    if (ok) hits.push(i + 1);
    if (hits.length > 1) break;
  }
  void near;
  return hits.length === 1 ? hits[0] : undefined;
}

/** A line with every whitespace character removed: what "the same code" compares. */
export function squashSpace(line: string): string {
  return line.replace(/\s+/g, '');
}
