import type { Hover } from 'vscode-languageserver-types';
import { driftHoverNote } from '../drift/hoverNote';
import type { ResolvedConcern } from '../model';
import type { IndexedDocument } from './indexedDocument';
import { concernCard, concernList } from './markdownCard';
import type { LocationIndex } from './locations';

/**
 * Whether a diagnostic of this concern covers the hovered position (the editor then shows its
 * message above the hover).
 */
export type UnderDiagnostic = (doc: IndexedDocument, concern: ResolvedConcern) => boolean;

/**
 * The hover in a code file: the concern whose referenced range covers the line as a card; several
 * as a compact list, each row opening its concern. Whole-file references show on the first line.
 */
export function codeHover(index: LocationIndex, folderUri: string, path: string, line: number, underDiagnostic: UnderDiagnostic = () => false): Hover | null {
  const locations = index.atLine(folderUri, path, line);
  if (locations.length === 0) return null;
  if (locations.length > 1) return { contents: { kind: 'markdown', value: concernList(locations) } };
  const { doc, concern, reference } = locations[0]!;
  const card = concernCard(doc, concern, { reference, driftNote: driftHoverNote(doc, concern, reference), underDiagnostic: underDiagnostic(doc, concern) });
  return { contents: { kind: 'markdown', value: card } };
}
