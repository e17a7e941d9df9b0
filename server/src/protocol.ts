/**
 * Custom requests, notifications and command ids, declared once for client and server (and tests).
 * Only types from vscode-languageserver-protocol are used, so both sides can import this file.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { WireTree } from './treeWire';

/** What the client tells the server when it starts it. */
export interface InitializationOptions {
  /** Workspace trust: in an untrusted workspace the server starts no process at all. */
  trusted: boolean;
  /**
   * A folder the editor gives the extension for its own files (VS Code's workspace storage):
   * the server keeps parsed documents there between runs, so an unchanged document is not parsed
   * again at start-up. Without it, nothing is kept.
   */
  storageDir?: string;
}

export interface IndexSummaryDocument {
  uri: string;
  path: string;
  folderUri: string;
  concerns: number;
  references: number;
  problems: number;
}

export interface IndexSummary {
  documents: IndexSummaryDocument[];
  /** Monotonic: bumps on every re-index, so clients can tell a fresh answer from a stale one. */
  version: number;
}

export const IndexSummaryRequest = {
  method: 'concerns/indexSummary',
  type: new RequestType0<IndexSummary, void>('concerns/indexSummary'),
} as const;

/** Sent after every re-index. */
export const IndexChangedNotification = {
  method: 'concerns/indexChanged',
  type: new NotificationType<{ version: number }>('concerns/indexChanged'),
} as const;

// ---- the Concerns view ------------------------------------------------------------------------

export type TreeSeverity = 'critical' | 'high' | 'medium' | 'low';

export interface TreeReference {
  /** As written in the document. */
  text: string;
  path: string;
  kind: 'file' | 'glob' | 'directory';
  status: string;
  /** 1-based inclusive line ranges as written; empty for a whole-file reference. */
  ranges: { start: number; end: number }[];
  /**
   * URIs of the first files it resolved to, at most `TREE_TARGETS_CAP` (a glob may match a
   * thousand); `targetCount` says how many there are. `concerns/concern` answers with all of them.
   */
  targets: string[];
  /** How many files it resolved to (may exceed `targets.length`). */
  targetCount: number;
  /**
   * Drift: where the code is relative to where it was written (`exact`, `moved`, `changed`:
   * edited since the analysis, `gone`); absent when unknown (no git or untrusted workspace).
   */
  state?: 'exact' | 'moved' | 'changed' | 'gone' | 'unknown';
  /**
   * Why drift is `unknown` (`history not available: shallow clone`, `object missing`,
   * `git failed: ...`), or that a `changed` reference's lines are no longer recognisable (it
   * then stands on the file as a whole).
   */
  driftNote?: string;
  /** Where the code is now when it drifted (`moved`/`changed`): path and 1-based inclusive ranges. */
  currentPath?: string;
  currentRanges?: { start: number; end: number }[];
  /** A URI to open at the current location (the renamed file, when renamed). */
  currentTarget?: string;
  /** Moved, changed or gone since a known commit: `concerns.showChanges` can show the code as it was. */
  showChanges?: true;
}

export interface TreeConcern {
  id: string;
  title: string;
  category: string;
  group?: string;
  severity?: TreeSeverity;
  resolved: boolean;
  /** Issue / Risk / Problem, one line. */
  summary: string;
  documentUri: string;
  /** The most telling drift state of its references (gone > changed > moved > exact); absent when unknown. */
  driftState?: 'exact' | 'moved' | 'changed' | 'gone';
  /** How many distinct files its references resolved to. */
  fileCount: number;
  references: TreeReference[];
}

export interface TreeDocument {
  uri: string;
  /** Workspace-relative path. */
  path: string;
  folderUri: string;
  folderName: string;
  analysisDate?: string;
  concerns: TreeConcern[];
}

export interface TreeData {
  version: number;
  documents: TreeDocument[];
}

/**
 * What a client of `concerns/tree` already holds: the stamps of the packed concerns it was sent
 * (`WireConcern.stamp`) by the server whose `epoch` they came with, as runs
 * `[start, length, start, length, ...]` (stamps `start` to `start + length - 1`). The answer sends
 * each of those concerns as its stamp alone.
 */
export interface TreeParams {
  epoch: string;
  held: number[];
}

/**
 * The whole index, small enough to send on every re-index: a reference carries its first
 * `TREE_TARGETS_CAP` files and their count; the rest comes from `concerns/concern` (one concern,
 * every file) and `concerns/files` (which concerns name which files). Sent packed (`packTree` in
 * treeWire.ts: what each concern repeats is left out); `unpackTree` gives the `TreeData` back.
 *
 * Params are optional: without (a parameterless request, or null), every concern travels in full,
 * with its stamp. With `TreeParams`, the concerns the client holds travel as their stamp alone
 * (`deltaTree`), and its `TreeStore` puts them back; one it does not hold means: ask again
 * without params. Stamps of another epoch (a restarted server) are ignored: a full answer.
 */
export const TreeRequest = {
  method: 'concerns/tree',
  type: new RequestType<TreeParams | null | undefined, WireTree, void>('concerns/tree'),
} as const;

/** The most `targets` a reference carries in `concerns/tree`. */
export const TREE_TARGETS_CAP = 20;

/** Lines of a file, 1-based and inclusive. */
export interface LineSpan {
  start: number;
  end: number;
}

export interface FileConcernsParams {
  /** A file's URI: only the concerns naming it. Absent: every file some concern names. */
  uri?: string;
}

