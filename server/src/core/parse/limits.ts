/**
 * Bounds on the shapes of text the markdown parser is given, so that any document under the
 * size cap parses in bounded time, memory and stack. remark (micromark, mdast-util-from-markdown
 * and remark-gfm's tree walks) recurses once per level of nesting and is superlinear on some
 * runs no person writes: a document of 4,000 nested list markers overflowed the stack, a single
 * line of 1.9 million characters or a table of 100,000 rows took tens of seconds and gigabytes.
 *
 * What passes a bound is blanked with spaces (offsets stay those of the editor's text, as in
 * preprocess.ts) and a note says where and why. Real documents are far inside every bound.
 */

/** Containers (block quotes, list items) deeper than this on one line are not read as structure. */
export const MAX_NESTING = 32;

/** A line indented further than this (columns) is not read: it could only be nesting no one writes. */
export const MAX_INDENT = 4 * MAX_NESTING;

/**
 * Characters of a line past this are not read. Real lines are a few hundred characters; a
 * concern naming its 500 references (MAX_REFERENCES_PER_CONCERN) on one line is some 20,000.
 */
export const MAX_LINE_CHARS = 100_000;

/** Emphasis, strikethrough and link delimiters of one line past this are not read (micromark pairs them in quadratic time). */
export const MAX_LINE_DELIMITERS = 1_000;

/** Rows of one table past this are not read (GFM tables cost micromark some 10 µs a character). */
export const MAX_TABLE_ROWS = 2_000;

/** Where the text was cut, and what the note says. */
export interface Cut {
  offset: number;
  message: string;
}

export interface Limited {
  text: string;
  cuts: Cut[];
}

interface CutKind {
  first: number;
  count: number;
}

/**
 * The text with every part past a bound blanked, and one note per kind of cut (at its first
 * place, with how many there were). Linear, and cheap on real documents: a line is looked at
 * closely only when it starts like nesting, is long, or is a table row.
 */
export function limitStructure(text: string): Limited {
  // Blanked ranges, in order; applied at the end in one pass.
  const blanks: [number, number][] = [];
  const kinds = new Map<string, CutKind>();
  const cut = (kind: string, at: number, end: number) => {
    if (end > at) blanks.push([at, end]);
    const seen = kinds.get(kind);
    if (seen) seen.count++;
    else kinds.set(kind, { first: at, count: 1 });
  };
  let tableRows = 0;
  // Lines end at `\n`, `\r\n` or a lone `\r` (as SourceText counts them); the next of each is
  // kept, so finding a line's end never rescans the text.
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  for (let start = 0; start < text.length; ) {
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf('\r', start);
    const lf = nextLf < 0 ? text.length : nextLf;
    const cr = nextCr < 0 ? text.length : nextCr;
    const contentEnd = Math.min(lf, cr);
    const next = cr < lf ? (cr + 1 === lf ? lf + 1 : cr + 1) : lf + 1;
    let limit = contentEnd;
    if (contentEnd - start > MAX_LINE_CHARS) {
      limit = start + MAX_LINE_CHARS;
      cut('line', limit, contentEnd);
    }
    const nested = nestingCut(text, start, limit);
    if (nested !== undefined) {
      cut(nested.kind, nested.at, limit);
      limit = nested.at;
    }
    if (limit - start > 1_000) {
      const at = delimiterCut(text.slice(start, limit));
      if (at !== undefined) {
        cut('delimiters', start + at, limit);
        limit = start + at;
      }
    }
    // A table row: a line whose first non-blank character is `|` (the form of every concerns table).
    if (isTableRow(text, start, limit)) {
      tableRows++;
      // Rows past the header and its delimiter row; one note per table: the first row cut
      // counts it, the rest are only blanked.
      if (tableRows === MAX_TABLE_ROWS + 3) cut('table', start, limit);
      else if (tableRows > MAX_TABLE_ROWS + 3) blanks.push([start, limit]);
    } else {
      tableRows = 0;
    }
    start = next;
  }
  if (blanks.length === 0) return { text, cuts: [] };
  return { text: blankAll(text, blanks), cuts: [...kinds].map(([kind, seen]) => ({ offset: seen.first, message: message(kind, seen.count) })) };
}

function message(kind: string, count: number): string {
  const more = count > 1 ? ` (${count.toLocaleString('en-US')} places)` : '';
  switch (kind) {
    case 'line':
      return `A line is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters${more}: only that much of it was read.`;
    case 'nesting':
      return `Nesting deeper than ${MAX_NESTING} levels${more} was not read as structure: the rest of the line was left out.`;
    case 'indent':
      return `A line is indented more than ${MAX_INDENT} columns${more}: it was not read.`;
    case 'delimiters':
      return `A line holds more than ${MAX_LINE_DELIMITERS.toLocaleString('en-US')} emphasis or link marks${more}: the rest of it was not read.`;
    default:
      return `A table has more than ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows${more}: the rows past that were not read.`;
  }
}

