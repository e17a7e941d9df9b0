import type { Hover } from 'vscode-languageserver-types';
import { driftHoverNote } from '../drift/hoverNote';
import { concernCard } from './markdownCard';
import type { LocationIndex } from './locations';

/**
 * The hover in a code file: every concern whose referenced range covers the line, as cards.
 * Whole-file references show on the first line.
 */
export function codeHover(index: LocationIndex, folderUri: string, path: string, line: number): Hover | null {
  const locations = index.atLine(folderUri, path, line);
  if (locations.length === 0) return null;
  const cards = locations.map((loc) => {
    const note = driftHoverNote(loc.doc, loc.concern, loc.reference);
    return note ? `${concernCard(loc.doc, loc.concern)}\n\n${note}` : concernCard(loc.doc, loc.concern);
  });
  return { contents: { kind: 'markdown', value: cards.join('\n\n---\n\n') } };
}
