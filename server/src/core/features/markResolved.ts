import type { TextEdit } from 'vscode-languageserver-types';
import type { Concern } from '../model';

const MARKER = ' (RESOLVED)';

/**
 * The edit that marks a concern resolved: ` (RESOLVED)` right after its title text, which
 * every form recognises (`### Title (RESOLVED)`, `**Title (RESOLVED):**`, a table cell) and
 * which the concern's id ignores, so the concern keeps its identity. Undefined when the
 * concern is already resolved or its title cannot be found on its line.
 */
export function markResolvedEdit(text: string, lineStarts: (line: number) => number, concern: Concern): TextEdit | undefined {
  if (concern.resolved) return undefined;
  const { start, end } = concern.titleRange;
  const from = lineStarts(start.line) + start.character;
  const to = lineStarts(end.line) + end.character;
  const titleSource = text.slice(from, to);
  // The title as written may hold markdown the clean title lacks; find its last word run.
  const words = concern.title.split(/\s+/).filter(Boolean);
  const lastWord = words[words.length - 1];
  if (!lastWord) return undefined;
  const at = titleSource.lastIndexOf(lastWord.replace(/[`*_]/g, ''));
  if (at < 0) return undefined;
  let insertAt = at + lastWord.replace(/[`*_]/g, '').length;
  // Keep a closing backtick or strike with its text.
  while (insertAt < titleSource.length && /[`~]/.test(titleSource[insertAt] ?? '')) insertAt++;
  const offset = from + insertAt;
  const position = { line: start.line, character: start.character + insertAt };
  if (offset > to) return undefined;
  return { range: { start: position, end: position }, newText: MARKER };
}
