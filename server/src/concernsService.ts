import * as path from 'node:path';
import type { Connection, Diagnostic, FileEvent, WorkspaceFolder } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { CodeDiagnosticsLedger, type CodeDiagnosticOptions, type ConcernDiagnosticData } from './core/features/diagnostics';
import { placeOnText } from './core/features/firstLine';
import { PublishedFields } from './core/features/locatingFields';
import { LocationIndex } from './core/features/locations';
import { sameDiagnostics } from './core/features/sameDiagnostics';
import { documentDiagnostics } from './core/features/documentDiagnostics';
import type { IndexedDocument } from './core/features/indexedDocument';
import { PROBLEM_STATUSES } from './core/model';
import { parseConcernsDocument } from './core/parse/document';
import { editorText } from './core/parse/preprocess';
import { resolveDocument, reusableConcerns } from './core/resolve/document';
import { writtenKey } from './core/resolve/ranges';
import { ReferenceResolver } from './core/resolve/resolver';
import { injectFault } from './faults';
import { describe } from './guard';
import { MarkPlacements } from './markPlacements';
import type { FoundDocument } from './node/discovery';
import type { FsWorkspace } from './node/fsWorkspace';
import { IndexChangedNotification, type IndexSummary } from './protocol';
import type { OpenDocuments } from './openDocuments';
import type { ParseStore } from './parseStore';
import { ParseWarmer } from './parseWarmer';
import type { Runtime } from './runtime';
import type { ServerSettings, SettingsCache } from './settings';
import { minimatch } from 'minimatch';
import { driftDiagnostics } from './core/drift/documentDrift';
import { linkableMentions, mentionsOf } from './core/features/mentions';
import type { ConcernsDocument, MappedLocation, ResolvedConcern, ResolvedReference } from './core/model';
import { DriftEngine, textHash } from './node/git/drift';

export interface Folder {
  uri: string;
  fsPath: string;
  workspace: FsWorkspace;
  resolver: ReferenceResolver;
  found: FoundDocument[];
  docs: Map<string, IndexedDocument>;
  name: string;
  settings: ServerSettings | undefined;
  /** Follows references through git history; only in a trusted workspace (git runs). */
  drift?: DriftEngine;
}

/**
 * An edited document keeps, until the background drift pass has run on its new text, the locations
 * its references had before when they are written the same on the same line: a keystroke then
 * neither flickers every diagnostic back to the written lines nor costs a second full publish
 * when drift comes back unchanged. Only concerns resolved afresh are given them (they are not
 * shared yet); concerns kept from the last pass already carry theirs.
 */
function carryDrift(replaced: readonly ResolvedConcern[], fresh: readonly ResolvedConcern[]): void {
  if (replaced.length === 0 || fresh.length === 0) return;
  const key = (ref: ResolvedReference) => `${ref.range.start.line}\u0000${writtenKey(ref)}`;
  const before = new Map<string, MappedLocation>();
  for (const concern of replaced) for (const ref of concern.references) if (ref.location) before.set(key(ref), ref.location);
  if (before.size === 0) return;
  for (const concern of fresh) {
    for (const ref of concern.references) {
      const location = before.get(key(ref));
      if (location) ref.location = location;
    }
  }
}

function sameLocation(a: MappedLocation | undefined, b: MappedLocation | undefined): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Where one pass spent its time (ms). */
interface PassTiming {
  started: number;
  discover: number;
  parse: number;
  resolve: number;
  publish: number;
  /** Documents whose model came from the parse store. */
  restored: number;
}

function passTiming(started: number): PassTiming {
  return { started, discover: 0, parse: 0, resolve: 0, publish: 0, restored: 0 };
}

/** Passes slower than this are logged with their timing. */
const SLOW_PASS_MS = 500;

/** Work waiting for the next pass. */
interface Batch {
  all: boolean;
  docs: Set<string>;
  files: FileEvent[];
  /** Open code files edited since their last save: their diagnostics move with the edits. */
  republish: Set<string>;
  reresolve: boolean;
}

/** How long edits and file events are gathered before one re-index runs. */
const COALESCE_MS = 15;
/** Work arriving closer together than this (40 a second: faster than anyone types) is a burst. */
const BURST_GAP_MS = 25;
/** While work keeps arriving (typing, a branch switch), index passes start at most this often. */
const MIN_PASS_INTERVAL_MS = 100;
/** How long the document must be left alone before drift follows it again. */
const DRIFT_DELAY_MS = 300;
/** Files whose marks are placed (read) per step in the background, between other work. */
const PLACE_SLICE = 50;

