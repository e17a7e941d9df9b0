/**
 * What `concerns check` reports, computed from resolved (and drift-followed) documents: broken
 * references, drifted code, and the concerns a change touches. Pure: the CLI gathers the inputs
 * (documents, drift, the change since a revision) and the formatters (text, JSON, SARIF, GitHub
 * workflow commands) print the same findings.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LineRange, ResolvedConcern, ResolvedDocument, ResolvedReference, Severity } from '../model';
import { diagnosticSeverity } from '../features/severity';
import { fixField } from '../features/fixField';
import { rangeTouched, type FileChangeSince } from './touched';
import { placeKey } from '../features/placeKey';

export type FindingKind = 'missing' | 'out-of-range' | 'no-match' | 'changed' | 'gone' | 'touched';
/** What `--fail-on` names: the three broken kinds are one group. */
export type FindingGroup = 'broken' | 'changed' | 'gone' | 'touched';
export type FindingLevel = 'error' | 'warning' | 'information' | 'hint';

export const FINDING_GROUPS: readonly FindingGroup[] = ['broken', 'changed', 'gone', 'touched'];
export const FINDING_LEVELS: readonly FindingLevel[] = ['hint', 'information', 'warning', 'error'];

export interface FindingConcern {
  id: string;
  category: string;
  title: string;
  severity?: Severity;
  /** The fix-approach-like field's label and text, when the concern has one. */
  fix?: { label: string; text: string };
}

export interface Finding {
  kind: FindingKind;
  group: FindingGroup;
  /** Broken references are the document's problems (warning); the rest take the concern's severity. */
  level: FindingLevel;
  /** Workspace-relative path of the concerns document. */
  documentPath: string;
  concern: FindingConcern;
  /** The reference as written: its text, path, and the 1-based line of the document it stands on. */
  reference: { text: string; path: string; documentLine: number };
  /** Where it shows: a workspace-relative file and 1-based inclusive lines (none: the whole file). */
  at: { path: string; startLine?: number; endLine?: number };
  /** One line: what was found. */
  message: string;
}

export interface CheckDocument {
  path: string;
  model: ResolvedDocument;
}

export interface FindingsInput {
  documents: readonly CheckDocument[];
  /** Whether drift states can be trusted (git answered); when not, no drift finding is made. */
  driftKnown: boolean;
  /** With `--since`: the change of each file some reference names (absent: untouched). */
  changes?: ReadonlyMap<string, FileChangeSince>;
}

/** Every finding, in document order: per concern, broken references, then drift, then touched. */
export function computeFindings(input: FindingsInput): Finding[] {
  const findings: Finding[] = [];
  for (const doc of input.documents) {
    // A reference several concerns share is broken once (see `placeKey`).
    const broken = new Set<string>();
    for (const concern of doc.model.concerns) {
      const about = concernOf(concern);
      const touchedKeys = new Set<string>();
      for (const ref of concern.references) {
        const reference = { text: ref.text, path: ref.path, documentLine: ref.range.start.line + 1 };
        const base = { documentPath: doc.path, concern: about, reference };
        const place = placeKey(ref.range);
        if ((ref.status === 'missing' || ref.status === 'out-of-range' || ref.status === 'no-match') && !broken.has(place)) {
          broken.add(place);
          findings.push({ ...base, kind: ref.status, group: 'broken', level: 'warning', at: { path: doc.path, startLine: reference.documentLine, endLine: reference.documentLine }, message: brokenMessage(ref) });
        }
        if (concern.resolved) continue;
        const level = levelOf(concern);
        const loc = input.driftKnown ? ref.location : undefined;
        if (loc?.state === 'changed') {
          findings.push({ ...base, kind: 'changed', group: 'changed', level, at: placeOf(loc.path, loc.ranges), message: `Code changed since the analysis: ${writtenPlace(loc.writtenPath, loc.writtenRanges)}${loc.note ? ` (${loc.note})` : ''}` });
        } else if (loc?.state === 'gone') {
          findings.push({ ...base, kind: 'gone', group: 'gone', level, at: { path: doc.path, startLine: reference.documentLine, endLine: reference.documentLine }, message: `Code gone since the analysis: ${writtenPlace(loc.writtenPath, loc.writtenRanges)}${loc.note ? ` (${loc.note})` : ''}` });
        }
        if (!input.changes) continue;
        for (const place of touchedPlaces(ref, input.changes, input.driftKnown)) {
          const key = `${place.at.path}:${place.at.startLine ?? ''}-${place.at.endLine ?? ''}`;
          if (touchedKeys.has(key)) continue;
          touchedKeys.add(key);
          findings.push({ ...base, kind: 'touched', group: 'touched', level, at: place.at, message: place.message });
        }
      }
    }
  }
  return findings;
}

