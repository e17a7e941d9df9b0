import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { currentTargets } from '../drift/targets';
import type { LineRange, ResolvedConcern, ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';
import { plainTitle } from './plainText';
import { diagnosticSeverity, type SeverityName } from './severity';

export const DIAGNOSTIC_SOURCE = 'concerns';

export interface CodeDiagnosticOptions {
  /** At most this many diagnostics per file; the rest are summarised in one more. */
  maxPerFile: number;
  showResolved: boolean;
  /** Severity per category (by keyword or exact name); `off` publishes nothing for it. */
  severity?: Record<string, SeverityName>;
}

export const DEFAULT_CODE_DIAGNOSTIC_OPTIONS: CodeDiagnosticOptions = { maxPerFile: 100, showResolved: false };

/** A diagnostic keyed by the workspace-relative file it belongs to, within one folder. */
export interface FileDiagnostics {
  folderUri: string;
  path: string;
  diagnostics: Diagnostic[];
}

/**
 * One diagnostic per concern on each file it references: on the referenced lines, or on the
 * first line for a whole-file reference. Several references of one concern to the same lines
 * give one diagnostic.
 */
export function codeDiagnostics(docs: readonly IndexedDocument[], options: CodeDiagnosticOptions = DEFAULT_CODE_DIAGNOSTIC_OPTIONS, cache?: ConcernDiagnosticsCache): FileDiagnostics[] {
  const byFile = new Map<string, FileDiagnostics>();
  for (const doc of docs) {
    for (const concern of doc.model.concerns) {
      if (concern.resolved && !options.showResolved) continue;
      const severity = diagnosticSeverity(concern, options.severity);
      if (severity === undefined) continue;
      const signature = cache ? concernSignature(doc, concern, severity) : undefined;
      let entries = signature === undefined ? undefined : cache?.get(signature);
      if (!entries) {
        entries = concernEntries(doc, concern, severity);
        if (signature !== undefined) cache?.set(signature, entries);
      }
      for (const { path, diagnostic } of entries) {
        const fileKey = `${doc.folderUri}\u0000${path}`;
        let entry = byFile.get(fileKey);
        if (!entry) {
          entry = { folderUri: doc.folderUri, path, diagnostics: [] };
          byFile.set(fileKey, entry);
        }
        entry.diagnostics.push(diagnostic);
      }
    }
  }
  cache?.endPass();
  for (const entry of byFile.values()) entry.diagnostics = capped(entry.diagnostics, options.maxPerFile);
  return [...byFile.values()];
}

/** One concern's diagnostics, each with the file it goes on. */
type ConcernEntries = readonly { path: string; diagnostic: Diagnostic }[];

function concernEntries(doc: IndexedDocument, concern: ResolvedConcern, severity: DiagnosticSeverity): ConcernEntries {
  const out: { path: string; diagnostic: Diagnostic }[] = [];
  const seen = new Set<string>();
  // Everything but the range is the same on every file the concern touches: built once.
  const template = concernTemplate(doc, concern, severity);
  // A file named with lines somewhere in the concern needs no whole-file diagnostic too.
  const rangedFiles = new Set(concern.references.flatMap((r) => targetsOf(r).filter((t) => t.ranges.length > 0).map((t) => t.path)));
  for (const ref of concern.references) {
    for (const { path, ranges } of targetsOf(ref)) {
      if (ranges.length === 0 && rangedFiles.has(path)) continue;
      for (const lines of linesOf(ranges)) {
        const key = `${path}\u0000${lines.start}\u0000${lines.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // End at the start of the line after the range: the whole last line, whatever its length.
        out.push({ path, diagnostic: { range: { start: { line: lines.start, character: 0 }, end: { line: lines.end + 1, character: 0 } }, ...template } });
      }
    }
  }
  return out;
}

/**
 * A concern's diagnostics by everything they are made of, kept from one pass to the next: a
 * keystroke changes one concern, and every other concern's diagnostics are then the very same
 * objects as last time (built in no time, and compared by identity before publishing). Entries
 * not used by a pass are dropped after it.
 */
export class ConcernDiagnosticsCache {
  private previous = new Map<string, ConcernEntries>();
  private current = new Map<string, ConcernEntries>();

  get(signature: string): ConcernEntries | undefined {
    const entries = this.current.get(signature) ?? this.previous.get(signature);
    if (entries) this.current.set(signature, entries);
    return entries;
  }

  set(signature: string, entries: ConcernEntries): void {
    this.current.set(signature, entries);
  }

  endPass(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** Ids for match lists: the resolver hands out the same list while a reference's outcome holds. */
const listIds = new WeakMap<readonly string[], number>();
let nextListId = 0;

function listId(list: readonly string[]): number {
  let id = listIds.get(list);
  if (id === undefined) {
    id = ++nextListId;
    listIds.set(list, id);
  }
  return id;
}

/** Everything `concernEntries` reads. A new match list (a re-resolved glob) is a new signature. */
function concernSignature(doc: IndexedDocument, concern: ResolvedConcern, severity: DiagnosticSeverity): string {
  const r = concern.titleRange;
  const parts: (string | number)[] = [doc.uri, doc.folderUri, concern.id, concern.title, concern.category, concern.resolved ? 1 : 0, severity, summaryOf(concern), r.start.line, r.start.character, r.end.line, r.end.character];
  for (const ref of concern.references) {
    parts.push(ref.kind, ref.status, ref.ranges.map((x) => `${x.start}-${x.end}${x.toEnd ? '+' : ''}`).join(','), listId(ref.matches), ref.location ? JSON.stringify(ref.location) : '');
  }
  return parts.join('\u0001');
}

/**
 * The files and lines a reference's diagnostics go on: where its code is now when drift is known
 * (a renamed file's new path, moved lines; nothing when gone), else the `ok` matches as written.
 */
function targetsOf(ref: ResolvedReference): { path: string; ranges: LineRange[] }[] {
  if (ref.kind === 'directory') return [];
  const mapped = currentTargets(ref);
  if (mapped) return mapped;
  if (ref.status !== 'ok') return [];
  return ref.matches.map((path) => ({ path, ranges: ref.ranges }));
}

/** 0-based inclusive line spans; a whole-file reference is the first line. */
function linesOf(ranges: readonly LineRange[]): { start: number; end: number }[] {
  if (ranges.length === 0) return [{ start: 0, end: 0 }];
  return ranges.map((r) => ({ start: r.start - 1, end: Math.max(r.start, r.end) - 1 }));
}

/** A concern's diagnostic without its range: severity, source, code, message, link, data. */
function concernTemplate(doc: IndexedDocument, concern: ResolvedConcern, severity: DiagnosticSeverity): Omit<Diagnostic, 'range'> {
  const summary = summaryOf(concern);
  const title = plainTitle(concern.title);
  return {
    severity,
    source: DIAGNOSTIC_SOURCE,
    code: concern.category,
    // The code links to the concern itself, so a click in the Problems view opens it.
    codeDescription: { href: `${doc.uri}#L${concern.titleRange.start.line + 1}` },
    message: summary ? `${concern.resolved ? '(resolved) ' : ''}${title}: ${summary}` : title,
    relatedInformation: [{ location: { uri: doc.uri, range: concern.titleRange }, message: `${concern.category} › ${title}` }],
    data: { concernId: concern.id, documentUri: doc.uri },
  };
}

/** The concern's Issue (or its first field) on one line, short enough for a Problems row. */
export function summaryOf(concern: ResolvedConcern): string {
  const preferred = ['issue', 'risk', 'problem', 'symptoms', 'whatsNotTested', 'description'];
  const field = preferred.map((name) => concern.fields.find((f) => f.name === name && f.text)).find(Boolean) ?? concern.fields.find((f) => f.text && f.name !== 'files');
  if (!field) return '';
  const oneLine = field.text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}

function capped(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const kept = diagnostics.slice(0, max);
  const rest = diagnostics.length - max;
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'more',
    message: `${rest} more concern${rest === 1 ? '' : 's'} reference this file (concerns.maxDiagnosticsPerFile is ${max}).`,
  });
  return kept;
}
