import { Commands, type ConcernCommandArgs } from '../../protocol';
import type { IndexedDocument } from '../features/indexedDocument';
import { commandLink } from '../features/markdownCard';
import type { ResolvedConcern, ResolvedReference } from '../model';
import { describeLocation, HISTORY_NOT_AVAILABLE, UNSHALLOW_HINT } from './targets';

const ICON = { exact: '📍', moved: '↕️', changed: '✏️', gone: '🗑️', unknown: '❔' } as const;

/**
 * The drift line of a hover card: where the range was written and where it is now, or why that
 * is not known (and, for want of history, how to get it); for code edited since the analysis, a
 * link to review and mark the concern resolved. (Show changes is among the card's actions,
 * markdownCard.ts.)
 */
export function driftHoverNote(doc: IndexedDocument, concern: ResolvedConcern, ref: ResolvedReference): string {
  const loc = ref.location;
  if (!loc || (loc.state === 'unknown' && !loc.note)) return '';
  const text = describeLocation(loc);
  const lines = [`${ICON[loc.state]} _${text.charAt(0).toUpperCase()}${text.slice(1)}._`];
  if (loc.state === 'unknown' && loc.note?.startsWith(HISTORY_NOT_AVAILABLE)) lines.push('', `The lines are shown as written. ${UNSHALLOW_HINT.charAt(0).toUpperCase()}${UNSHALLOW_HINT.slice(1)} (the extension never fetches).`);
  if (loc.state === 'changed' && !concern.resolved) {
    const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
    lines.push('', `${commandLink('Review in the document', Commands.openConcern, args)} · ${commandLink('Mark concern resolved', Commands.markResolved, args)}`);
  }
  return lines.join('\n');
}
