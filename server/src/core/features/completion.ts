import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { pathSourceOf, type PathSource } from './pathSource';

/**
 * Path completion inside backticks in a Files field: the next path segment of every workspace
 * file under what has been typed. `line` is the document line up to the cursor.
 */
export function pathCompletions(linePrefix: string, inFilesField: boolean, files: readonly string[] | PathSource, position: Position, limit = 200, root = ''): CompletionItem[] {
  if (!inFilesField) return [];
  const ticks = linePrefix.split('`').length - 1;
  if (ticks % 2 === 0) return [];
  const typed = linePrefix.slice(linePrefix.lastIndexOf('`') + 1);
  if (/\s/.test(typed)) return [];
  const dir = typed.slice(0, typed.lastIndexOf('/') + 1);
  const partial = typed.slice(dir.length).toLowerCase();
  const seen = new Map<string, CompletionItem>();
  // Paths are relative to the document's project (`root`); only the files under what was typed are read.
  const under = root ? `${root}/${dir}` : dir;
  pathSourceOf(files).forEachUnder(under, (file) => {
    const rest = file.slice(under.length);
    if (partial && !rest.toLowerCase().startsWith(partial)) return;
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash + 1);
    if (seen.has(segment)) return;
    const isDir = slash >= 0;
    seen.set(segment, {
      label: segment,
      kind: isDir ? CompletionItemKind.Folder : CompletionItemKind.File,
      detail: dir + segment,
      textEdit: { range: { start: { line: position.line, character: position.character - (typed.length - dir.length) }, end: position }, newText: segment },
      // Completing a folder asks for the next segment straight away.
      ...(isDir ? { command: { title: 'Next segment', command: 'editor.action.triggerSuggest' } } : {}),
    });
    if (seen.size >= limit) return false;
  });
  return [...seen.values()];
}
