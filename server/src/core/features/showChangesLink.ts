import { Commands } from '../../protocol';
import { showChangesArgs } from '../drift/showChanges';
import type { ResolvedConcern, ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';
import { commandLink } from './markdownCard';

/**
 * The hover's "Show changes since the analysis" link (the code as it was at the commit the lines
 * were written against, beside the file now); '' when the reference has nothing to compare.
 * Its own function, so a hover lists it among its actions wherever those are laid out.
 */
export function showChangesLink(doc: IndexedDocument, concern: ResolvedConcern, ref: ResolvedReference): string {
  const args = showChangesArgs(doc, concern, ref);
  return args ? commandLink('Show changes since the analysis', Commands.showChanges, args) : '';
}