/**
 * Which concerns name which files, where their code is now: the same index that puts diagnostics
 * and hovers on the code (drift followed, directories and broken references left out; resolved
 * concerns included). Compact, because a glob may put one concern on a thousand files.
 */
export interface FileConcerns {
  version: number;
  /** File URIs, referred to by their index below. */
  files: string[];
  documents: {
    uri: string;
    concerns: {
      id: string;
      /** Indexes into `files`. */
      files: number[];
      /** The lines named in a file, by its index into `files`; a file absent here is named whole. */
      lines?: Record<number, LineSpan[]>;
    }[];
  }[];
}

export const FileConcernsRequest = {
  method: 'concerns/files',
  type: new RequestType<FileConcernsParams, FileConcerns, void>('concerns/files'),
} as const;

/** One concern as markdown (for "Copy concern as markdown"), by id within a document. */
export interface ConcernParams {
  documentUri: string;
  concernId: string;
}

export interface ConcernDetails {
  /** The concern, every reference with all its `targets` (not capped as in the tree). */
  concern: TreeConcern;
  /** The concern's title in the document (positions go stale as the document is edited: ask again). */
  titleRange: Range;
  /** The fix-approach-like field, when there is one. */
  fixRange?: Range;
  /** The concern's text exactly as the document has it. */
  markdown: string;
}

export const ConcernRequest = {
  method: 'concerns/concern',
  type: new RequestType<ConcernParams, ConcernDetails | null, void>('concerns/concern'),
} as const;

/**
 * The edit that marks a concern resolved, computed against the document version the server
 * holds (versioned, so the editor refuses it if the text changed meanwhile); null when the
 * concern is already resolved or gone.
 */
export const MarkResolvedRequest = {
  method: 'concerns/markResolvedEdit',
  type: new RequestType<ConcernParams, WorkspaceEdit | null, void>('concerns/markResolvedEdit'),
} as const;

/** Commands the server names in hovers, code actions and code lenses; the client implements them. */
export const Commands = {
  openConcern: 'concerns.openConcern',
  goToFixApproach: 'concerns.goToFixApproach',
  revealInView: 'concerns.revealInView',
  markResolved: 'concerns.markResolved',
  copyConcern: 'concerns.copyConcern',
  openReference: 'concerns.openReference',
  showChanges: 'concerns.showChanges',
} as const;

// ---- show changes since the analysis -----------------------------------------------------------

/** One reference of a concern: its place among the concern's references (0-based). */
export interface ReferenceParams extends ConcernParams {
  index: number;
}

/**
 * A file as drift mapped it: a workspace-relative path some reference was written against, at
 * that reference's baseline (a full commit sha). Anything else is refused.
 */
export interface BaselinePathParams {
  folderUri: string;
  path: string;
  baseline: string;
}

export type BaselineTextParams = ReferenceParams | BaselinePathParams;

/** The file as it was at the baseline, and where its code is now. */
export interface BaselineTextFound {
  text: string;
  folderUri: string;
  /** Workspace-relative path at the baseline (as written, resolved). */
  path: string;
  /** Full sha of the commit the lines were written against. */
  baseline: string;
  state: 'exact' | 'moved' | 'changed' | 'gone';
  /** The lines as written, in the baseline text (1-based, inclusive). */
  writtenRanges: LineSpan[];
  /** The working tree file (absent when gone) and the lines there now. */
  currentUri?: string;
  currentPath?: string;
  ranges: LineSpan[];
}

/** Why the baseline text cannot be shown, in a sentence for the user. */
export interface BaselineTextRefused {
  error: string;
}

export type BaselineText = BaselineTextFound | BaselineTextRefused;

/**
 * The referenced file's text at the commit its lines were written against ("Show changes since
 * the analysis"): read by the server with git, only for a reference drift followed (by its
 * identity, or by a path and sha drift mapped), size-capped; in an untrusted workspace, refused.
 */
export const BaselineTextRequest = {
  method: 'concerns/baselineText',
  type: new RequestType<BaselineTextParams, BaselineText, void>('concerns/baselineText'),
} as const;

/** Arguments of `concerns.showChanges` (from hovers, quick fixes and the view). */
export type ShowChangesArgs = ReferenceParams;

/**
 * Commands the server itself executes (`workspace/executeCommand`; the language client registers
 * them): "Update line numbers" of one concern, or of the whole document without `concernId`.
 */
export const ServerCommands = {
  updateLineNumbers: 'concerns.server.updateLineNumbers',
} as const;

export interface UpdateLineNumbersArgs {
  documentUri: string;
  concernId?: string;
}

/** Arguments of the concern commands: which concern, in which document. */
export interface ConcernCommandArgs {
  documentUri: string;
  concernId: string;
}

/**
 * Diagnostics of the server itself, for tests (and a bug report): its process id (the in-editor
 * crash test kills it), how many index passes ran, and what waits. Not used by the extension.
 */
export interface DebugInfo {
  pid: number;
  passes: number;
  passRunning: boolean;
  pendingDocs: number;
  pendingFileEvents: number;
  /** Documents restored from the parse cache whose parser caches are still being warmed. */
  warming: number;
  heapUsed: number;
  /** `process.memoryUsage()` in bytes: where the resident memory is (V8 heap, buffers, the rest). */
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

export const DebugInfoRequest = {
  method: 'concerns/debugInfo',
  type: new RequestType0<DebugInfo, void>('concerns/debugInfo'),
} as const;
