import { SymbolKind, type DocumentSymbol, type FoldingRange, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { IndexedDocument } from './indexedDocument';
import { plainTitle } from './plainText';

/** The outline: categories (and groups), with their concerns beneath; a concern of no category at the top. */
export function documentSymbols(doc: IndexedDocument): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  const categories = new Map<string, DocumentSymbol>();
  const groups = new Map<string, DocumentSymbol>();
  for (const concern of doc.model.concerns) {
    if (!concern.category) {
      top.push(concernSymbol(concern));
      continue;
    }
    let category = categories.get(concern.category);
    if (!category) {
      category = { name: concern.category, kind: SymbolKind.Namespace, range: concern.range, selectionRange: concern.titleRange, children: [] };
      categories.set(concern.category, category);
      top.push(category);
    }
    let parent = category;
    if (concern.group) {
      const key = `${concern.category}\u0000${concern.group}`;
      let group = groups.get(key);
      if (!group) {
        group = { name: concern.group, kind: SymbolKind.Module, range: concern.range, selectionRange: concern.titleRange, children: [] };
        groups.set(key, group);
        category.children!.push(group);
      }
      parent = group;
    }
    parent.children!.push(concernSymbol(concern));
    widen(category, concern.range);
    if (parent !== category) widen(parent, concern.range);
  }
  return top;
}

function concernSymbol(concern: IndexedDocument['model']['concerns'][number]): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: plainTitle(concern.title),
    detail: [concern.severity, concern.resolved ? 'resolved' : undefined].filter(Boolean).join(' · '),
    kind: SymbolKind.Event,
    range: concern.range,
    selectionRange: concern.titleRange,
  };
  if (concern.resolved) symbol.tags = [1 /* Deprecated: shown struck through */];
  return symbol;
}

function widen(symbol: DocumentSymbol, range: Range): void {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  if (before(range.start, symbol.range.start)) symbol.range = { start: range.start, end: symbol.range.end };
  if (before(symbol.range.end, range.end)) symbol.range = { start: symbol.range.start, end: range.end };
}

/** Find a concern by title from anywhere (workspace symbols); an empty query lists them all. */
export function workspaceSymbols(docs: readonly IndexedDocument[], query: string, limit = 500): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const doc of docs) {
    for (const concern of doc.model.concerns) {
      if (q && !fuzzyContains(concern.title.toLowerCase(), q)) continue;
      out.push({ name: plainTitle(concern.title), kind: SymbolKind.Event, location: { uri: doc.uri, range: concern.titleRange }, ...(concern.category ? { containerName: concern.category } : {}) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** The query's characters appear in order (VS Code's own symbol matching is the same idea). */
function fuzzyContains(text: string, query: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === query[i]) i++;
  return i >= query.length;
}

/** Folding by concern: each multi-line concern folds to its title. */
export function foldingRanges(doc: IndexedDocument): FoldingRange[] {
  return doc.model.concerns
    .filter((c) => c.range.end.line > c.range.start.line)
    .map((c) => ({ startLine: c.range.start.line, endLine: c.range.end.character === 0 ? c.range.end.line - 1 : c.range.end.line, kind: 'region' }))
    .filter((r) => r.endLine > r.startLine);
}
