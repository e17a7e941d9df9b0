/**
 * Prepares a document's text for parsing without moving any offset: what is removed is blanked
 * with spaces, so every position the parser finds is a position in the editor's text.
 */
import { findFrontmatter, type FrontmatterBlock } from './frontmatter';
import { limitStructure, type Cut } from './limits';

export interface Prepared {
  text: string;
  /** The YAML frontmatter at the top (blanked in `text`). */
  frontmatter?: FrontmatterBlock;
  /** Characters past the cap were not indexed. */
  truncatedAt?: number;
  binary: boolean;
  /** Parts past a bound of limits.ts, blanked: each says where and why (a note of the document). */
  cuts: Cut[];
}

/**
 * Documents larger than this are indexed up to the cap (real ones are under 100 KB), so a huge
 * file is never read or held whole; the rest is left out with a warning. What a document under
 * the cap costs to parse is bounded by its blocks (`MAX_BLOCKS` in limits.ts: about 1,600
 * concerns of the template form, some 450,000 characters), not by this.
 */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/**
 * A file's text as an editor holds it: without its byte-order mark (VS Code drops it, and the
 * LSP's text has none). Every document text read from disk goes through this, so that positions
 * computed on the disk's text are those of the editor's, on line 1 too.
 */
export function editorText(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

const OPEN_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*(?:markdown|md)[ \t]*$/i;

export function prepare(raw: string, maxChars = MAX_DOCUMENT_CHARS): Prepared {
  // A NUL in the first 8 KB is the usual sign of a binary file; there is nothing to parse.
  if (raw.slice(0, 8192).includes('\0')) return { text: '', binary: true, cuts: [] };
  let text = raw;
  let truncatedAt: number | undefined;
  if (text.length > maxChars) {
    truncatedAt = maxChars;
    text = text.slice(0, maxChars);
  }
  // Editors strip the BOM; so do we, keeping offsets by blanking it.
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = ' ' + text.slice(1);
  const frontmatter = findFrontmatter(text, bom ? 1 : 0);
  // Blanked line by line (line breaks kept): the markdown parser sees blank lines.
  if (frontmatter) text = text.slice(0, frontmatter.start) + text.slice(frontmatter.start, frontmatter.end).replace(/[^\r\n]/g, ' ') + text.slice(frontmatter.end);
  text = unwrapMarkdownFence(text);
  const limited = limitStructure(text);
  const prepared: Prepared = { text: limited.text, binary: false, cuts: limited.cuts };
  if (truncatedAt !== undefined) prepared.truncatedAt = truncatedAt;
  if (frontmatter) prepared.frontmatter = frontmatter;
  return prepared;
}

/** A whole document inside ```markdown ... ``` (agents sometimes write that): blank the fence lines. */
function unwrapMarkdownFence(text: string): string {
  const firstLineMatch = /^(?:[ \t]*\r?\n)*/.exec(text);
  const openStart = firstLineMatch ? firstLineMatch[0].length : 0;
  const openEnd = indexOfLineEnd(text, openStart);
  const fenceMatch = OPEN_FENCE.exec(text.slice(openStart, openEnd));
  if (!fenceMatch?.[1]) return text;
  const fence = fenceMatch[1];
  // The closing fence is the last line that is only the fence (or the document ends unclosed).
  const lines = text.split(/(?<=\n)/);
  let offset = text.length;
  let closeStart = -1;
  let closeEnd = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    offset -= line.length;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith(fence[0] ?? '`') && trimmed.length >= fence.length && /^(`+|~+)$/.test(trimmed) && offset > openStart) {
      closeStart = offset;
      closeEnd = offset + line.replace(/\r?\n$/, '').length;
    }
    break;
  }
  let result = blank(text, openStart, openEnd);
  if (closeStart >= 0) result = blank(result, closeStart, closeEnd);
  return result;
}

function indexOfLineEnd(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const end = n < 0 ? text.length : n;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}
