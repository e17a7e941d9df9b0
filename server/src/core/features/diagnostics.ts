import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { currentTargets, formatRanges, shortSha } from '../drift/targets';
import type { Field, LineRange, MappedLocation, ResolvedConcern, ResolvedReference } from '../model';
import { SUMMARY_FIELDS } from '../parse/fieldNames';
import type { IndexedDocument } from './indexedDocument';
import { PublishedFields, publishedReferences } from './locatingFields';
import { plainTitle } from './plainText';
import { diagnosticSeverity, type SeverityName } from './severity';

export const DIAGNOSTIC_SOURCE = 'concerns';

/**
 * `firstLine`: one mark per concern, on the first line of the cited range (`placeOnText` then
 * trims it to the line's text, or moves it to the first line that has any); `whole`: every line.
 */
export type DiagnosticRange = 'firstLine' | 'whole';

export interface CodeDiagnosticOptions {
  /** At most this many diagnostics per file; the rest are summarised in one more. */
  maxPerFile: number;
  showResolved: boolean;
  /** Severity per category (by keyword or exact name); `off` publishes nothing for it. */
  severity?: Record<string, SeverityName>;
  /** What a diagnostic covers of the range it cites (default `firstLine`). */
  range?: DiagnosticRange;
  /** Which fields' references publish besides the locating ones (default: none more). */
  fields?: PublishedFields;
}

export const DEFAULT_CODE_DIAGNOSTIC_OPTIONS: CodeDiagnosticOptions = { maxPerFile: 100, showResolved: false };

/**
 * What a concern's code diagnostic carries for the editor: the concern, and the whole cited
 * range (0-based, inclusive lines) that the client shades while the cursor is in it.
 */
export interface ConcernDiagnosticData {
  concernId: string;
  documentUri: string;
  /** The cited lines, 0-based and inclusive; absent for a whole-file reference. */
  lines?: { start: number; end: number };
  /** The range is the first cited line only, still to be trimmed to its text (`placeOnText`). */
  firstLine?: true;
}

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
export function codeDiagnostics(docs: readonly IndexedDocument[], options: CodeDiagnosticOptions = DEFAULT_CODE_DIAGNOSTIC_OPTIONS): FileDiagnostics[] {
  return new CodeDiagnosticsLedger().update(docs, options).filter((file) => file.diagnostics.length > 0);
}

/** A place in the last pass: which concern of which document. */
interface Contribution {
  docUri: string;
  concern: ResolvedConcern;
}

/**
 * The code diagnostics of a set of documents, kept up to date from one pass to the next.
 *
 * Concern objects are never changed once indexed, and an edit hands back the very objects of the
 * concerns it did not touch; so a pass compares the concerns with the last pass's by identity,
 * and only the files of the concerns that came or went are built again. A keystroke in a
 * document whose concerns cover thousands of files then costs the files of the concern edited.
 */
export class CodeDiagnosticsLedger {
  private readonly cache = new ConcernDiagnosticsCache();
  private last: Contribution[] | undefined;
  private lastOptions: CodeDiagnosticOptions | undefined;
  /** Each file's diagnostics, capped, by folder and path. */
  private readonly files = new Map<string, FileDiagnostics>();

  /**
   * Brings the diagnostics up to date with `docs`; returns the files whose diagnostics were
   * rebuilt, those that have none any more with an empty list.
   */
  update(docs: readonly IndexedDocument[], options: CodeDiagnosticOptions): FileDiagnostics[] {
    const current: Contribution[] = [];
    const docsByUri = new Map<string, IndexedDocument>();
    for (const doc of docs) {
      docsByUri.set(doc.uri, doc);
      for (const concern of doc.model.concerns) if (!concern.resolved || options.showResolved) current.push({ docUri: doc.uri, concern });
    }
    const entriesOf = (c: Contribution) => this.cache.entries(docsByUri.get(c.docUri)!, c.concern, options);
    const dirty = this.dirtyFiles(current, options, entriesOf);
    this.last = current;
    this.lastOptions = options;
    if (dirty.size === 0) return [];
    const rebuilt = new Map<string, FileDiagnostics>();
    for (const key of dirty) {
      const old = this.files.get(key);
      if (old) rebuilt.set(key, { folderUri: old.folderUri, path: old.path, diagnostics: [] });
    }
    // In document and concern order, as a full pass would list them.
    for (const c of current) {
      for (const { key, path, diagnostic } of entriesOf(c)) {
        if (!dirty.has(key)) continue;
        let file = rebuilt.get(key);
        if (!file) rebuilt.set(key, (file = { folderUri: docsByUri.get(c.docUri)!.folderUri, path, diagnostics: [] }));
        file.diagnostics.push(diagnostic);
      }
    }
    for (const [key, file] of rebuilt) {
      file.diagnostics = capped(file.diagnostics, options.maxPerFile);
      if (file.diagnostics.length > 0) this.files.set(key, file);
      else this.files.delete(key);
    }
    return [...rebuilt.values()];
  }

