import { labelledTitle } from './plainText';
import { TREE_TARGETS_CAP, type FileConcerns, type LineSpan, type TreeConcern, type TreeData, type TreeDocument, type TreeReference } from '../../protocol';
import { offersShowChanges } from '../drift/showChanges';
import { concernDriftState } from '../drift/targets';
import type { ResolvedConcern } from '../model';
import { summaryOf } from './diagnostics';
import type { IndexedDocument } from './indexedDocument';
import type { ConcernLocation, LocationIndex } from './locations';

/** Turns a folder URI and a workspace-relative path into a file URI (the adapter knows how). */
export type UriOf = (folderUri: string, path: string) => string;

/**
 * Tree concerns by the resolved concern they were made from. The service keeps a concern a re-index
 * did not change as the same object and replaces (never mutates) one whose resolution or drift
 * changed, as its diagnostics ledger, keyed by concern identity, requires: so after a keystroke
 * only the concerns it touched are made again.
 */
export type TreeConcernCache = WeakMap<ResolvedConcern, TreeConcern>;

/**
 * The Concerns view's data: every document, concern and reference, with URIs ready to open; each
 * reference with its first `TREE_TARGETS_CAP` files and their count (`fileConcerns` and a
 * single concern's `treeConcern` without a cap tell the rest).
 */
export function treeData(docs: readonly IndexedDocument[], version: number, uriOf: UriOf, folderName: (folderUri: string) => string, cache?: TreeConcernCache): TreeData {
  const concernOf = (doc: IndexedDocument, concern: ResolvedConcern): TreeConcern => {
    let out = cache?.get(concern);
    if (!out) {
      out = treeConcern(doc, concern, uriOf);
      cache?.set(concern, out);
    }
    return out;
  };
  return {
    version,
    documents: docs.map((doc): TreeDocument => {
      const out: TreeDocument = {
        uri: doc.uri,
        path: doc.path,
        folderUri: doc.folderUri,
        folderName: folderName(doc.folderUri),
        concerns: doc.model.concerns.map((c) => concernOf(doc, c)),
      };
      if (doc.model.analysisDate) out.analysisDate = doc.model.analysisDate;
      return out;
    }),
  };
}

/** One concern of the tree; `cap`: the most targets a reference lists (all with `Infinity`). */
export function treeConcern(doc: IndexedDocument, concern: ResolvedConcern, uriOf: UriOf, cap = TREE_TARGETS_CAP): TreeConcern {
  const out: TreeConcern = {
    id: concern.id,
    title: labelledTitle(concern),
    category: concern.category,
    resolved: concern.resolved,
    summary: summaryOf(concern),
    documentUri: doc.uri,
    fileCount: new Set(concern.references.flatMap((r) => r.matches)).size,
    references: concern.references.map((r) => {
      const ref: TreeReference = {
        text: r.text,
        path: r.path,
        kind: r.kind,
        status: r.status,
        ranges: r.ranges.map((range) => ({ start: range.start, end: range.end })),
        targets: r.matches.slice(0, cap).map((m) => uriOf(doc.folderUri, m)),
        targetCount: r.matches.length,
      };
      const state = r.location?.state;
      // Unknown is shown when drift can say why (git could not answer), never silently.
      if (state && (state !== 'unknown' || r.location?.note)) ref.state = state;
      if (r.location && (state === 'unknown' || r.location.onFile) && r.location.note) ref.driftNote = r.location.onFile ? 'lines edited past recognition' : r.location.note;
      // Drifted code: where it is now, to open there.
      if (r.location && (r.location.state === 'moved' || r.location.state === 'changed')) {
        ref.currentPath = r.location.path;
        ref.currentRanges = r.location.ranges.map((range) => ({ start: range.start, end: range.end }));
        ref.currentTarget = uriOf(doc.folderUri, r.location.path);
      }
      if (offersShowChanges(r.location)) ref.showChanges = true;
      return ref;
    }),
  };
  const drift = concernDriftState(concern);
  if (drift && drift !== 'unknown') out.driftState = drift;
  if (concern.group !== undefined) out.group = concern.group;
  if (concern.severity !== undefined) out.severity = concern.severity;
  return out;
}

export { fixField } from './fixField';

/** A file of a workspace folder. */
export interface FolderFile {
  folderUri: string;
  path: string;
}

/**
 * Which concerns name which files, read off the location index (so the same files as the
 * diagnostics and hovers): `files` given, only those; else every file a reference names.
 */
export function fileConcerns(index: LocationIndex, docs: readonly IndexedDocument[], version: number, uriOf: UriOf, files?: readonly FolderFile[]): FileConcerns {
  type Entry = FileConcerns['documents'][number]['concerns'][number];
  const uris: string[] = [];
  const entries = new Map<ResolvedConcern, Entry>();
  for (const { folderUri, path } of files ?? namedFiles(docs)) {
    const locations = index.inFile(folderUri, path);
    if (locations.length === 0) continue;
    const file = uris.push(uriOf(folderUri, path)) - 1;
    for (const loc of locations) {
      let entry = entries.get(loc.concern);
      if (!entry) {
        entry = { id: loc.concern.id, files: [] };
        entries.set(loc.concern, entry);
      }
      if (entry.files[entry.files.length - 1] !== file) entry.files.push(file);
      if (loc.wholeFile) continue;
      const spans = ((entry.lines ??= {})[file] ??= []);
      const span = spanOf(loc);
      if (!spans.some((s) => s.start === span.start && s.end === span.end)) spans.push(span);
    }
  }
  const documents: FileConcerns['documents'] = [];
  for (const doc of docs) {
    const concerns = doc.model.concerns.flatMap((c) => entries.get(c) ?? []);
    if (concerns.length > 0) documents.push({ uri: doc.uri, concerns });
  }
  return { version, files: uris, documents };
}

/** Every file a reference names, as written or where its code is now (drift), once each. */
function namedFiles(docs: readonly IndexedDocument[]): FolderFile[] {
  const seen = new Set<string>();
  const out: FolderFile[] = [];
  const add = (folderUri: string, path: string) => {
    const key = `${folderUri}\u0000${path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ folderUri, path });
  };
  for (const doc of docs) {
    for (const concern of doc.model.concerns) {
      for (const ref of concern.references) {
        for (const path of ref.matches) add(doc.folderUri, path);
        if (ref.location) add(doc.folderUri, ref.location.path);
      }
    }
  }
  return out;
}

/** A location's lines, 1-based; a range written to the end of the file shows from its start. */
function spanOf(loc: ConcernLocation): LineSpan {
  const start = loc.startLine + 1;
  return { start, end: loc.endLine >= Number.MAX_SAFE_INTEGER - 1 ? start : loc.endLine + 1 };
}
