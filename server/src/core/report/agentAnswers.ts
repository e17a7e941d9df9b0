/**
 * What the MCP tools answer a coding agent, computed from the resolved (and drift-followed)
 * documents: concerns touching a file or line, a filtered page of concerns, one concern in full,
 * and a pre-edit check of the paths an agent is about to change. Answers are sized for a model:
 * pages, capped lists and capped texts, each saying what was left out.
 */
import type { LineRange, LocationState, ResolvedConcern, ResolvedDocument, ResolvedReference } from '../model';
import { SourceText } from '../parse/source';
import { concernOf, levelOf, linesText, type FindingLevel } from './findings';

export interface AgentDocument {
  path: string;
  model: ResolvedDocument;
  text: string;
}

/** Characters of one field's text in an answer. */
export const MAX_FIELD_CHARS = 1500;
/** Characters of a concern's markdown in `get_concern`. */
export const MAX_MARKDOWN_CHARS = 8000;
/** Concerns in one page of `list_concerns`. */
export const MAX_PAGE = 50;
/** Concerns of one file in `concerns_for_file` and `check_paths` (each with its fields). */
export const MAX_PER_FILE = 20;
/** Characters of one field's text where many concerns are listed with their fields. */
export const MAX_LISTED_FIELD_CHARS = 500;

export interface ReferenceView {
  text: string;
  field: string;
  status: string;
  written: { path: string; lines: string | null };
  /** Where the code is now: followed through git (`state`), or `unknown` (with why) when it could not be. */
  now: { state: LocationState | 'not followed'; path: string | null; lines: string | null; note?: string };
}

export interface ConcernBrief {
  id: string;
  document: string;
  /** 1-based line of the concern's title in the document. */
  line: number;
  category: string;
  title: string;
  severity: string | null;
  level: FindingLevel;
  resolved: boolean;
}

/** One reference as an agent needs it: as written, and where its code is now. */
export function referenceView(ref: ResolvedReference): ReferenceView {
  const view: ReferenceView = { text: ref.text, field: ref.field, status: ref.status, written: { path: ref.path, lines: rangesText(ref.ranges) }, now: { state: 'not followed', path: ref.matches.length === 1 ? ref.matches[0]! : null, lines: null } };
  const loc = ref.location;
  if (loc) {
    view.now = { state: loc.state, path: loc.state === 'gone' ? null : loc.path, lines: loc.state === 'unknown' || loc.state === 'gone' ? null : rangesText(loc.ranges) };
    if (loc.note) view.now.note = loc.note;
  }
  return view;
}

export function briefOf(doc: AgentDocument, concern: ResolvedConcern): ConcernBrief {
  return { id: concern.id, document: doc.path, line: concern.titleRange.start.line + 1, category: concern.category, title: concern.title, severity: concern.severity ?? null, level: levelOf(concern), resolved: concern.resolved };
}

/** The files and lines a reference's code is at now: followed when drift knows, else as written (lines unknown). */
function currentPlaces(ref: ResolvedReference): { path: string; ranges: readonly LineRange[] | 'whole' | 'unknown' }[] {
  const loc = ref.location;
  if (loc && loc.state !== 'unknown') {
    if (loc.state === 'gone') return [];
    return [{ path: loc.path, ranges: loc.ranges.length > 0 ? loc.ranges : 'whole' }];
  }
  if (ref.status !== 'ok' && ref.status !== 'out-of-range') return [];
  // Not followed: a line range as written may not be where the code is now.
  return ref.matches.map((path) => ({ path, ranges: ref.ranges.length === 0 ? 'whole' : loc?.state === 'unknown' ? 'unknown' : ref.ranges }));
}

/** Whether a reference's code is in `path` (and on `line`, when given; a range drift could not place counts for the whole file). */
function refTouches(ref: ResolvedReference, path: string, line?: number): boolean {
  return currentPlaces(ref).some((p) => {
    if (p.path !== path) return false;
    if (line === undefined || p.ranges === 'whole' || p.ranges === 'unknown') return true;
    return p.ranges.some((r) => line >= r.start && (r.toEnd || line <= Math.max(r.start, r.end)));
  });
}

export interface TouchingAnswer {
  path: string;
  line: number | null;
  total: number;
  /** How many were left out of `concerns` (at most {@link MAX_PER_FILE} are listed). */
  omitted: number;
  concerns: (ConcernBrief & { fix: string | null; fields: { label: string; text: string }[]; references: ReferenceView[] })[];
}

/** The concerns whose code is in a file (on a line); resolved ones only when asked for. */
export function concernsTouching(docs: readonly AgentDocument[], path: string, line?: number, includeResolved = false): TouchingAnswer {
  const all: TouchingAnswer['concerns'] = [];
  for (const doc of docs) {
    for (const concern of doc.model.concerns) {
      if (concern.resolved && !includeResolved) continue;
      const refs = concern.references.filter((r) => refTouches(r, path, line));
      if (refs.length === 0) continue;
      const fix = concernOf(concern).fix;
      const fields = concern.fields.filter((f) => f.name !== 'files').map((f) => ({ label: f.label, text: cap(f.text, MAX_LISTED_FIELD_CHARS) }));
      all.push({ ...briefOf(doc, concern), fix: fix ? cap(fix.text, MAX_FIELD_CHARS) : null, fields, references: refs.map(referenceView) });
    }
  }
  const shown = all.slice(0, MAX_PER_FILE);
  return { path, line: line ?? null, total: all.length, omitted: all.length - shown.length, concerns: shown };
}