/** Where a reference's code is now and whether the change edits it; the lines as written only when drift is known to agree. */
function touchedPlaces(ref: ResolvedReference, changes: ReadonlyMap<string, FileChangeSince>, driftKnown: boolean): { at: Finding['at']; message: string }[] {
  const loc = ref.location;
  const out: { at: Finding['at']; message: string }[] = [];
  if (loc && loc.state !== 'unknown' && driftKnown) {
    if (loc.state === 'gone') {
      const change = changes.get(loc.writtenPath);
      if (change?.change === 'deleted') out.push({ at: { path: loc.writtenPath }, message: `This change deletes ${loc.writtenPath}, which the concern names` });
      return out;
    }
    const change = changes.get(loc.path);
    if (!change) return out;
    const ranges = loc.ranges.length > 0 ? loc.ranges : [];
    if (ranges.length === 0) out.push({ at: { path: loc.path }, message: `This change edits ${loc.path}, which the concern names` });
    for (const range of ranges) if (rangeTouched(change, range)) out.push({ at: placeOf(loc.path, [range]), message: `This change edits ${linesText(range)} of ${loc.path}, which the concern names` });
    return out;
  }
  if (ref.status !== 'ok' && ref.status !== 'out-of-range') return out;
  for (const path of ref.matches) {
    const change = changes.get(path);
    if (!change) continue;
    if (ref.ranges.length === 0) out.push({ at: { path }, message: `This change edits ${path}, which the concern names` });
    // Without drift the written lines may not be where the code is now: the file as a whole.
    else out.push({ at: { path }, message: `This change edits ${path}, which the concern names at ${ref.ranges.map(linesText).join(', ')} (where those lines are now is unknown)` });
  }
  return out;
}

export function concernOf(concern: ResolvedConcern): FindingConcern {
  const about: FindingConcern = { id: concern.id, category: concern.category, title: concern.title };
  if (concern.severity) about.severity = concern.severity;
  const fix = fixField(concern);
  if (fix) about.fix = { label: fix.label, text: fix.text };
  return about;
}

/** The concern's diagnostic severity as a finding level (a category set `off` still reports, as a hint). */
export function levelOf(concern: ResolvedConcern): FindingLevel {
  switch (diagnosticSeverity(concern)) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    default:
      return 'hint';
  }
}

function brokenMessage(ref: ResolvedReference): string {
  switch (ref.status) {
    case 'missing':
      return `Referenced file not found: ${ref.path}`;
    case 'out-of-range':
      return `Lines past the end of ${ref.path}: ${ref.ranges.map(linesText).join(', ')}`;
    default:
      return `Glob matches no file: ${ref.path}`;
  }
}

function placeOf(path: string, ranges: readonly LineRange[]): Finding['at'] {
  const first = ranges[0];
  if (!first) return { path };
  const last = ranges[ranges.length - 1]!;
  return { path, startLine: first.start, endLine: Math.max(first.start, last.end) };
}

function writtenPlace(path: string, ranges: readonly LineRange[]): string {
  return ranges.length === 0 ? path : `${path} ${ranges.map(linesText).join(', ')}`;
}

export function linesText(range: LineRange): string {
  return range.start === range.end && !range.toEnd ? `line ${range.start}` : `lines ${range.start}-${range.toEnd ? 'end' : range.end}`;
}

/** What `--fail-on` chose: the groups that count (empty: all) and the least level that counts. */
export interface FailOn {
  groups: ReadonlySet<FindingGroup>;
  minLevel?: FindingLevel;
}

/** The findings that fail the run under `failOn`. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn.groups.size === 0 && failOn.minLevel === undefined) return [];
  const least = failOn.minLevel ? FINDING_LEVELS.indexOf(failOn.minLevel) : 0;
  return findings.filter((f) => (failOn.groups.size === 0 || failOn.groups.has(f.group)) && FINDING_LEVELS.indexOf(f.level) >= least);
}
