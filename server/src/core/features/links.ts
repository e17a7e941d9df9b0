import type { DocumentLink } from 'vscode-languageserver-types';
import { Commands, TREE_TARGETS_CAP } from '../../protocol';
import type { IndexedDocument } from './indexedDocument';
import type { UriOf } from './tree';

/**
 * Every reference in the document as a link: a file opens at its first referenced line; a glob
 * or a directory (or an ambiguous short name) opens a pick of its matches through a command.
 */
export function documentLinks(doc: IndexedDocument, uriOf: UriOf): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const concern of doc.model.concerns) {
    for (const [index, ref] of concern.references.entries()) {
      const single = ref.kind === 'file' && ref.matches.length === 1 ? ref.matches[0] : undefined;
      if (single !== undefined) {
        const first = ref.ranges[0];
        const target = `${uriOf(doc.folderUri, single)}${first ? `#L${first.start}` : ''}`;
        links.push({ range: ref.range, target, tooltip: `Open ${single}${first ? ` at line ${first.start}` : ''}` });
        continue;
      }
      const targets = ref.matches.length > 0 ? ref.matches : (ref.candidates ?? []);
      if (targets.length === 0) continue;
      // A glob's thousand matches are not written into the link: its first few, and the
      // reference, whose every file the command asks the server for when it runs.
      const uris = targets.slice(0, TREE_TARGETS_CAP).map((t) => uriOf(doc.folderUri, t));
      const args = [targets.length > TREE_TARGETS_CAP ? { title: ref.path, uris, reference: { documentUri: doc.uri, concernId: concern.id, index } } : { title: ref.path, uris }];
      links.push({
        range: ref.range,
        target: `command:${Commands.openReference}?${encodeURIComponent(JSON.stringify(args))}`,
        tooltip: `${targets.length} match${targets.length === 1 ? '' : 'es'}: pick one to open`,
      });
    }
  }
  return links;
}
