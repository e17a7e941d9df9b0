/**
 * Markdown code spans and the prose around them. Code spans follow CommonMark (a run of N
 * backticks closes only on a run of exactly N) but never cross a line: in a concerns document a
 * stray backtick on one bullet must not swallow the next bullet.
 */

export interface CodeSpan {
  /** Offset of the opening backtick run. */
  start: number;
  /** Offset just past the closing backtick run. */
  end: number;
  /** Offset of the first content character (after the opening run). */
  contentStart: number;
  /** Offset just past the last content character (before the closing run). */
  contentEnd: number;
}

interface Run {
  start: number;
  length: number;
}

/** All code spans in `text`, in order. Linear: each run is looked at a constant number of times. */
export function findCodeSpans(text: string): CodeSpan[] {
  const spans: CodeSpan[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    pairRuns(backtickRuns(text, lineStart, lineEnd), spans);
    lineStart = lineEnd + 1;
  }
  return spans;
}

function backtickRuns(text: string, from: number, to: number): Run[] {
  const runs: Run[] = [];
  let i = text.indexOf('`', from);
  while (i >= 0 && i < to) {
    let j = i;
    while (j < to && text[j] === '`') j++;
    runs.push({ start: i, length: j - i });
    i = text.indexOf('`', j);
  }
  return runs;
}

/**
 * Pair each opening run with the next run of the same length. Runs are indexed by length so an
 * opening without a partner costs one look-up, not a scan of the rest of the line.
 */
function pairRuns(runs: Run[], out: CodeSpan[]): void {
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const list = byLength.get(run.length);
    if (list) list.push(index);
    else byLength.set(run.length, [index]);
  });
  const cursor = new Map<number, number>();
  let k = 0;
  while (k < runs.length) {
    const open = runs[k];
    if (!open) break;
    const list = byLength.get(open.length) ?? [];
    let c = cursor.get(open.length) ?? 0;
    while (c < list.length && (list[c] ?? 0) <= k) c++;
    cursor.set(open.length, c);
    const closeIndex = list[c];
    const close = closeIndex === undefined ? undefined : runs[closeIndex];
    if (closeIndex === undefined || !close) {
      k++; // a literal backtick run; what follows may still open a span
      continue;
    }
    out.push({
      start: open.start,
      end: close.start + close.length,
      contentStart: open.start + open.length,
      contentEnd: close.start,
    });
    k = closeIndex + 1;
  }
}

/**
 * `text` with code spans, URLs and autolinks blanked out (same length, so offsets still hold),
 * for the prose scanner: nothing inside them is an unquoted path.
 */
export function maskForProse(text: string, spans: readonly CodeSpan[]): string {
  const chars = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) chars[i] = ' ';
  };
  for (const span of spans) blank(span.start, span.end);
  // Bounded scheme length: an unbounded one would rescan long dotted words at every boundary.
  const url = /\b[a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\/[^\s<>`)\]]*|\bwww\.[^\s<>`)\]]*|<[^\s<>]{1,500}>/g;
  for (const m of text.matchAll(url)) blank(m.index, m.index + m[0].length);
  return chars.join('');
}