/**
 * The index of every concerns document in the workspace, kept true as documents, files and
 * settings change, and the diagnostics it publishes. Work is coalesced: a burst of edits or
 * file events becomes one pass.
 */
export class ConcernsService {
  private folders: Folder[] = [];
  private version = 0;
  /** What was last sent per URI, to send only what changed and to clear what is gone. */
  private readonly published = new Map<string, Diagnostic[]>();
  private pending: Batch = { all: false, docs: new Set<string>(), files: [], republish: new Set<string>(), reresolve: false };
  /** Built on first use after each re-index (hovers, code actions): a keystroke does not pay for it. */
  private locations: LocationIndex | undefined = new LocationIndex([]);
  /** File URIs by folder and relative path: thousands of files are published on every pass. */
  private readonly uris = new Map<string, Map<string, string>>();
  /** Each folder's code diagnostics, kept up to date concern by concern. */
  private readonly ledgers = new Map<string, CodeDiagnosticsLedger>();
  /** What each folder's ledger puts on each file (URI), exclusions applied, before edit shifts. */
  private readonly codeByFolder = new Map<string, Map<string, Diagnostic[]>>();
  /** Each concerns document's own diagnostics (broken references, notes, drift). */
  private readonly docDiagnostics = new Map<string, Diagnostic[]>();
  /** Where the marks of files that are not open sit on their text (read from disk, in the background past a budget). */
  private readonly placements = new MarkPlacements();
  private placing = false;
  /** The next publish builds and compares every file (start-up, settings or folders changed). */
  private publishEverything = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private passRunning = false;
  private lastPassStart = 0;
  private lastPassEnd = 0;
  /** When work last arrived, and how long after the work before it. */
  private lastWorkAt = 0;
  private workGap = Infinity;
  private passes = 0;
  /** Drift per document: the text it was computed on and each reference's location (flattened order). */
  private readonly driftByDoc = new Map<string, { hash: string; locations: (MappedLocation | undefined)[] }>();
  private driftTimer: ReturnType<typeof setTimeout> | undefined;
  private driftRunning: Promise<void> = Promise.resolve();
  private driftPoll: ReturnType<typeof setInterval> | undefined;
  private readonly driftSignatures = new Map<string, string>();
  /** The running pass's timing (indexDocument adds to it). */
  private timing: PassTiming = passTiming(0);
  /** Per document: its text, the parse its model was resolved from (index-aligned concerns), and against which files. */
  private readonly parsedByDoc = new Map<string, { text: string; parsed: ConcernsDocument; generation: number; root: string }>();
  /** The document's mentions (see `mentions`), by the model they were worked out for. */
  private readonly mentionsByModel = new WeakMap<object, { generation: number; mentions: readonly ResolvedReference[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
    private readonly documents: OpenDocuments,
    private readonly settings: SettingsCache,
    private readonly allowProcesses: boolean,
    private readonly parseStore?: ParseStore,
  ) {}

  /** Warms the parser for documents restored from the store, slice by slice between requests. */
  private readonly warmer = new ParseWarmer();

  /** Writes what the parse store holds (the server is shutting down). */
  flush(): void {
    this.parseStore?.flush();
  }

  setFolders(folders: readonly WorkspaceFolder[]): void {
    const log = (message: string) => this.connection.console.log(message);
    this.folders = folders.map((f) => {
      const fsPath = URI.parse(f.uri).fsPath;
      const workspace = this.runtime.createWorkspace(fsPath, this.allowProcesses, log);
      const folder: Folder = { uri: f.uri, fsPath, workspace, resolver: new ReferenceResolver(workspace), found: [], docs: new Map(), name: f.name, settings: undefined };
      // Untracked files listed after the first pass: resolve again (globs and short names may match them).
      workspace.onFilesAdded = () => this.schedule({ reresolve: true });
      // Drift runs git: never in an untrusted workspace (states stay unknown, written lines are used).
      if (this.allowProcesses) {
        folder.drift = new DriftEngine(
          fsPath,
          (rel) => this.runtime.readCodeFile(fsPath, path.join(fsPath, rel)),
          // Already stat'ed when its reference was resolved: a look-up, not a read.
          (rel) => workspace.stat(rel)?.type === 'file',
          // Why references are unknown (a shallow clone, an object missing), once per cause.
          log,
        );
      }
      return folder;
    });
    this.schedule({ all: true });
    this.startDriftPoll();
  }

  /** Everything again: start-up, settings changed, folders changed. */
  reindexAll(): void {
    for (const folder of this.folders) folder.workspace.reset();
    this.placements.clear();
    this.schedule({ all: true });
  }

  documentChanged(uri: string, kind: 'open' | 'change' | 'close' | 'save'): void {
    if (this.isConcernsDocument(uri)) {
      // Opening a document whose text is the one indexed changes nothing: no pass (it made one
      // more, identical, index version that raced requests made just before).
      if (kind === 'open' && this.documents.get(uri)?.getText() === this.parsedByDoc.get(uri)?.text) return;
      this.schedule({ doc: uri });
    }
    // Edits in a referenced code file move its diagnostics with the code; saving resets that.
    else if (kind === 'change' || kind === 'save' || kind === 'close') {
      if (this.folders.some((f) => this.locationIndex.inFile(f.uri, this.relativeTo(f, uri) ?? '').length > 0)) this.schedule({ republish: uri });
    }
  }

  filesChanged(events: FileEvent[]): void {
    this.schedule({ files: events });
  }

  isConcernsDocument(uri: string): boolean {
    return this.folders.some((f) => f.docs.has(uri));
  }

  summary(): IndexSummary {
    const documents = this.folders.flatMap((folder) =>
      [...folder.docs.values()].map((doc) => {
        const refs = doc.model.concerns.flatMap((c) => c.references);
        return {
          uri: doc.uri,
          path: doc.path,
          folderUri: folder.uri,
          concerns: doc.model.concerns.length,
          references: refs.length,
          problems: refs.filter((r) => PROBLEM_STATUSES.has(r.status)).length,
        };
      }),
    );
    return { documents, version: this.version };
  }

  indexedDocuments(): IndexedDocument[] {
    return this.folders.flatMap((f) => [...f.docs.values()]);
  }

  // ---- scheduling ----------------------------------------------------------------------------

  private schedule(work: { all?: boolean; doc?: string; files?: FileEvent[]; republish?: string; reresolve?: boolean }): void {
    if (work.all) this.pending.all = true;
    if (work.reresolve) this.pending.reresolve = true;
    if (work.republish) this.pending.republish.add(work.republish);
    if (work.doc) this.pending.docs.add(work.doc);
    // A loop, not push(...spread): a storm of events must not overflow the call's arguments.
    if (work.files) for (const event of work.files) this.pending.files.push(event);
    const now = Date.now();
    this.workGap = now - this.lastWorkAt;
    this.lastWorkAt = now;
    this.kick();
  }

  /**
   * One pass at a time, taking everything pending: however fast edits and events arrive, at most
   * one batch waits (the queue never grows). The first pass after a quiet spell starts at once;
   * while work keeps coming, passes start at most every MIN_PASS_INTERVAL_MS (or one
   * pass's duration, when that is longer), so typing costs a pass per interval, not per keystroke.
   */
  private kick(): void {
    if (this.timer !== undefined || this.passRunning) return;
    // Leading edge: a lone edit or event after a quiet spell runs at once, so a keystroke costs
    // one pass and no wait. Quiet: no pass for COALESCE_MS, and the work before this came at
    // least BURST_GAP_MS earlier. Work arriving during or right after a pass, or faster than
    // anyone types (key repeat, a tool editing), is a burst: coalesced, at most one pass per
    // MIN_PASS_INTERVAL_MS. (With passes of a few milliseconds, the pass-end test alone let 50
    // edits a second each start a pass of their own.)
    const now = Date.now();
    const quiet = now - this.lastPassEnd >= COALESCE_MS && this.workGap >= BURST_GAP_MS;
    const delay = quiet ? 0 : Math.max(COALESCE_MS, MIN_PASS_INTERVAL_MS - (now - this.lastPassStart));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.pending;
      this.pending = { all: false, docs: new Set(), files: [], republish: new Set(), reresolve: false };
      this.passRunning = true;
      this.lastPassStart = Date.now();
      this.passes++;
      this.running = this.run(batch)
        .catch((error: unknown) => this.connection.console.error(`Indexing failed: ${describe(error)}`))
        .finally(() => {
          // Memory back after the burst of work (the node runtime's HeapKeeper), before the next pass.
          this.runtime.afterWork?.();
          this.passRunning = false;
          this.lastPassEnd = Date.now();
          this.placeWaiting();
          const p = this.pending;
          if (p.all || p.republish.size > 0 || p.reresolve || p.docs.size > 0 || p.files.length > 0) this.kick();
        });
    }, delay);
  }

  /** For tests and the output channel: how much work ran and how much waits. */
  debugInfo(): { passes: number; passRunning: boolean; pendingDocs: number; pendingFileEvents: number; warming: number } {
    return { passes: this.passes, passRunning: this.passRunning, pendingDocs: this.pending.docs.size, pendingFileEvents: this.pending.files.length, warming: this.warmer.pending };
  }

  private async run(batch: Batch): Promise<void> {
    let rediscover = batch.all;
    const reparse = new Set(batch.docs);
    let reresolve = batch.reresolve;
    for (const folder of this.folders) {
      const changes: { rel: string; kind: 'created' | 'changed' | 'deleted' }[] = [];
      for (const event of batch.files) {
        const rel = this.relativeTo(folder, event.uri);
        if (rel === undefined) continue;
        const kind = event.type === FileChangeType.Created ? 'created' : event.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        changes.push({ rel, kind });
        this.placements.forget(event.uri);
        // An edited file with diagnostics: their marks are trimmed to its text again.
        if (kind === 'changed' && this.published.has(event.uri)) batch.republish.add(event.uri);
        if (folder.docs.has(event.uri)) reparse.add(event.uri);
        else if (kind !== 'changed' && this.mayBeDocument(folder, rel)) rediscover = true;
      }
      if (changes.length > 0) {
        folder.workspace.applyChanges(changes);
        // A created, deleted or edited file can change any reference's status (line counts too).
        reresolve = true;
      }
    }
    const timing = passTiming(performance.now());
    if (rediscover) {
      await this.discoverAll();
      timing.discover = performance.now() - timing.started;
    }
    this.timing = timing;
    let changed = rediscover || reresolve;
    for (const folder of this.folders) {
      folder.settings ??= await this.settings.get(folder.uri);
      for (const found of folder.found) {
        const uri = this.uriOf(folder, found.path);
        if (rediscover || reparse.has(uri) || reresolve) {
          this.indexDocumentOrNote(folder, found);
          changed = true;
        }
      }
    }
    if (!changed && batch.republish.size === 0) return;
    if (changed) {
      this.version++;
      this.locations = undefined;
    }
    // Settings or folders may have changed: every file is built and compared again.
    if (rediscover) this.publishEverything = true;
    const publishStart = performance.now();
    await this.publish(batch.republish);
    timing.publish = performance.now() - publishStart;
    this.logPass(timing, this.passes === 1);
    if (!changed) return;
    // Resolves once written, after every diagnostic of the pass (messages go out in order).
    await this.connection.sendNotification(IndexChangedNotification.type, { version: this.version });
    // Background work waits for the index to reach the editor: git's walk for untracked files,
    // warming restored documents' parser caches, drift.
    for (const folder of this.folders) folder.workspace.listUntracked?.();
    this.warmer.start();
    this.scheduleDrift();
  }

  // ---- drift ---------------------------------------------------------------------------------

  /** Drift in the background, after the plain index is published: diagnostics never wait for git. */
  private scheduleDrift(delay = DRIFT_DELAY_MS): void {
    if (!this.allowProcesses) return;
    // Debounced: while the document is being typed in, drift waits for a pause instead of
    // competing with every keystroke's pass on the same thread.
    if (this.driftTimer !== undefined) clearTimeout(this.driftTimer);
    this.driftTimer = setTimeout(() => {
      this.driftTimer = undefined;
      this.driftRunning = this.driftRunning.then(() => this.runDrift()).catch((error: unknown) => this.connection.console.error(`Drift failed: ${describe(error)}`));
    }, delay);
  }

  /** HEAD, the branch and the index watched by stat (the editor's watcher may exclude `.git`). */
  private startDriftPoll(): void {
    if (!this.allowProcesses || this.driftPoll !== undefined) return;
    this.driftPoll = setInterval(() => {
      for (const folder of this.folders) {
        if (!folder.drift || folder.docs.size === 0) continue;
        const signature = folder.drift.signature();
        const last = this.driftSignatures.get(folder.uri);
        this.driftSignatures.set(folder.uri, signature);
        if (last !== undefined && last !== signature) this.scheduleDrift(COALESCE_MS);
      }
    }, 2000);
    this.driftPoll.unref?.();
  }

  private async runDrift(): Promise<void> {
    let changed = false;
    for (const folder of this.folders) {
      if (!folder.drift || folder.docs.size === 0) continue;
      this.driftSignatures.set(folder.uri, folder.drift.signature());
      const docs = [...folder.docs.values()];
      const inputs = docs.map((doc) => ({ doc, text: this.textOf(doc.uri) ?? '' }));
      const results = await folder.drift.compute(inputs.map(({ doc, text }) => ({ path: doc.path, text, root: doc.root, model: doc.model })));
      for (const { doc, text } of inputs) {
        // The document was re-indexed meanwhile: the next pass covers it.
        if (folder.docs.get(doc.uri) !== doc) continue;
        const locations = results.get(doc.path) ?? [];
        this.driftByDoc.set(doc.uri, { hash: textHash(text), locations });
        if (this.attachDrift(doc.model, locations)) changed = true;
      }
    }
    if (!changed) return;
    this.version++;
    this.locations = undefined;
    await this.publish();
    await this.connection.sendNotification(IndexChangedNotification.type, { version: this.version });
    this.placeWaiting();
  }

  /**
   * Sets each reference's location; true when any changed. Copy on write: a concern whose
   * locations change is replaced by a new object (its old one may be shared with the last
   * pass's diagnostics, which are reused by identity).
   */
  private attachDrift(model: IndexedDocument['model'], locations: readonly (MappedLocation | undefined)[]): boolean {
    let changed = false;
    let i = 0;
    model.concerns.forEach((concern, c) => {
      let references: ResolvedReference[] | undefined;
      concern.references.forEach((ref, r) => {
        const next = locations[i++];
        if (sameLocation(ref.location, next)) return;
        references ??= [...concern.references];
        const copy = { ...ref };
        if (next) copy.location = next;
        else delete copy.location;
        references[r] = copy;
      });
      if (!references) return;
      changed = true;
      model.concerns[c] = { ...concern, references };
    });
    return changed;
  }

  /** A created or deleted path that could be a concerns document: by name, or by the settings' globs. */
  private mayBeDocument(folder: Folder, rel: string): boolean {
    if (/(?:^|\/)concerns\.md$/i.test(rel)) return true;
    return (folder.settings?.documents ?? []).some((glob) => minimatch(rel, glob.replace(/^\.\//, ''), { dot: true, nocase: true }));
  }

  private async discoverAll(): Promise<void> {
    for (const folder of this.folders) {
      const settings = await this.settings.get(folder.uri);
      folder.settings = settings;
      folder.found = this.runtime.discoverDocuments(folder.workspace, settings.documents);
      const keep = new Set(folder.found.map((f) => this.uriOf(folder, f.path)));
      for (const uri of [...folder.docs.keys()]) {
        if (keep.has(uri)) continue;
        folder.docs.delete(uri);
        this.parsedByDoc.delete(uri);
      }
    }
  }

  /**
   * Indexes one document; if that fails, the document is indexed as empty with an error note
   * saying so (a diagnostic on it), and every other document of the workspace is indexed as
   * usual: one document's failure never takes the others' diagnostics with it.
   */
  private indexDocumentOrNote(folder: Folder, found: FoundDocument): void {
    try {
      injectFault(`index:${found.path}`);
      this.indexDocument(folder, found);
    } catch (error) {
      this.connection.console.error(`Indexing ${found.path} failed: ${describe(error)}`);
      const uri = this.uriOf(folder, found.path);
      this.parsedByDoc.delete(uri);
      const message = `This document could not be indexed (${error instanceof Error ? error.message : String(error)}); the output channel has the details. The other documents are indexed as usual.`;
      const failed: ConcernsDocument = { concerns: [], notes: [{ message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' }] };
      folder.docs.set(uri, { uri, path: found.path, folderUri: folder.uri, root: found.root, model: resolveDocument(failed, folder.resolver, { root: found.root }) });
    }
  }

  private indexDocument(folder: Folder, found: FoundDocument): void {
    const uri = this.uriOf(folder, found.path);
    const open = this.documents.get(uri);
    const onDisk = open ? undefined : this.runtime.readTextFile(folder.fsPath, path.join(folder.fsPath, found.path));
    // Without its byte-order mark, as the editor holds it (see `editorText`).
    const text = open ? open.getText() : onDisk === undefined ? undefined : editorText(onDisk);
    if (text === undefined) {
      folder.docs.delete(uri);
      this.parsedByDoc.delete(uri);
      return;
    }
    const parseStart = performance.now();
    // A file event re-resolves every document; one whose text is the same is not parsed again.
    const before = this.parsedByDoc.get(uri);
    const parsed = before?.text === text ? before.parsed : this.parse(uri, text, before === undefined);
    const resolveStart = performance.now();
    this.timing.parse += resolveStart - parseStart;
    // Concerns the parse handed back unchanged keep what they resolved to (drift included): at
    // once while the workspace's files are the same, else when they resolve as before.
    const previous = folder.docs.get(uri);
    const generation = folder.workspace.generation();
    const reuse = previous && before && before.root === found.root ? reusableConcerns(before.parsed, previous.model, parsed) : undefined;
    const model = resolveDocument(parsed, folder.resolver, { root: found.root }, reuse, before?.generation !== generation);
    this.parsedByDoc.set(uri, { text, parsed, generation, root: found.root });
    // The last drift of the same text, until the background pass refreshes it (no flicker back to written lines).
    const drift = this.driftByDoc.get(uri);
    if (drift && drift.hash === textHash(text)) this.attachDrift(model, drift.locations);
    else if (previous) {
      const kept = new Set(model.concerns);
      carryDrift(
        previous.model.concerns.filter((c) => !kept.has(c)),
        model.concerns.filter((c, i) => reuse?.get(parsed.concerns[i]!) !== c),
      );
    }
    folder.docs.set(uri, { uri, path: found.path, folderUri: folder.uri, root: found.root, model });
    this.timing.resolve += performance.now() - resolveStart;
  }

  /**
   * A document's model: at its first pass, the one the parse store kept for this very text when
   * there is one (its parser caches are then warmed in the background); else parsed, and kept.
   */
  private parse(uri: string, text: string, first: boolean): ConcernsDocument {
    const restored = first ? this.parseStore?.load(uri, text) : undefined;
    if (restored) {
      this.timing.restored++;
      this.warmer.warm(uri, text);
      return restored;
    }
    this.warmer.forget(uri);
    const parsed = parseConcernsDocument(text);
    this.parseStore?.save(uri, text, parsed);
    return parsed;
  }

  /** Where a pass's time went, in the output channel: the first pass, and any slow one. */
  private logPass(timing: PassTiming, first: boolean): void {
    const total = performance.now() - timing.started;
    if (!first && total < SLOW_PASS_MS) return;
    const docs = this.indexedDocuments();
    const concerns = docs.reduce((n, d) => n + d.model.concerns.length, 0);
    // Not toLocaleString: its first call loads the locale data, some 15 ms of a cold start.
    const ms = (x: number) => String(Math.round(x));
    this.connection.console.log(
      `${first ? 'Indexed' : 'Re-indexed'} ${docs.length} document${docs.length === 1 ? '' : 's'} (${concerns} concerns, ${this.published.size} files with diagnostics) in ${ms(total)} ms: ` +
        `finding documents ${ms(timing.discover)}, parsing ${ms(timing.parse)}${timing.restored > 0 ? ` (${timing.restored} restored from the parse cache)` : ''}, resolving ${ms(timing.resolve)}, publishing ${ms(timing.publish)}.`,
    );
  }

  // ---- publishing ----------------------------------------------------------------------------

  /**
   * Sends what changed since the last publish. Each folder's code diagnostics come from its
   * ledger, which rebuilds only the files of the concerns that changed; the documents' own
   * diagnostics are built every pass (one file each). `republish` names open files whose edits
   * move their diagnostics.
   */
  private async publish(republish: ReadonlySet<string> = new Set()): Promise<void> {
    const touched = new Set<string>(republish);
    if (this.publishEverything) {
      this.publishEverything = false;
      for (const uri of this.published.keys()) touched.add(uri);
      this.ledgers.clear();
      this.codeByFolder.clear();
    }
    const docUris = new Set<string>();
    for (const folder of this.folders) {
      const docs = [...folder.docs.values()];
      const settings = await this.settings.get(folder.uri);
      let ledger = this.ledgers.get(folder.uri);
      if (!ledger) this.ledgers.set(folder.uri, (ledger = new CodeDiagnosticsLedger()));
      let code = this.codeByFolder.get(folder.uri);
      if (!code) this.codeByFolder.set(folder.uri, (code = new Map<string, Diagnostic[]>()));
      const excluded = this.excludedMatchers(settings.exclude);
      const options = this.codeOptions(settings);
      for (const file of ledger.update(settings.codeDiagnostics ? docs : [], options)) {
        const uri = this.uriOf(folder, file.path);
        touched.add(uri);
        if (file.diagnostics.length === 0 || (excluded.length > 0 && excluded.some((m) => m.match(file.path)))) code.delete(uri);
        else code.set(uri, file.diagnostics);
      }
      for (const doc of docs) {
        docUris.add(doc.uri);
        touched.add(doc.uri);
        this.docDiagnostics.set(doc.uri, settings.documentDiagnostics ? [...documentDiagnostics(doc), ...driftDiagnostics(doc)] : []);
      }
    }
    for (const uri of [...this.docDiagnostics.keys()]) {
      if (docUris.has(uri)) continue;
      this.docDiagnostics.delete(uri);
      touched.add(uri);
    }
    this.placements.startPublish();
    for (const uri of touched) this.send(uri);
  }

  /** Sends the diagnostics of one file when they differ from what it was last sent. */
  private send(uri: string): void {
    const diagnostics: Diagnostic[] = [];
    for (const code of this.codeByFolder.values()) {
      const list = code.get(uri);
      if (list) for (const d of this.onText(uri, this.shifted(uri, list))) diagnostics.push(d);
    }
    const own = this.docDiagnostics.get(uri);
    if (own) for (const d of own) diagnostics.push(d);
    // A concerns document gets its (maybe empty) list; other files are dropped once clear.
    if (diagnostics.length === 0 && !own) {
      const last = this.published.get(uri);
      if (!last) return;
      this.published.delete(uri);
      if (last.length > 0) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    if (sameDiagnostics(this.published.get(uri), diagnostics)) return;
    this.published.set(uri, diagnostics);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /**
   * Places the marks of the files a publish sent on whole lines (past its budget of reads), a
   * slice at a time between other work, and sends them again. A pass stops it; the pass's end
   * starts it again.
   */
  private placeWaiting(): void {
    if (this.placing || this.placements.waiting === 0) return;
    this.placing = true;
    const step = () => {
      if (this.passRunning || this.placements.waiting === 0) {
        this.placing = false;
        return;
      }
      this.placements.startPublish();
      for (const uri of this.placements.take(PLACE_SLICE)) this.send(uri);
      setImmediate(step);
    };
    setImmediate(step);
  }

  private codeOptionsCache: { settings: ServerSettings; options: CodeDiagnosticOptions } | undefined;

  /** The diagnostics options of a settings value, the same object while it holds (the ledger compares them). */
  private codeOptions(settings: ServerSettings): CodeDiagnosticOptions {
    if (this.codeOptionsCache?.settings !== settings) {
      const options: CodeDiagnosticOptions = { maxPerFile: settings.maxDiagnosticsPerFile, showResolved: settings.showResolved, severity: settings.severity, range: settings.diagnosticRange };
      // Compiled once per settings value: the ledger compares the options' parts by identity.
      options.fields = this.codeOptionsCache && sameList(this.codeOptionsCache.settings.diagnosticFields, settings.diagnosticFields) ? this.codeOptionsCache.options.fields! : new PublishedFields(settings.diagnosticFields);
      this.codeOptionsCache = { settings, options };
    }
    return this.codeOptionsCache.options;
  }

  private excluded: { globs: readonly string[]; matchers: InstanceType<typeof minimatch.Minimatch>[] } | undefined;

  /** The `concerns.exclude` globs, compiled once per settings value (not once per pass). */
  private excludedMatchers(globs: readonly string[]): InstanceType<typeof minimatch.Minimatch>[] {
    if (this.excluded?.globs !== globs) this.excluded = { globs, matchers: globs.map((g) => new minimatch.Minimatch(g, { dot: true })) };
    return this.excluded.matchers;
  }

  /** Diagnostics moved along with the edits made to their open file since it was last saved. */
  private shifted(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const shifts = this.documents.shiftsOf(uri);
    if (!shifts) return diagnostics;
    // The editor's text is the disk's again (a file changed on disk reloads an unmodified editor,
    // as a change, not a save): the ranges, resolved and followed through drift against the disk,
    // are already right; shifting them again would count the change twice.
    const open = this.documents.get(uri);
    if (open && open.getText() === this.diskText(uri)) {
      this.documents.clearShifts(uri);
      return diagnostics;
    }
    return diagnostics.map((d) => {
      const data = d.data as ConcernDiagnosticData | undefined;
      const shifted: Diagnostic = {
        ...d,
        range: { start: { line: shifts.map(d.range.start.line), character: 0 }, end: { line: shifts.map(d.range.end.line - 1) + 1, character: 0 } },
      };
      // The whole cited range moves too: the editor shades it while the cursor is inside.
      if (data?.lines) shifted.data = { ...data, lines: { start: shifts.map(data.lines.start), end: shifts.map(data.lines.end) } };
      return shifted;
    });
  }

  /**
   * `firstLine` diagnostics trimmed to the text of the line they mark, as the editor shows it:
   * the open document's text, else the lines on disk (only the cited ones are read, and only
   * of a file the workspace view knows as a file inside the folder).
   */
  private onText(uri: string, diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
    let first = Infinity;
    let last = -1;
    for (const d of diagnostics) {
      const data = d.data as ConcernDiagnosticData | undefined;
      if (!data?.firstLine) continue;
      first = Math.min(first, d.range.start.line);
      last = Math.max(last, data.lines ? data.lines.end : d.range.start.line);
    }
    if (last < 0) return diagnostics;
    const open = this.documents.get(uri);
    if (open) {
      return placeOnText(diagnostics, (line) => (line < open.lineCount ? open.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '') : undefined));
    }
    return this.placements.place(uri, diagnostics, () => {
      const place = this.locate(uri);
      const abs = place?.folder.workspace.absolute(place.path);
      if (!place || !abs || place.folder.workspace.stat(place.path)?.type !== 'file') return undefined;
      const lines = this.runtime.readLines(place.folder.fsPath, abs, first + 1, last + 1);
      return lines && ((line: number) => lines[line - first]);
    });
  }

  // ---- what the features read ----------------------------------------------------------------

  /** The diagnostics last sent for a URI (none when nothing was). */
  diagnosticsOf(uri: string): readonly Diagnostic[] {
    return this.published.get(uri) ?? [];
  }

  get locationIndex(): LocationIndex {
    this.locations ??= new LocationIndex(this.indexedDocuments(), true);
    return this.locations;
  }

  get indexVersion(): number {
    return this.version;
  }

  /** Whether the workspace is trusted: only then may git (or any process) run. */
  get trusted(): boolean {
    return this.allowProcesses;
  }

  folderList(): readonly Folder[] {
    return this.folders;
  }

  /** The folder a URI lies in, and its workspace-relative path there. */
  locate(uri: string): { folder: Folder; path: string } | undefined {
    for (const folder of this.folders) {
      const rel = this.relativeTo(folder, uri);
      if (rel !== undefined) return { folder, path: rel };
    }
    return undefined;
  }

  indexedDocument(uri: string): IndexedDocument | undefined {
    for (const folder of this.folders) {
      const doc = folder.docs.get(uri);
      if (doc) return doc;
    }
    return undefined;
  }

  /**
   * The paths the document writes outside its concerns that name what exists (see mentions.ts),
   * resolved like its references; worked out when the editor asks for the document's links, and
   * kept while its model and the workspace's files are the same.
   */
  mentions(uri: string): readonly ResolvedReference[] {
    const folder = this.folders.find((f) => f.docs.has(uri));
    const doc = folder?.docs.get(uri);
    const text = this.indexedText(uri);
    if (!folder || !doc || text === undefined) return [];
    const generation = folder.workspace.generation();
    const kept = this.mentionsByModel.get(doc.model);
    if (kept && kept.generation === generation) return kept.mentions;
    const mentions = linkableMentions(folder.resolver.resolveAll(mentionsOf(text, doc.model.concerns), { root: doc.root }));
    this.mentionsByModel.set(doc.model, { generation, mentions });
    return mentions;
  }

  /** The text the document's indexed model was computed from: its positions are positions in it. */
  indexedText(uri: string): string | undefined {
    return this.parsedByDoc.get(uri)?.text;
  }

  /** Current text of a document: the editor's when open, else the disk's (as the editor would hold it). */
  textOf(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    return this.diskText(uri);
  }

  /**
   * A file's text on disk, through the read path of the folder it lies in (none outside every
   * folder), without its byte-order mark, as the editor holds it (see `editorText`).
   */
  private diskText(uri: string): string | undefined {
    const place = this.locate(uri);
    const text = place ? this.runtime.readTextFile(place.folder.fsPath, URI.parse(uri).fsPath) : undefined;
    return text === undefined ? undefined : editorText(text);
  }

  // ---- paths ---------------------------------------------------------------------------------

  uriOf(folder: Folder | { fsPath: string }, rel: string): string {
    // By folder, then by the path itself (the resolver's own strings: their hashes are cached).
    let uris = this.uris.get(folder.fsPath);
    if (!uris) this.uris.set(folder.fsPath, (uris = new Map<string, string>()));
    let uri = uris.get(rel);
    if (uri === undefined) {
      uri = URI.file(path.join(folder.fsPath, rel)).toString();
      // Bounded: the referenced files of a huge document, not every file of the workspace.
      if (uris.size >= 200_000) uris.clear();
      uris.set(rel, uri);
    }
    return uri;
  }

  relativeTo(folder: { fsPath: string }, uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const rel = path.relative(folder.fsPath, parsed.fsPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
