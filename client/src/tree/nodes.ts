import { projectRootOf } from '../../../server/src/core/documentPlaces';
import type { LineSpan, TreeConcern, TreeData, TreeDocument, TreeReference } from '../../../server/src/protocol';
import { LEVELS, type Level } from '../levels';
import { referenceRows } from './referenceRows';
import type { GroupBy } from './viewState';

export interface FolderNode {
  kind: 'folder';
  id: string;
  parent: undefined;
  folderUri: string;
  name: string;
  concernCount: number;
  children: (DocumentNode | GroupNode)[];
}

/** One concerns document, when the view shows several: its groups beneath it. */
export interface DocumentNode {
  kind: 'document';
  id: string;
  parent: FolderNode | undefined;
  document: TreeDocument;
  /** The project the document belongs to (`backend`, `apps/web`), else its path. */
  name: string;
  concernCount: number;
  children: GroupNode[];
}

export interface GroupNode {
  kind: 'group';
  id: string;
  parent: FolderNode | DocumentNode | undefined;
  by: GroupBy;
  label: string;
  /** By file: the file (undefined for the group of concerns that name no existing file). */
  fileUri?: string;
  /** Workspace-relative path of that file. */
  filePath?: string;
  /** By severity: the level. */
  level?: Level;
  children: ConcernNode[];
}

export interface ConcernNode {
  kind: 'concern';
  id: string;
  parent: GroupNode;
  concern: TreeConcern;
  level: Level;
  document: TreeDocument;
  /** By file: the lines of that file the concern names (1-based, inclusive), empty = whole file. */
  lines?: readonly LineSpan[];
  children: ReferenceNode[];
}

export interface ReferenceNode {
  kind: 'reference';
  id: string;
  parent: ConcernNode;
  reference: TreeReference;
  /** Its place among the concern's references (to ask the server for all its files). */
  index: number;
  concern: TreeConcern;
}

export type Node = FolderNode | DocumentNode | GroupNode | ConcernNode | ReferenceNode;

/**
 * The files concerns name, where their code is now, by `concernKey`: each file's URI and the lines
 * named there (empty: the whole file). From the server's `concerns/files`: the tree itself lists
 * only the first few files of a reference.
 */
export type ConcernFiles = ReadonlyMap<string, readonly { uri: string; lines: readonly LineSpan[] }[]>;

/** What `buildTree` needs of `ConcernFiles`: every file when grouping by file, else the `onlyFile`'s (none without). */
export function filesNeeded(options: Pick<BuildOptions, 'groupBy' | 'onlyFile'>): { uri?: string } | undefined {
  if (options.groupBy === 'file') return {};
  return options.onlyFile === undefined ? undefined : { uri: options.onlyFile };
}

export interface BuildOptions {
  groupBy: GroupBy;
  showResolved: boolean;
  filter: string;
  /** Only concerns touching this file (or, for a concerns document, the concerns it holds). */
  onlyFile: string | undefined;
  /** The files concerns name: as `filesNeeded` says (missing: none). */
  files?: ConcernFiles;
  /** Only concerns whose code changed (or is gone) since the analysis (drift). */
  onlyChanged?: boolean;
  /** More than one workspace folder: folders on top. */
  multiRoot: boolean;
  levelOf: (concern: TreeConcern, folderUri: string) => Level;
}

export interface BuiltTree {
  roots: (FolderNode | DocumentNode | GroupNode)[];
  /** Concerns shown, counting each once. */
  shown: number;
  /** Resolved concerns the resolved toggle hides. */
  hiddenResolved: number;
  /** Concerns the text or file filter hides. */
  filteredOut: number;
  /** Every node shown for a concern, by `<documentUri>#<concernId>` (by file: one per file). */
  concerns: Map<string, ConcernNode[]>;
}

export const concernKey = (documentUri: string, concernId: string): string => `${documentUri}#${concernId}`;