  /**
   * The files whose diagnostics may differ from the last pass's: those of the concerns that came
   * or went. Everything, when the options changed or kept concerns changed order.
   */
  private dirtyFiles(current: readonly Contribution[], options: CodeDiagnosticOptions, entriesOf: (c: Contribution) => ConcernEntries): Set<string> {
    const dirty = new Set<string>();
    const everything = () => {
      for (const key of this.files.keys()) dirty.add(key);
      for (const c of current) for (const entry of entriesOf(c)) dirty.add(entry.key);
      return dirty;
    };
    const last = this.last;
    const o = this.lastOptions;
    if (!last || !o || o.maxPerFile !== options.maxPerFile || o.showResolved !== options.showResolved || !sameShape(o, options)) return everything();
    const lastIndex = new Map<ResolvedConcern, number>();
    last.forEach((c, i) => lastIndex.set(c.concern, i));
    const kept = new Uint8Array(last.length);
    let previous = -1;
    for (const c of current) {
      const i = lastIndex.get(c.concern);
      if (i === undefined || last[i]!.docUri !== c.docUri) {
        for (const entry of entriesOf(c)) dirty.add(entry.key);
        continue;
      }
      // A kept concern before one it followed: the order of some file's list may have changed.
      if (i < previous) return everything();
      previous = i;
      kept[i] = 1;
    }
    last.forEach((c, i) => {
      if (kept[i]) return;
      for (const entry of this.cache.peek(c.concern)) dirty.add(entry.key);
    });
    return dirty;
  }
}

/** Whether two options give every concern the same diagnostics (severity, range, fields). */
function sameShape(a: CodeDiagnosticOptions, b: CodeDiagnosticOptions): boolean {
  return a.severity === b.severity && (a.range ?? 'firstLine') === (b.range ?? 'firstLine') && a.fields === b.fields;
}

function fileKey(folderUri: string, path: string): string {
  return `${folderUri}\u0000${path}`;
}

/** One concern's diagnostics, each with the file it goes on (and that file's key within all folders). */
type ConcernEntries = readonly { key: string; path: string; diagnostic: Diagnostic }[];

function concernEntries(doc: IndexedDocument, concern: ResolvedConcern, severity: DiagnosticSeverity, options: CodeDiagnosticOptions): ConcernEntries {
  const out: { key: string; path: string; diagnostic: Diagnostic }[] = [];
  const seen = new Set<string>();
  const firstLine = (options.range ?? 'firstLine') === 'firstLine';
  const references = publishedReferences(concern, options.fields);
  // Everything but the range and data is the same on every file the concern touches: built once.
  const template = concernTemplate(doc, concern, severity);
  // Every span the concern gives each file; a file named with lines somewhere in the concern
  // needs no whole-file diagnostic too.
  const spans = spansByFile(references);
  for (const ref of references) {
    // Code edited past recognition stands on the file as a whole, saying which lines it was about.
    const own = ref.location?.onFile ? { ...template, message: `${template.message} (${onFileNote(ref.location)})` } : template;
    for (const { path, ranges } of targetsOf(ref)) {
      if (ranges.length === 0 && spans.has(path)) continue;
      for (const lines of linesOf(ranges)) {
        const lineKey = `${path}\u0000${lines.start}\u0000${lines.end}`;
        if (seen.has(lineKey) || (!lines.wholeFile && coveredByAnother(spans.get(path) ?? [], lines, firstLine))) continue;
        seen.add(lineKey);
        const data: ConcernDiagnosticData = { concernId: concern.id, documentUri: doc.uri };
        if (!lines.wholeFile) data.lines = { start: lines.start, end: lines.end };
        if (firstLine) data.firstLine = true;
        // End at the start of the line after: the whole (first or last) line, whatever its length.
        const end = firstLine ? lines.start + 1 : lines.end + 1;
        out.push({ key: fileKey(doc.folderUri, path), path, diagnostic: { range: { start: { line: lines.start, character: 0 }, end: { line: end, character: 0 } }, ...own, data } });
      }
    }
  }
  return out;
}

