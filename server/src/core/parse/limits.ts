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

/**
 * Emphasis, strikethrough and link marks of one paragraph (its lines up to a blank line or the
 * next block) past this are not read: micromark pairs openers and closers across the lines of a
 * paragraph in quadratic time or worse (2,000 nested `**_` over 100 short lines: 7 s), which the
 * per-line bound does not see. Real paragraphs hold a few dozen.
 */
export const MAX_PARAGRAPH_DELIMITERS = 1_000;

/**
 * Blocks of a document past this are not read: list items, headings, table rows (each weighing
 * TABLE_ROW_WEIGHT) and paragraphs. micromark and the tree cost some 50-150 µs a block on these
 * machines whatever the block holds, so 100,000 one-line concerns took 14-50 s and 760 MB. The
 * largest real documents have a few hundred blocks; a 1,600-concern document of the template
 * form (a title and four fields) has about 8,000.
 */
export const MAX_BLOCKS = 8_000;

/** A table row costs micromark some three times a list item. */
export const TABLE_ROW_WEIGHT = 3;

/** How far back (lines) a block cut looks for the paragraph start it would rather cut at. */
const CUT_BACK_LINES = 64;

/** Where the text was cut, and what the note says. */
export interface Cut {
  offset: number;
  message: string;
}

export interface Limited {
  /** The text with what passes a bound blanked; shorter than the input when MAX_BLOCKS ended it. */
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
  let paragraphMarks = 0;
  // The next emphasis or link mark at or after the line being read (found by one native search
  // per run of marks, never rescanning: most lines hold none).
  const marks = new DelimiterScanner(text);
  let paragraphCut = false;
  let blocks = 0;
  let previousBlank = true;
  // Past MAX_BLOCKS the text ends (`end`). Until then, the lines since the last block after a
  // blank line (where a cut would rather fall: a concern's title, not its third field).
  let end = text.length;
  let sinceParagraph: [number, number][] = [];
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
    const blank = isBlank(text, start, contentEnd);
    if (!blank) {
      const kind = blockKind(text, start, contentEnd);
      const opens = kind !== undefined || previousBlank;
      if (opens) {
        // Rows the table bound blanks below cost nothing.
        if (kind !== 'row') blocks++;
        else if (tableRows + 1 < MAX_TABLE_ROWS + 3) blocks += TABLE_ROW_WEIGHT;
        if (previousBlank) sinceParagraph = [];
      }
      if (blocks > MAX_BLOCKS) {
        // From the paragraph this block belongs to when it began just before, else from this
        // line. The text ends there: micromark is not given the rest, even blanked.
        const from = sinceParagraph.length > 0 && sinceParagraph.length <= CUT_BACK_LINES ? sinceParagraph[0]![0] : start;
        cut('blocks', from, from);
        end = from;
        break;
      }
      if (sinceParagraph.length <= CUT_BACK_LINES) sinceParagraph.push([start, contentEnd]);
      // A new block starts a new run of inline content; a blank line ends it.
      if (opens) {
        paragraphMarks = 0;
        paragraphCut = false;
      }
    } else {
      paragraphMarks = 0;
      paragraphCut = false;
    }
    previousBlank = blank;
    if (paragraphCut) {
      blanks.push([start, contentEnd]);
      start = next;
      continue;
    }
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
    const counted = marks.count(start, limit, MAX_PARAGRAPH_DELIMITERS - paragraphMarks);
    paragraphMarks += counted.count;
    if (counted.cutAt !== undefined) {
      cut('paragraph', counted.cutAt, limit);
      limit = counted.cutAt;
      paragraphCut = true;
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
  const kept = end < text.length ? text.slice(0, end) : text;
  if (kinds.size === 0) return { text: kept, cuts: [] };
  return { text: blanks.length === 0 ? kept : blankAll(kept, blanks), cuts: [...kinds].map(([kind, seen]) => ({ offset: seen.first, message: message(kind, seen.count) })) };
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
    case 'paragraph':
      return `A paragraph holds more than ${MAX_PARAGRAPH_DELIMITERS.toLocaleString('en-US')} emphasis or link marks${more}: the rest of it was not read.`;
    case 'blocks':
      return `The document has more than ${MAX_BLOCKS.toLocaleString('en-US')} blocks (list items, headings, table rows, paragraphs): from here on it was not read, so that it stays quick to index. Split it into several documents to have all of it read.`;
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
    const next = text.charCodeAt(i) === 62 /* > */ ? i + 1 : listMarkerEnd(text, i, end);
    if (next === undefined) return undefined;
    if (++markers > MAX_NESTING) return { kind: 'nesting', at: i };
    column += next - i;
    i = next;
  }
}

/** Where a list item's marker at `i` (`-`, `*`, `+`, `1.`, `1)` then a blank or the line's end) ends; undefined when there is none. */
function listMarkerEnd(text: string, i: number, end: number): number | undefined {
  const c = text.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) /* - * + */ && isBlankOrEnd(text, i + 1, end)) return i + 1;
  if (c < 48 || c > 57) return undefined;
  let j = i;
  while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  const d = text.charCodeAt(j);
  return (d === 46 || d === 41) /* . ) */ && isBlankOrEnd(text, j + 1, end) ? j + 1 : undefined;
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

/**
 * Runs of `*`, `_`, `~`, `[` or `]` in a text, counted line by line in order: where the next
 * mark is is kept between calls, so the text is searched once (a loop over every character of
 * every line made this bound the dearest part of a keystroke's parse).
 */