/** Builds the view's nodes from the server's tree data and the user's choices. */
export function buildTree(data: TreeData, options: BuildOptions): BuiltTree {
  const tokens = options.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const out: BuiltTree = { roots: [], shown: 0, hiddenResolved: 0, filteredOut: 0, concerns: new Map() };
  // Several documents (a monorepo's projects, several folders): one level each, so that their
  // categories do not merge, named by project rather than by path on every row.
  const names = data.documents.length > 1 ? documentNames(data.documents) : undefined;

  // Folders in the order the server lists their documents.
  const folders = new Map<string, { name: string; docs: TreeDocument[] }>();
  for (const doc of data.documents) {
    const f = folders.get(doc.folderUri) ?? { name: doc.folderName, docs: [] };
    f.docs.push(doc);
    folders.set(doc.folderUri, f);
  }

  for (const [folderUri, folder] of folders) {
    const folderNode: FolderNode | undefined = options.multiRoot
      ? { kind: 'folder', id: `folder:${folderUri}`, parent: undefined, folderUri, name: folder.name, concernCount: 0, children: [] }
      : undefined;
    for (const doc of folder.docs) {
      const entries: Entry[] = [];
      for (const concern of doc.concerns) {
        if (concern.resolved && !options.showResolved) {
          out.hiddenResolved++;
          continue;
        }
        if (!matchesText(concern, tokens) || !touches(concern, options.onlyFile, options.files) || (options.onlyChanged && !codeChanged(concern))) {
          out.filteredOut++;
          continue;
        }
        entries.push({ doc, concern, level: options.levelOf(concern, folderUri) });
      }
      out.shown += entries.length;
      if (entries.length === 0) continue;
      const docNode: DocumentNode | undefined = names
        ? { kind: 'document', id: `document:${doc.uri}`, parent: folderNode, document: doc, name: names.get(doc.uri)!, concernCount: entries.length, children: [] }
        : undefined;
      const groups = group(entries, docNode ? doc.uri : folderUri, docNode ?? folderNode, options);
      for (const g of groups) {
        for (const node of g.children) {
          const key = concernKey(node.concern.documentUri, node.concern.id);
          out.concerns.set(key, [...(out.concerns.get(key) ?? []), node]);
        }
      }
      const level: (DocumentNode | GroupNode)[] = docNode ? [docNode] : groups;
      if (docNode) docNode.children = groups;
      if (folderNode) {
        folderNode.children.push(...level);
        folderNode.concernCount += entries.length;
      } else {
        out.roots.push(...level);
      }
    }
    if (folderNode && folderNode.children.length > 0) out.roots.push(folderNode);
  }
  return out;
}

/**
 * What each document is called in the view: its project's folder (`backend`, `apps/web`: the
 * folder holding `.planning/`, `.gsd/`, `docs/` ..., as discovery reads it), the workspace
 * folder's name for a document at the top; its path when that would not tell two documents apart.
 */
export function documentNames(documents: readonly TreeDocument[]): Map<string, string> {
  const project = (doc: TreeDocument): string => {
    return projectRootOf(doc.path) || doc.folderName;
  };
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const doc of documents) counts.set(`${doc.folderUri}\u0000${project(doc)}`, (counts.get(`${doc.folderUri}\u0000${project(doc)}`) ?? 0) + 1);
  for (const doc of documents) names.set(doc.uri, counts.get(`${doc.folderUri}\u0000${project(doc)}`)! > 1 ? doc.path : project(doc));
  return names;
}

type Entry = { doc: TreeDocument; concern: TreeConcern; level: Level };