/** Every line span the concern's references give each file (0-based, as `linesOf` gives them). */
function spansByFile(references: readonly ResolvedReference[]): Map<string, { start: number; end: number }[]> {
  const spans = new Map<string, { start: number; end: number }[]>();
  for (const ref of references) {
    for (const { path, ranges } of targetsOf(ref)) {
      for (const lines of linesOf(ranges)) if (!lines.wholeFile) spans.set(path, [...(spans.get(path) ?? []), lines]);
    }
  }
  return spans;
}

/**
 * A span another span of the same concern on the same file already shows: `line 1028` beside
 * `lines 1028-1065` (the Issue and the Files field) would be a second squiggle of the one
 * concern on one line. Marked on its first line, a span inside a longer one still shows where
 * it starts; marked whole, it is inside the other's mark.
 */
function coveredByAnother(spans: readonly { start: number; end: number }[], lines: { start: number; end: number }, firstLine: boolean): boolean {
  return spans.some((o) => (o.start !== lines.start || o.end !== lines.end) && o.start <= lines.start && o.end >= lines.end && (!firstLine || o.start === lines.start));
}

/**
 * Each concern's diagnostics, kept by the concern object itself. Concern objects are never
 * changed once indexed (an edit, a re-resolve or drift makes new ones), and the parse and the
 * service hand back the same object for a concern an edit did not touch: a keystroke rebuilds
 * the diagnostics of the concerns it changed, and every other concern's are the very objects of
 * last time (compared by identity before publishing).
 */
export class ConcernDiagnosticsCache {
  private readonly byConcern = new WeakMap<ResolvedConcern, { docUri: string; folderUri: string; options: CodeDiagnosticOptions; entries: ConcernEntries }>();

  /** What the concern gave last time it was asked, whatever the document or settings (none if never). */
  peek(concern: ResolvedConcern): ConcernEntries {
    return this.byConcern.get(concern)?.entries ?? [];
  }

  entries(doc: IndexedDocument, concern: ResolvedConcern, options: CodeDiagnosticOptions): ConcernEntries {
    const hit = this.byConcern.get(concern);
    if (hit && hit.docUri === doc.uri && hit.folderUri === doc.folderUri && sameShape(hit.options, options)) return hit.entries;
    const severity = diagnosticSeverity(concern, options.severity);
    // Severity `off` for its category: nothing to publish.
    const entries = severity === undefined ? [] : concernEntries(doc, concern, severity, options);
    this.byConcern.set(concern, { docUri: doc.uri, folderUri: doc.folderUri, options, entries });
    return entries;
  }
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

/** "written about lines 11-14 at abc1234, which changed since the analysis". */
function onFileNote(loc: MappedLocation): string {
  return `written about ${formatRanges(loc.writtenRanges)} at ${shortSha(loc.baseline)}, which changed since the analysis past recognition`;
}

/** 0-based inclusive line spans; a whole-file reference is the first line. */
function linesOf(ranges: readonly LineRange[]): { start: number; end: number; wholeFile?: true }[] {
  if (ranges.length === 0) return [{ start: 0, end: 0, wholeFile: true }];
  return ranges.map((r) => ({ start: r.start - 1, end: Math.max(r.start, r.end) - 1 }));
}

/** A concern's diagnostic without its range and data: severity, source, code, message, link. */
function concernTemplate(doc: IndexedDocument, concern: ResolvedConcern, severity: DiagnosticSeverity): Omit<Diagnostic, 'range' | 'data'> {
  const summary = summaryOf(concern);
  const title = plainTitle(concern.title);
  return {
    severity,
    source: DIAGNOSTIC_SOURCE,
    // The code links to the concern itself, so a click in the Problems view opens it. A concern
    // no heading groups has no category: its code says only that it is a concern.
    code: concern.category || 'concern',
    codeDescription: { href: `${doc.uri}#L${concern.titleRange.start.line + 1}` },
    message: summary ? `${concern.resolved ? '(resolved) ' : ''}${title}: ${summary}` : title,
    relatedInformation: [{ location: { uri: doc.uri, range: concern.titleRange }, message: concern.category ? `${concern.category} › ${title}` : title }],
  };
}

/** The concern's Issue (or its first field) on one line, short enough for a Problems row. */
export function summaryOf(concern: ResolvedConcern): string {
  const field = summaryField(concern);
  if (!field) return '';
  const oneLine = field.text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}

/** The field a concern's diagnostic message summarises: its Issue (or the like), else its first with text. */
export function summaryField(concern: ResolvedConcern): Field | undefined {
  return SUMMARY_FIELDS.map((name) => concern.fields.find((f) => f.name === name && f.text)).find(Boolean) ?? concern.fields.find((f) => f.text && f.name !== 'files');
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