/** Where a line's container markers (`>`, `-`, `*`, `+`, `1.`) pass MAX_NESTING, or its indentation MAX_INDENT. */
function nestingCut(text: string, start: number, end: number): { kind: 'nesting' | 'indent'; at: number } | undefined {
  let i = start;
  let markers = 0;
  let column = 0;
  for (;;) {
    // Blanks between markers (and before the first).
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 32) column++;
      else if (c === 9) column += 4 - (column % 4);
      else break;
      i++;
    }
    if (markers === 0 && column > MAX_INDENT) return { kind: 'indent', at: start };
    if (i >= end) return undefined;
    const c = text.charCodeAt(i);
    let next = i;
    if (c === 62 /* > */) next = i + 1;
    else if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlankOrEnd(text, i + 1, end)) next = i + 1;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) /* . ) */ && isBlankOrEnd(text, j + 1, end)) next = j + 1;
    }
    if (next === i) return undefined;
    if (++markers > MAX_NESTING) return { kind: 'nesting', at: i };
    column += next - i;
    i = next;
  }
}

function isBlankOrEnd(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9;
}

/** Where in a long line its (MAX_LINE_DELIMITERS + 1)-th run of `*`, `_`, `~`, `[` or `]` ends. */
function delimiterCut(line: string): number | undefined {
  const runs = /[*_~[\]]+/g;
  let count = 0;
  for (let m = runs.exec(line); m; m = runs.exec(line)) {
    if (++count > MAX_LINE_DELIMITERS) return m.index;
  }
  return undefined;
}

function isTableRow(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 4 && text.charCodeAt(i) === 32) i++;
  return i < end && text.charCodeAt(i) === 124 /* | */;
}

/** The text with each range replaced by as many spaces. */
function blankAll(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    parts.push(text.slice(at, from), ' '.repeat(end - from));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Trailing blanks longer than this are not given to micromark (see `parseSqueezed`). */
const SQUEEZE_BLANKS = 64;

/**
 * Parses `text` with every run of more than SQUEEZE_BLANKS blanks at the end of a line (more
 * than 8 on a line of blanks alone) taken out, then puts the tree's offsets back where they are in `text`. What the bounds above blank
 * stays in the line (so that no line or column moves), but micromark rescans a paragraph's rest
 * for each opener that fails to close (a code span's backticks): 2 million blanks made a line of
 * backticks cost 90 s. Trailing blanks mean nothing to markdown, so the tree is the same.
 */
export function parseSqueezed<T extends SqueezableNode>(text: string, parse: (text: string) => T): T {
  const removed: { at: number; length: number }[] = [];
  let squeezed = '';
  let from = 0;
  // Each line's end (a line break, or the text's end), looked back from over its blanks.
  for (let end = 0; end <= text.length; end++) {
    const c = end < text.length ? text.charCodeAt(end) : 10;
    if (c !== 10 && c !== 13) continue;
    let blanks = end;
    while (blanks > from && (text.charCodeAt(blanks - 1) === 32 || text.charCodeAt(blanks - 1) === 9)) blanks--;
    // A line of blanks alone (a table row past the bound) is a blank line however long it is.
    const wholeLine = blanks === 0 || text.charCodeAt(blanks - 1) === 10 || text.charCodeAt(blanks - 1) === 13;
    if (end - blanks <= (wholeLine ? 8 : SQUEEZE_BLANKS)) continue;
    squeezed += text.slice(from, blanks);
    removed.push({ at: squeezed.length, length: end - blanks });
    from = end;
  }
  if (removed.length === 0) return parse(text);
  const root = parse(squeezed + text.slice(from));
  restoreOffsets(root, removed);
  return root;
}

interface SqueezablePoint {
  line: number;
  column: number;
  offset?: number | undefined;
}

/** What `parseSqueezed` needs of a tree: positions, and children (mdast). */
export interface SqueezableNode {
  position?: { start: SqueezablePoint; end: SqueezablePoint } | undefined;
}

/** Moves every offset past a removed run on by what was removed before it (iteratively: trees nest deep). */
function restoreOffsets(root: SqueezableNode, removed: readonly { at: number; length: number }[]): void {
  // Offsets where removals start, in the squeezed text, with the total removed up to and including each.
  const total: number[] = [];
  let sum = 0;
  for (const r of removed) total.push((sum += r.length));
  // A start at a removal point was after the blanks (the line break); an end there was before them.
  const map = (offset: number, isStart: boolean): number => {
    let low = 0;
    let high = removed.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const at = removed[mid]!.at;
      if (at < offset || (isStart && at === offset)) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? offset : offset + total[low - 1]!;
  };
  const stack: SqueezableNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const position = node.position;
    if (position) {
      if (position.start.offset !== undefined) position.start.offset = map(position.start.offset, true);
      if (position.end.offset !== undefined) position.end.offset = map(position.end.offset, false);
    }
    const children = (node as { children?: SqueezableNode[] }).children;
    if (children) for (const child of children) stack.push(child);
  }
}
