import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseSqueezed } from './limits';
import { ownString } from './ownString';

// Built once: the processor is frozen on first use and can be reused for every parse.
const processor = unified().use(remarkParse).use(remarkGfm);

/**
 * Markdown to mdast, with GFM tables and strikethrough (both occur in concerns documents).
 *
 * Incremental: the text is cut into runs of blocks at lines where CommonMark starts a new block
 * whatever came before (see `chunkStarts`), each run is parsed on its own and its tree kept by
 * its text, so a keystroke reparses one run, not the document. The result is the tree a whole
 * parse gives: runs are joined and their positions shifted to where they stand in the text.
 */
export function parseMarkdown(text: string, options: { continuing?: boolean } = {}): Root {
  // A piece of a framed document is cut however short it is, into the runs the frame parsed
  // (definitions were ruled out for the whole document), so its runs come from the cache.
  const starts = chunkStarts(text, options.continuing);
  if (starts.length <= 1 && !options.continuing) return parseSqueezed(text, (t) => processor.parse(t));
  // A part of a document already framed by `topLevelBlocks` in this parse: same generation,
  // so the runs the frame just used are not evicted under it.
  if (!options.continuing) parses++;
  const children: RootContent[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const root = chunkRoot(text.slice(start.offset, starts[i + 1]?.offset ?? text.length));
    // The walker never changes the tree: the first run's nodes need no copy.
    for (const child of root.children) children.push(start.offset === 0 ? child : shifted(child, start.line, start.offset));
  }
  if (!options.continuing) evict(starts.length);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
}

/** A root-level block by its offsets in the text; a heading with its depth and content. */
export interface TopBlock {
  type: RootContent['type'];
  start: number;
  end: number;
  /** Headings only. */
  depth?: number;
  /** A heading's content (first to last inline child); equal to `end` when it is empty. */
  innerStart: number;
  innerEnd: number;
}

/** A root-level heading. */
export type TopHeading = TopBlock & { depth: number };

/**
 * The document's root-level blocks, read off the cached runs without building (or copying) the
 * whole tree: what the sectioned parse needs to cut the document into sections and sections into
 * concerns. Undefined when the text is parsed whole (short, or holding definitions that reach
 * across it).
 */
export function topLevelBlocks(text: string): TopBlock[] | undefined {
  const starts = chunkStarts(text);
  if (starts.length <= 1) return undefined;
  parses++;
  const blocks: TopBlock[] = [];
  for (let i = 0; i < starts.length; i++) {
    const base = starts[i]!.offset;
    const root = chunkRoot(text.slice(base, starts[i + 1]?.offset ?? text.length));
    for (const child of root.children) {
      const start = base + (child.position?.start.offset ?? 0);
      const end = base + (child.position?.end.offset ?? 0);
      if (child.type !== 'heading') {
        blocks.push({ type: child.type, start, end, innerStart: end, innerEnd: end });
        continue;
      }
      const first = child.children[0];
      const last = child.children[child.children.length - 1];
      blocks.push({
        type: 'heading',
        depth: child.depth,
        start,
        end,
        innerStart: first ? base + (first.position?.start.offset ?? 0) : end,
        innerEnd: last ? base + (last.position?.end.offset ?? 0) : end,
      });
    }
  }
  evict(starts.length);
  return blocks;
}

/**
 * Parses the runs of `text` that are not cached yet, one per step: a document whose model came
 * from elsewhere (the parse cache, at start-up) has none of its runs parsed, and its first edit
 * would otherwise parse the whole document at once. Stepped so that the caller can stop between
 * runs to let requests through; a text parsed whole (see `chunkStarts`) has no runs to warm.
 */
export function* warmRuns(text: string): Generator<void, void, void> {
  const starts = chunkStarts(text);
  if (starts.length <= 1) return;
  for (let i = 0; i < starts.length; i++) {
    const chunk = text.slice(starts[i]!.offset, starts[i + 1]?.offset ?? text.length);
    if (cache.has(chunk)) continue;
    chunkRoot(chunk);
    yield;
  }
}

/** One run's tree, parsed once per distinct text. */
function chunkRoot(chunk: string): Root {
  let entry = cache.get(chunk);
  if (!entry) {
    runsParsed++;
    // Kept across keystrokes: the tree and the key are of a copy, not of this document version.
    const own = ownString(chunk);
    entry = { root: parseSqueezed(own, (t) => processor.parse(t)), used: parses };
    cache.set(own, entry);
  }
  entry.used = parses;
  return entry.root;
}

/** Parsed runs by their text, with the parse that last used them. */
const cache = new Map<string, { root: Root; used: number }>();
let parses = 0;
/** Runs handed to micromark so far (what the cache saved is what this did not count). */
let runsParsed = 0;

/** Forgets every parsed run (a timing that must measure micromark, not the cache). */
export function clearMarkdownCache(): void {
  cache.clear();
}

/** How many runs micromark has parsed in this process: for tests of the caches. */
export function markdownRunsParsed(): number {
  return runsParsed;
}

/**
 * Keeps the runs of the last few parses. Typing makes a new run per keystroke, so the cache is
 * trimmed as soon as it holds more than a few hundred runs beyond the document's own (a looser
 * bound kept thousands of stale trees of a long document: the server's memory grew with every
 * keystroke). A document whose text has not changed is not parsed again by the service, so
 * trimming another document's runs costs nothing until that document is edited.
 */