class DelimiterScanner {
  private readonly search = /[*_~[\]]/g;
  private next = -1;

  constructor(private readonly text: string) {}

  /** The runs in text[start, end), up to `room`: where the run past it starts, if there is one. */
  count(start: number, end: number, room: number): { count: number; cutAt?: number } {
    if (this.next < start) this.next = this.find(start);
    let count = 0;
    while (this.next < end) {
      if (count === room) return { count, cutAt: this.next };
      count++;
      let j = this.next + 1;
      while (j < end && isDelimiter(this.text.charCodeAt(j))) j++;
      this.next = this.find(j);
    }
    return { count };
  }

  private find(from: number): number {
    this.search.lastIndex = from;
    const m = this.search.exec(this.text);
    return m ? m.index : this.text.length;
  }
}

function isDelimiter(c: number): boolean {
  return c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */ || c === 91 /* [ */ || c === 93 /* ] */;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * What block a non-blank line opens whatever came before: a list item (at any depth, also in a
 * block quote), a heading or a table row; undefined for a line that may continue a paragraph.
 */
function blockKind(text: string, start: number, end: number): 'item' | 'heading' | 'row' | undefined {
  let i = start;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i < end && text.charCodeAt(i) === 62 /* > */) i++;
    else break;
  }
  if (i >= end) return undefined;
  const c = text.charCodeAt(i);
  if (c === 124 /* | */) return 'row';
  if (c === 35 /* # */) return 'heading';
  return listMarkerEnd(text, i, end) !== undefined ? 'item' : undefined;
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

/** The same on a line of blanks alone (a table row past the bound): a blank line however long. */
const SQUEEZE_BLANK_LINE_CHARS = 8;

/** Consecutive blank lines past this are not given to micromark, but the first two (see `parseSqueezed`). */
const SQUEEZE_BLANK_LINES = 8;

/**
 * Parses `text` with every run of more than SQUEEZE_BLANKS blanks at the end of a line (more
 * than SQUEEZE_BLANK_LINE_CHARS on a line of blanks alone) taken out, and every stretch of more than
 * SQUEEZE_BLANK_LINES blank lines shortened to two, then puts the tree's offsets back where they
 * are in `text`. What the bounds above blank stays in the text (so that no line or column
 * moves), but micromark rescans a paragraph's rest for each opener that fails to close (a code
 * span's backticks): 2 million blanks made a line of backticks cost 90 s; and each blank line
 * costs it events: the 98,000 rows a table bound blanks cost 0.7 s and 125 MB. Trailing blanks
 * mean nothing to markdown, nor do blank lines past the second (no construct counts more than
 * one blank line in a row; code blocks' texts are never read from the tree but from the
 * document), so the tree is the same. The tree's line numbers are not put back: the core reads
 * positions by offset only.
 */
export function parseSqueezed<T extends SqueezableNode>(text: string, parse: (text: string) => T): T {
  const removed: { at: number; length: number }[] = [];
  const parts: string[] = [];
  let squeezedLength = 0;
  let from = 0;
  const remove = (start: number, end: number) => {
    parts.push(text.slice(from, start));
    squeezedLength += start - from;
    removed.push({ at: squeezedLength, length: end - start });
    from = end;
  };
  // Blank lines in a row so far, and where the third of them starts.
  let blankLines = 0;
  let thirdBlank = 0;
  let lineStart = 0;
  // Each line's end (a line break, or the text's end), looked back from over its blanks.
  for (let end = 0; end <= text.length; end++) {
    const c = end < text.length ? text.charCodeAt(end) : 10;
    if (c !== 10 && c !== 13) continue;
    let blanks = end;
    while (blanks > lineStart && (text.charCodeAt(blanks - 1) === 32 || text.charCodeAt(blanks - 1) === 9)) blanks--;
    const wholeLine = blanks === lineStart;
    const next = c === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (wholeLine && end < text.length) {
      blankLines++;
      if (blankLines === 3) thirdBlank = lineStart;
      // The third and later lines of a stretch are dropped together when the stretch ends.
      if (blankLines >= 3) {
        lineStart = next;
        end = next - 1;
        continue;
      }
    } else if (blankLines > SQUEEZE_BLANK_LINES) {
      remove(thirdBlank, lineStart);
    } else if (blankLines >= 3) {
      // A short stretch is kept, with each line's blanks squeezed as below.
      for (let at = thirdBlank; at < lineStart; ) {
        let lineEnd = at;
        while (text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
        if (lineEnd - at > SQUEEZE_BLANK_LINE_CHARS) remove(at, lineEnd);
        at = text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
      }
    }
    if (!wholeLine || end >= text.length) blankLines = 0;
    if (end - blanks > (wholeLine ? SQUEEZE_BLANK_LINE_CHARS : SQUEEZE_BLANKS) && blanks >= from) remove(blanks, end);
    lineStart = next;
    end = next - 1;
  }
  if (removed.length === 0) return parse(text);
  parts.push(text.slice(from));
  const root = parse(parts.join(''));
  restoreOffsets(root, removed);
  // The root spans the text, with what was taken off its start and end.
  if (root.position?.start.offset !== undefined) root.position.start.offset = 0;
  if (root.position?.end.offset !== undefined) root.position.end.offset = text.length;
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
