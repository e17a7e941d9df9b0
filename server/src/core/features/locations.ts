import { currentTargets } from '../drift/targets';
import type { ResolvedConcern, ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';

/** One place in a code file that a concern points at (0-based inclusive lines). */
export interface ConcernLocation {
  doc: IndexedDocument;
  concern: ResolvedConcern;
  reference: ResolvedReference;
  startLine: number;
  endLine: number;
  /** A whole-file reference: shown on the first line. */
  wholeFile: boolean;
}

/**
 * Every place in code that an unresolved concern points at, keyed by folder and file. Built once
 * per re-index so that hovers and code actions are map look-ups.
 */
export class LocationIndex {
  private readonly byFile = new Map<string, ConcernLocation[]>();

  constructor(docs: readonly IndexedDocument[], includeResolved = false) {
    for (const doc of docs) {
      for (const concern of doc.model.concerns) {
        if (concern.resolved && !includeResolved) continue;
        for (const reference of concern.references) {
          if (reference.kind === 'directory') continue;
          // Where the code is now when drift is known (renamed, moved; nowhere when gone), else as written.
          const targets = currentTargets(reference) ?? (reference.status === 'ok' || reference.status === 'out-of-range' ? reference.matches.map((path) => ({ path, ranges: reference.ranges })) : []);
          for (const { path, ranges } of targets) {
            const key = `${doc.folderUri}\u0000${path}`;
            let list = this.byFile.get(key);
            if (!list) {
              list = [];
              this.byFile.set(key, list);
            }
            if (ranges.length === 0) list.push({ doc, concern, reference, startLine: 0, endLine: 0, wholeFile: true });
            for (const r of ranges) {
              list.push({ doc, concern, reference, startLine: r.start - 1, endLine: (r.toEnd ? Number.MAX_SAFE_INTEGER : Math.max(r.start, r.end)) - 1, wholeFile: false });
            }
          }
        }
      }
    }
  }

  /** Every location in a file. */
  inFile(folderUri: string, path: string): readonly ConcernLocation[] {
    return this.byFile.get(`${folderUri}\u0000${path}`) ?? [];
  }

  /** The locations covering a 0-based line, one per concern. */
  atLine(folderUri: string, path: string, line: number): ConcernLocation[] {
    const seen = new Set<string>();
    const out: ConcernLocation[] = [];
    for (const loc of this.inFile(folderUri, path)) {
      if (line < loc.startLine || line > loc.endLine) continue;
      const key = `${loc.doc.uri}\u0000${loc.concern.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(loc);
    }
    return out;
  }
}