function evict(current: number): void {
  if (cache.size <= current + 256) return;
  for (const [key, entry] of cache) if (entry.used < parses - 3) cache.delete(key);
}

/**
 * Offsets (and 0-based lines) where a run may start: a line at column 0, after a blank line, that
 * is neither a list item (the list may go on: a loose list), nor inside a fenced code block or an
 * HTML block that spans blank lines. After a blank line such a line can continue no open block
 * (no lazy continuation, no indented code, no list item, no block quote), so the blocks before it
 * and from it on are parsed the same alone or together. Link reference and footnote definitions
 * reach across the whole document: a text holding one is parsed whole.
 */
export function chunkStarts(text: string, always = false): { offset: number; line: number }[] {
  const starts = [{ offset: 0, line: 0 }];
  if (!always && (text.length < 4096 || hasDefinition(text))) return starts;
  let fence: Fence | undefined;
  let html: RegExp | undefined;
  let previousBlank = false;
  let offset = 0;
  let line = 0;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const content = text.slice(offset, end);
    const blank = /^[ \t\r]*$/.test(content);
    if (fence) {
      if (closesFence(fence, content)) fence = undefined;
    } else if (html) {
      if (html.test(content)) html = undefined;
    } else {
      if (previousBlank && line > 0 && /^[^\s>|]/.test(content) && !LIST_ITEM.test(content)) starts.push({ offset, line });
      // A hostile run with no safe cut (one paragraph of 100 KB of `**a:** b` lines) costs
      // remark quadratic time: past MAX_RUN_CHARS, a run is cut at the next line that starts
      // at column 0. The tree may then differ (a paragraph or list split in two) — only in
      // runs no real document has; it keeps the parse linear.
      else if (line > 0 && offset - starts[starts.length - 1]!.offset > MAX_RUN_CHARS && /^[^\s>|]/.test(content)) starts.push({ offset, line });
      fence = openingFence(content);
      if (!fence) html = htmlBlockEnd(content);
      if (html?.test(content.slice(content.indexOf('<') + 2))) html = undefined;
    }
    previousBlank = blank && !fence && !html;
    offset = end + 1;
    line++;
  }
  return starts;
}

/** An open fenced code block: its character and how many of them opened it. */
export interface Fence {
  char: string;
  length: number;
}

/** The fence a line opens (` ``` `, `~~~~`, at most three spaces in; a backtick fence's info holds no backtick). */
export function openingFence(line: string): Fence | undefined {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (!open || (open[1]![0] === '`' && line.slice(open.index + open[1]!.length).includes('`'))) return undefined;
  return { char: open[1]![0]!, length: open[1]!.length };
}

/** Whether a line closes `fence`: the same character, at least as many, alone on the line. */
export function closesFence(fence: Fence, line: string): boolean {
  const close = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/.exec(line);
  return close !== null && close[1]![0] === fence.char && close[1]!.length >= fence.length;
}

/** Longer runs are cut at the next line at column 0 (see chunkStarts); real runs are a few KB. */
const MAX_RUN_CHARS = 32_000;

/** A list item's first line: after a blank line it may continue the list before it. */
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** `[label]: destination` or `[^note]: text`, at most three spaces in. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * Whether a line holds a definition: found from each `]:` back to its line's start (a
 * multiline regex over the whole text costs milliseconds per keystroke on a long document).
 */
export function hasDefinition(text: string): boolean {
  for (let at = text.indexOf(']:'); at >= 0; at = text.indexOf(']:', at + 2)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    if (DEFINITION.test(text.slice(lineStart, at + 2))) return true;
  }
  return false;
}

/** The end marker of an HTML block of CommonMark types 1-5 (which may hold blank lines) opened on this line. */
function htmlBlockEnd(content: string): RegExp | undefined {
  if (!content.includes('<')) return undefined;
  // Anywhere in the line, not only at its start: a line inside a list item may open one too.
  if (/<(script|pre|style|textarea)(\s|>|$)/i.test(content)) return /<\/(script|pre|style|textarea)>/i;
  if (content.includes('<!--')) return /-->/;
  if (content.includes('<?')) return /\?>/;
  if (content.includes('<![CDATA[')) return /\]\]>/;
  if (/<![A-Za-z]/.test(content)) return />/;
  return undefined;
}

/**
 * A copy of `node` whose positions (and its descendants') are moved down `lines` and on `offset`.
 * Iterative: a tree is as deep as the text nests, and a recursion per level overflowed the stack.
 * Exported for its test.
 */
export function shifted<T extends Nodes>(node: T, lines: number, offset: number): T {
  const root = { ...node };
  const stack: Nodes[] = [root];
  for (let copy = stack.pop(); copy; copy = stack.pop()) {
    if (copy.position) {
      const { start, end } = copy.position;
      copy.position = {
        start: { line: start.line + lines, column: start.column, offset: start.offset === undefined ? undefined : start.offset + offset },
        end: { line: end.line + lines, column: end.column, offset: end.offset === undefined ? undefined : end.offset + offset },
      };
    }
    if ('children' in copy) {
      const children = (copy.children as Nodes[]).map((child) => ({ ...child }));
      (copy as { children: Nodes[] }).children = children;
      for (const child of children) stack.push(child);
    }
  }
  return root;
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  let line = 1;
  let lastStart = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    line++;
    lastStart = i + 1;
  }
  return { line, column: text.length - lastStart + 1, offset: text.length };
}
