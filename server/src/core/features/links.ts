import type { DocumentLink } from 'vscode-languageserver-types';
import { Commands, TREE_TARGETS_CAP } from '../../protocol';
import type { ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';
import type { UriOf } from './tree';

/**
 * Every reference in the document as a link, and every `mentions` (paths written outside the
 * concerns that name what exists): a file opens at its first referenced line; a glob or a
 * directory (or an ambiguous short name) opens a pick of its matches through a command.
 */
export function documentLinks(doc: IndexedDocument, uriOf: UriOf, mentions: readonly ResolvedReference[] = []): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const concern of doc.model.concerns) {
    for (const [index, ref] of concern.references.entries()) {
      const link = linkOf(doc, uriOf, ref, { documentUri: doc.uri, concernId: concern.id, index });
      if (link) links.push(link);
    }
  }
  // Paths written outside any concern (an evidence list, a ranked restatement): links, nothing more.
  for (const ref of mentions) {
    const link = linkOf(doc, uriOf, ref, undefined);
    if (link) links.push(link);
  }
  return links;
}

/** A file opens at its first referenced line; a glob or a directory (or an ambiguous short name) opens a pick. */
function linkOf(doc: IndexedDocument, uriOf: UriOf, ref: ResolvedReference, place: { documentUri: string; concernId: string; index: number } | undefined): DocumentLink | undefined {
  const single = ref.kind === 'file' && ref.matches.length === 1 ? ref.matches[0] : undefined;
  if (single !== undefined) {
    const first = ref.ranges[0];
    const target = `${uriOf(doc.folderUri, single)}${first ? `#L${first.start}` : ''}`;
    return { range: ref.range, target, tooltip: `Open ${single}${first ? ` at line ${first.start}` : ''}` };
  }
  const targets = ref.matches.length > 0 ? ref.matches : (ref.candidates ?? []);
  if (targets.length === 0) return undefined;
  // A glob's thousand matches are not written into the link: its first few, and the
  // reference, whose every file the command asks the server for when it runs.
  const uris = targets.slice(0, TREE_TARGETS_CAP).map((t) => uriOf(doc.folderUri, t));
  const args = [targets.length > TREE_TARGETS_CAP && place ? { title: ref.path, uris, reference: place } : { title: ref.path, uris }];
  return {
    range: ref.range,
    target: `command:${Commands.openReference}?${encodeURIComponent(JSON.stringify(args))}`,
    tooltip: `${targets.length} match${targets.length === 1 ? '' : 'es'}: pick one to open`,
  };
}