export interface ConcernFilter {
  category?: string;
  severity?: string;
  /** A drift state: some reference of the concern is in it. */
  state?: LocationState;
  /** Some reference's file (now, or as written) passes this test (a path glob, compiled by the caller). */
  pathTest?: (path: string) => boolean;
  /** Case-insensitive text in the title or a field. */
  text?: string;
  includeResolved?: boolean;
}

export interface ListAnswer {
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  concerns: (ConcernBrief & { files: string[]; states: Partial<Record<LocationState, number>> })[];
}

export function listConcerns(docs: readonly AgentDocument[], filter: ConcernFilter, offset: number, limit: number): ListAnswer {
  const text = filter.text?.toLowerCase();
  const matched: ListAnswer['concerns'] = [];
  for (const doc of docs) {
    for (const concern of doc.model.concerns) {
      if (concern.resolved && !filter.includeResolved) continue;
      if (filter.category && !concern.category.toLowerCase().includes(filter.category.toLowerCase()) && !(concern.group ?? '').toLowerCase().includes(filter.category.toLowerCase())) continue;
      if (filter.severity && concern.severity !== filter.severity.toLowerCase() && levelOf(concern) !== filter.severity.toLowerCase()) continue;
      if (filter.state && !concern.references.some((r) => r.location?.state === filter.state)) continue;
      const files = [...new Set(concern.references.flatMap((r) => currentPlaces(r).map((p) => p.path).concat(r.matches)))];
      if (filter.pathTest && !files.some(filter.pathTest) && !concern.references.some((r) => filter.pathTest!(r.path))) continue;
      if (text && !concern.title.toLowerCase().includes(text) && !concern.fields.some((f) => f.text.toLowerCase().includes(text))) continue;
      const states: Partial<Record<LocationState, number>> = {};
      for (const r of concern.references) if (r.location) states[r.location.state] = (states[r.location.state] ?? 0) + 1;
      matched.push({ ...briefOf(doc, concern), files: files.slice(0, 10), states });
    }
  }
  const size = Math.max(1, Math.min(limit, MAX_PAGE));
  const page = matched.slice(offset, offset + size);
  return { total: matched.length, offset, limit: size, nextOffset: offset + page.length < matched.length ? offset + page.length : null, concerns: page };
}

export interface FullConcern extends ConcernBrief {
  group: string | null;
  fields: { name: string; label: string; text: string }[];
  references: ReferenceView[];
  markdown: string;
}

/** One concern in full (capped texts); the id may be shared by documents: then `document` must say which. */
export function getConcern(docs: readonly AgentDocument[], id: string, document?: string): FullConcern | { error: string } {
  const hits = docs.flatMap((doc) => doc.model.concerns.filter((c) => c.id === id).map((concern) => ({ doc, concern }))).filter((h) => document === undefined || h.doc.path === document);
  if (hits.length === 0) return { error: `no concern with id '${id}'${document ? ` in ${document}` : ''} (ids come from list_concerns or concerns_for_file)` };
  if (hits.length > 1) return { error: `the id '${id}' is in several documents (${hits.map((h) => h.doc.path).join(', ')}): give document` };
  const { doc, concern } = hits[0]!;
  return {
    ...briefOf(doc, concern),
    group: concern.group ?? null,
    fields: concern.fields.map((f) => ({ name: f.name, label: f.label, text: cap(f.text, MAX_FIELD_CHARS) })),
    references: concern.references.slice(0, 100).map(referenceView),
    markdown: cap(new SourceText(doc.text).textIn(concern.range).trimEnd(), MAX_MARKDOWN_CHARS),
  };
}

export interface PreEditAnswer {
  /** One sentence for the agent: what editing these paths walks into. */
  summary: string;
  paths: { path: string; concerns: (ConcernBrief & { lines: string | null; fix: string | null })[]; omitted: number }[];
}

/** Before editing `paths`: the open concerns whose code is in each, with where and how to fix them. */
export function preEditCheck(docs: readonly AgentDocument[], paths: readonly string[]): PreEditAnswer {
  const seen = new Set<string>();
  const out: PreEditAnswer['paths'] = [];
  for (const path of paths) {
    const hits = concernsTouching(docs, path);
    out.push({
      path,
      omitted: hits.omitted,
      concerns: hits.concerns.map((c) => {
        seen.add(`${c.document}\u0000${c.id}`);
        const lines = c.references.map((r) => r.now.lines).filter((l): l is string => l !== null);
        return { id: c.id, document: c.document, line: c.line, category: c.category, title: c.title, severity: c.severity, level: c.level, resolved: c.resolved, lines: lines.length > 0 ? lines.join(', ') : null, fix: c.fix };
      }),
    });
  }
  const count = seen.size;
  const withAny = out.filter((p) => p.concerns.length > 0).length;
  const summary = count === 0 ? `No open concern names ${paths.length === 1 ? 'this path' : 'these paths'}.` : `${count} open concern${count === 1 ? '' : 's'} name${count === 1 ? 's' : ''} ${withAny} of the ${paths.length} path${paths.length === 1 ? '' : 's'}: read each one's fix approach before editing, and keep the documented risk in mind.`;
  return { summary, paths: out };
}

function rangesText(ranges: readonly LineRange[]): string | null {
  return ranges.length === 0 ? null : ranges.map(linesText).join(', ');
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters; see the concerns document)`;
}
