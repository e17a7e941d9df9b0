import type { TextEdit } from 'vscode-languageserver-types';
import type { Concern } from '../model';
import type { SourceText } from '../parse/source';

const MARKER = ' (RESOLVED)';

/**
 * The edit that marks a concern resolved: ` (RESOLVED)` right after its title text, which
 * every form recognises (`### Title (RESOLVED)`, `**Title (RESOLVED):**`, a table cell) and
 * which the concern's id ignores, so the concern keeps its identity. Undefined when the
 * concern is already resolved or its title cannot be found on its line.
 */
export function markResolvedEdit(source: SourceText, concern: Concern): TextEdit | undefined {
  if (concern.resolved) return undefined;
  const { start } = concern.titleRange;
  const titleSource = source.textIn(concern.titleRange);
  // The title as written may hold markdown the clean title lacks; find its last word run.
  const words = concern.title.split(/\s+/).filter(Boolean);
  const rawLast = words[words.length - 1];
  if (!rawLast) return undefined;
  const lastWord = rawLast.replace(/[`*_]/g, '');
  const at = titleSource.lastIndexOf(lastWord);
  if (at < 0) return undefined;
  let insertAt = at + lastWord.length;
  // Keep a closing backtick or strike with its text.
  while (insertAt < titleSource.length && /[`~]/.test(titleSource[insertAt] ?? '')) insertAt++;
  const position = { line: start.line, character: start.character + insertAt };
  return { range: { start: position, end: position }, newText: MARKER };
}