/** `scope`: what the groups' ids are unique within (the folder, or the document when each has its level). */
function group(entries: Entry[], scope: string, parent: FolderNode | DocumentNode | undefined, options: BuildOptions): GroupNode[] {
  const folderUri = entries[0]?.doc.folderUri ?? scope;
  const groups = new Map<string, GroupNode>();
  const groupFor = (key: string, make: () => Omit<GroupNode, 'kind' | 'id' | 'parent' | 'by' | 'children'>): GroupNode => {
    let g = groups.get(key);
    if (!g) {
      g = { kind: 'group', id: `${options.groupBy}:${scope}|${key}`, parent, by: options.groupBy, children: [], ...make() };
      groups.set(key, g);
    }
    return g;
  };
  const usedIds = new Set<string>();
  const uniqueId = (id: string): string => {
    let candidate = id;
    for (let n = 2; usedIds.has(candidate); n++) candidate = `${id}~${n}`;
    usedIds.add(candidate);
    return candidate;
  };

  for (const entry of entries) {
    const baseId = `concern:${concernKey(entry.concern.documentUri, entry.concern.id)}`;
    if (options.groupBy === 'file') {
      const files = filesOf(entry.concern, folderUri, options.files);
      const targets = options.onlyFile ? files.filter((f) => f.uri === options.onlyFile) : files;
      // A concerns document shown with "only active file": its concerns go under their first file.
      const shown = targets.length > 0 ? targets : files.length > 0 && options.onlyFile ? files.slice(0, 1) : files;
      if (shown.length === 0) {
        const g = groupFor('(none)', () => ({ label: 'No existing file' }));
        g.children.push(concernNode(uniqueId(`${baseId}@none`), g, entry, false, undefined));
        continue;
      }
      for (const file of shown) {
        const g = groupFor(file.uri, () => ({ label: basename(file.path), fileUri: file.uri, filePath: file.path }));
        g.children.push(concernNode(uniqueId(`${baseId}@${file.uri}`), g, entry, false, file.lines));
      }
    } else if (options.groupBy === 'severity') {
      const g = groupFor(entry.level, () => ({ label: entry.level, level: entry.level }));
      g.children.push(concernNode(uniqueId(baseId), g, entry, true, undefined));
    } else {
      const category = entry.concern.category || 'Uncategorised';
      const g = groupFor(category, () => ({ label: category }));
      g.children.push(concernNode(uniqueId(baseId), g, entry, true, undefined));
    }
  }

  const list = [...groups.values()];
  if (options.groupBy === 'severity') list.sort((a, b) => LEVELS.indexOf(a.level ?? 'off') - LEVELS.indexOf(b.level ?? 'off'));
  if (options.groupBy === 'file') list.sort((a, b) => (a.filePath === undefined ? 1 : b.filePath === undefined ? -1 : a.filePath.localeCompare(b.filePath)));
  return list;
}

function concernNode(id: string, parent: GroupNode, entry: Entry, withReferences: boolean, lines: ConcernNode['lines']): ConcernNode {
  const node: ConcernNode = { kind: 'concern', id, parent, concern: entry.concern, level: entry.level, document: entry.doc, children: [] };
  if (lines) node.lines = lines;
  if (withReferences) {
    node.children = referenceRows(entry.concern.references).map(({ reference, index }) => ({ kind: 'reference', id: `${id}/ref:${index}`, parent: node, reference, index, concern: entry.concern }));
  }
  return node;
}

/** The files a concern names, each with the lines named in it. */
function filesOf(concern: TreeConcern, folderUri: string, files: ConcernFiles | undefined): { uri: string; path: string; lines: readonly LineSpan[] }[] {
  return (files?.get(concernKey(concern.documentUri, concern.id)) ?? []).map((f) => ({ uri: f.uri, path: pathOfUri(f.uri, folderUri), lines: f.lines }));
}

/** The workspace-relative path of a file URI of the folder. */
function pathOfUri(uri: string, folderUri: string): string {
  const base = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
  return decodeURIComponent(uri.startsWith(base) ? uri.slice(base.length) : uri.slice(uri.lastIndexOf('/') + 1));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function matchesText(concern: TreeConcern, tokens: string[]): boolean {
  if (tokens.length === 0) return true;
  const haystack = [concern.title, concern.category, concern.group ?? '', concern.summary, concern.severity ?? '', concern.id, ...concern.references.map((r) => r.text)]
    .join('\n')
    .toLowerCase();
  return tokens.every((t) => haystack.includes(t));
}

/** The concern's code changed since the analysis (or is gone): worth a review. */
export function codeChanged(concern: TreeConcern): boolean {
  return concern.driftState === 'changed' || concern.driftState === 'gone';
}

function touches(concern: TreeConcern, file: string | undefined, files: ConcernFiles | undefined): boolean {
  if (file === undefined) return true;
  return concern.documentUri === file || (files?.get(concernKey(concern.documentUri, concern.id))?.some((f) => f.uri === file) ?? false);
}
