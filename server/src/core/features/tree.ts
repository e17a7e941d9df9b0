import type { TreeConcern, TreeData, TreeDocument, TreeReference } from '../../protocol';
import { concernDriftState } from '../drift/targets';
import type { ResolvedConcern } from '../model';
import { FIX_FIELD_ORDER } from '../parse/fieldNames';
import { summaryOf } from './diagnostics';
import type { IndexedDocument } from './indexedDocument';

/** Turns a folder URI and a workspace-relative path into a file URI (the adapter knows how). */
export type UriOf = (folderUri: string, path: string) => string;

/** The Concerns view's data: every document, concern and reference, with URIs ready to open. */
export function treeData(docs: readonly IndexedDocument[], version: number, uriOf: UriOf, folderName: (folderUri: string) => string): TreeData {
  return {
    version,
    documents: docs.map((doc): TreeDocument => {
      const out: TreeDocument = {
        uri: doc.uri,
        path: doc.path,
        folderUri: doc.folderUri,
        folderName: folderName(doc.folderUri),
        concerns: doc.model.concerns.map((c) => treeConcern(doc, c, uriOf)),
      };
      if (doc.model.analysisDate) out.analysisDate = doc.model.analysisDate;
      return out;
    }),
  };
}

export function treeConcern(doc: IndexedDocument, concern: ResolvedConcern, uriOf: UriOf): TreeConcern {
  const out: TreeConcern = {
    id: concern.id,
    title: concern.title,
    category: concern.category,
    resolved: concern.resolved,
    summary: summaryOf(concern),
    documentUri: doc.uri,
    titleRange: concern.titleRange,
    references: concern.references.map((r) => {
      const ref: TreeReference = {
        text: r.text,
        path: r.path,
        kind: r.kind,
        status: r.status,
        ranges: r.ranges.map((range) => ({ start: range.start, end: range.end })),
        targets: r.matches.map((m) => uriOf(doc.folderUri, m)),
        range: r.range,
        state: r.location?.state ?? 'unknown',
      };
      // Drifted code: where it is now, to open there.
      if (r.location && (r.location.state === 'moved' || r.location.state === 'changed')) {
        ref.currentPath = r.location.path;
        ref.currentRanges = r.location.ranges.map((range) => ({ start: range.start, end: range.end }));
        ref.currentTarget = uriOf(doc.folderUri, r.location.path);
      }
      return ref;
    }),
  };
  const drift = concernDriftState(concern);
  if (drift && drift !== 'unknown') out.driftState = drift;
  if (concern.group !== undefined) out.group = concern.group;
  if (concern.severity !== undefined) out.severity = concern.severity;
  const fix = fixField(concern);
  if (fix) out.fixRange = fix.range;
  return out;
}

/** The field that says how to fix the concern: Fix approach, else its nearest equivalent. */
export function fixField(concern: ResolvedConcern): ResolvedConcern['fields'][number] | undefined {
  for (const name of FIX_FIELD_ORDER) {
    const field = concern.fields.find((f) => f.name === name);
    if (field) return field;
  }
  return undefined;
}
