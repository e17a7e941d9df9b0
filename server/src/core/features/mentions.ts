/**
 * Paths a concerns document writes outside its concerns: an `## Evidence` list, a ranked table
 * restating the concerns, a closed item, the header. They are no concern (no diagnostic on the
 * code, no hover there), yet the reader of the document should be able to open them: each that
 * names a file or folder that exists becomes a link in the document, and nothing more. One that
 * names nothing is left alone: no "file not found" for a line that reports no problem.
 */
import type { Range } from 'vscode-languageserver-types';
import { extractReferences } from '../extract/references';
import { findFrontmatter } from '../parse/frontmatter';
import { closesFence, openingFence, type Fence } from '../parse/markdown';
import type { Reference, ResolvedReference } from '../model';

/** More mentions than this in one document are not looked up (each costs a lookup and a link). */
export const MAX_MENTIONS = 2_000;

/** A line longer than this is no list of paths (a minified blob, a base64 image). */
const MAX_LINE = 4_000;

/**
 * The references written on lines no concern covers, outside fenced code and the frontmatter,
 * in document order. `concerns`: the ranges of the document's concerns (title through last field).
 */
export function mentionsOf(text: string, concerns: readonly { range: Range }[]): Reference[] {
  const lines = text.split(/\r\n|\r|\n/);
  const covered = new Uint8Array(lines.length);
  for (const { range } of concerns) covered.fill(1, range.start.line, Math.min(range.end.line + 1, lines.length));
  // The frontmatter as the parser reads it (its keys are no paths of the document's).
  const frontmatter = findFrontmatter(text, text.startsWith('\uFEFF') ? 1 : 0);
  const frontmatterLines = frontmatter ? lineCountIn(text, frontmatter.end) : 0;
  const out: Reference[] = [];
  let fence: Fence | undefined;
  for (const [here, lineText] of lines.entries()) {
    if (here < frontmatterLines) continue;
    if (fence) {
      if (closesFence(fence, lineText)) fence = undefined;
      continue;
    }
    fence = openingFence(lineText);
    if (fence || covered[here] === 1 || lineText.length > MAX_LINE) continue;
    if (!lineText.includes('/') && !lineText.includes('`') && !lineText.includes('.')) continue;
    for (const found of extractReferences(lineText)) {
      if (out.length >= MAX_MENTIONS) return out;
      const ref: Reference = {
        text: lineText.slice(found.start, found.end),
        path: found.path,
        kind: found.kind,
        ranges: found.ranges,
        field: 'mention',
        range: { start: { line: here, character: found.start }, end: { line: here, character: found.end } },
        quoted: found.quoted,
        inFixField: false,
      };
      if (found.symbol !== undefined) ref.symbol = found.symbol;
      out.push(ref);
    }
  }
  return out;
}

/** How many lines `text` has up to `offset` (the line holding it counted). */
function lineCountIn(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The mentions worth a link: those that name what exists (a file, a folder, a glob's matches). */
export function linkableMentions(resolved: readonly (ResolvedReference | undefined)[]): ResolvedReference[] {
  return resolved.filter((r): r is ResolvedReference => r !== undefined && (r.status === 'ok' || r.status === 'out-of-range') && r.matches.length > 0);
}
