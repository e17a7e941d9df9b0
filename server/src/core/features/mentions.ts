/**
 * Paths a concerns document writes outside its concerns: an `## Evidence` list, a ranked table
 * restating the concerns, a closed item, the header. They are no concern (no diagnostic on the
 * code, no hover there), yet the reader of the document should be able to open them: each that
 * names a file or folder that exists becomes a link in the document, and nothing more. One that
 * names nothing is left alone: no "file not found" for a line that reports no problem.
 */
import type { Range } from 'vscode-languageserver-types';
import { extractReferences } from '../extract/references';
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
  const out: Reference[] = [];
  let fence: string | undefined;
  for (const [here, lineText] of lines.entries()) {
    if (here === 0 && lineText.replace(/^\uFEFF/, '').trimEnd() === '---') {
      fence = '---';
      continue;
    }
    if (fence === '---') {
      if (/^(?:---|\.\.\.)\s*$/.test(lineText)) fence = undefined;
      continue;
    }
    const mark = /^\s{0,3}(`{3,}|~{3,})/.exec(lineText)?.[1];
    if (mark) {
      if (fence === undefined) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined || covered[here] === 1 || lineText.length > MAX_LINE) continue;
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

/** The mentions worth a link: those that name what exists (a file, a folder, a glob's matches). */
export function linkableMentions(resolved: readonly (ResolvedReference | undefined)[]): ResolvedReference[] {
  return resolved.filter((r): r is ResolvedReference => r !== undefined && (r.status === 'ok' || r.status === 'out-of-range') && r.matches.length > 0);
}
