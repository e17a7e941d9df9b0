/**
 * The concerns model: what a concerns document says, independent of any editor.
 *
 * Positions inside the concerns document are LSP positions (0-based line and UTF-16
 * character). Line numbers that a document *writes* about code (`(lines 83-98)`) are kept
 * as written: 1-based and inclusive.
 */
import type { Range } from 'vscode-languageserver-types';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** A span of lines in a referenced file, 1-based, inclusive; `end` may be `'end'` when written so. */
export interface LineRange {
  start: number;
  end: number;
  /** True when the document wrote `1235–end` or `1823+`: the range runs to the end of the file. */
  toEnd?: boolean;
}

export type ReferenceKind = 'file' | 'glob' | 'directory';

/** A file reference as written in the document, before it is resolved against a workspace. */
export interface Reference {
  /** The exact source text of the reference (the path, with its line spec when one was written). */
  text: string;
  /** The path as written, normalised: forward slashes, no leading `./`, no trailing line spec. */
  path: string;
  kind: ReferenceKind;
  /** Empty for a whole-file reference. */
  ranges: LineRange[];
  /** Stable name of the field it came from (`files`, `issue`, ...), or `title` / `body` / a table column. */
  field: string;
  /** Where the reference stands in the concerns document. */
  range: Range;
  /** Written in backticks (a path outside backticks only counts when it resolves). */
  quoted: boolean;
  /** Named in a fix-approach-like field as something to create; a missing file is then `proposed`. */
  inFixField: boolean;
  /** The words beside it say the file is not there ("No `.env.example`", "`x` does not exist"): a missing file is then `proposed`. */
  saidAbsent?: boolean;
  /** Identifier written beside the reference (`get_marks()` (line 46)), used to re-anchor. */
  symbol?: string;
}

export type ReferenceStatus = 'ok' | 'missing' | 'out-of-range' | 'no-match' | 'ambiguous' | 'proposed' | 'outside-workspace';

/** The problem statuses: the ones that get a diagnostic in the concerns document. */
export const PROBLEM_STATUSES: ReadonlySet<ReferenceStatus> = new Set(['missing', 'out-of-range', 'no-match']);

/** A reference after resolution against a workspace. */
export interface ResolvedReference extends Reference {
  status: ReferenceStatus;
  /** Workspace-relative paths (forward slashes) of the files it resolved to. */
  matches: string[];
  /** For `ambiguous` short names: every candidate. */
  candidates?: string[];
  /** True when `matches` (a glob's) or `candidates` (an ambiguous name's) was capped. */
  truncated?: boolean;
  /** Where the referenced code is now, followed through git history (drift); absent when not computed. */
  location?: MappedLocation;
}

/**
 * Where a referenced range is now relative to where it was written: `exact` (unchanged, same
 * lines), `moved` (same code, other lines or another path), `changed` (the lines were edited
 * since), `gone` (the file or the code was deleted), `unknown` (no git, or not allowed to run it).
 */
export type LocationState = 'exact' | 'moved' | 'changed' | 'gone' | 'unknown';

/** A reference's range followed from the commit it was written against to the working tree. */
export interface MappedLocation {
  state: LocationState;
  /** Workspace-relative path of the file now (the written one unless renamed). */
  path: string;
  /** Current 1-based inclusive ranges, one per written range still there (empty: whole file, or gone). */
  ranges: LineRange[];
  /** Workspace-relative path as written (resolved). */
  writtenPath: string;
  writtenRanges: LineRange[];
  /** The commit the line numbers were written against (full sha), when known. */
  baseline?: string;
  /** One line saying why (`file deleted`, `lines edited`, `re-anchored on get_marks`...). */
  note?: string;
  /**
   * `changed`, and no written range still holds a recognisable part of its code: the location is
   * the file as a whole (`ranges` empty), never lines the reference was not written about.
   */
  onFile?: true;
}

export interface Field {
  /** Stable name for well-known fields (`issue`, `files`, `fixApproach`, ...), else the label in camelCase. */
  name: string;
  /** The label exactly as written (`Fix approach`, `修复方案`). */
  label: string;
  /** The field's text, markdown stripped of its label, sub-bullets and code kept. */
  text: string;
  /** Where the whole field stands in the document. */
  range: Range;
}

export interface Concern<R extends Reference = Reference> {
  /** Stable while category and title stay the same. */
  id: string;
  category: string;
  /** A `###` group heading above bold-titled items, when there is one. */
  group?: string;
  title: string;
  /** The id the document gives the concern (`SEC-1`, `H2`, `C3`), written before its title; not part of `title`. */
  label?: string;
  severity?: Severity;
  resolved: boolean;
  /** The whole concern in the document (title through last field). */
  range: Range;
  /** The title's range in the document. */
  titleRange: Range;
  fields: Field[];
  references: R[];
}

export interface DocumentNote {
  /** Something the parser wants to tell the user about the document (truncated, empty, ...). */
  message: string;
  range: Range;
  severity: 'error' | 'warning' | 'info';
}

/** A value of the document's YAML frontmatter, as JSON can hold it. */
export type FrontmatterValue = string | number | boolean | null | FrontmatterValue[] | { [key: string]: FrontmatterValue };

export interface ConcernsDocument<R extends Reference = Reference> {
  title?: string;
  /** `YYYY-MM-DD`: the body's `**Analysis Date:**`, else the frontmatter's `last_mapped_at` (or the like). */
  analysisDate?: string;
  /** The commit the document was written against: the frontmatter's `last_mapped_commit`, else a `**Commit:**` line. */
  commit?: string;
  /** The top-level keys of the document's YAML frontmatter, when it has one that reads. */
  frontmatter?: Record<string, FrontmatterValue>;
  concerns: Concern<R>[];
  notes: DocumentNote[];
}

export type ResolvedConcern = Concern<ResolvedReference>;
export type ResolvedDocument = ConcernsDocument<ResolvedReference>;
