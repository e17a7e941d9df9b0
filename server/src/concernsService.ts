import * as path from 'node:path';
import type { Connection, Diagnostic, FileEvent, TextDocuments, WorkspaceFolder } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeDiagnostics } from './core/features/diagnostics';
import { documentDiagnostics } from './core/features/documentDiagnostics';
import type { IndexedDocument } from './core/features/indexedDocument';
import { PROBLEM_STATUSES } from './core/model';
import { parseConcernsDocument } from './core/parse/document';
import { resolveDocument } from './core/resolve/document';
import { ReferenceResolver } from './core/resolve/resolver';
import { describe } from './guard';
import type { FoundDocument } from './node/discovery';
import type { FsWorkspace } from './node/fsWorkspace';
import { IndexChangedNotification, type IndexSummary } from './protocol';
import type { Runtime } from './runtime';
import type { SettingsCache } from './settings';

interface Folder {
  uri: string;
  fsPath: string;
  workspace: FsWorkspace;
  resolver: ReferenceResolver;
  found: FoundDocument[];
  docs: Map<string, IndexedDocument>;
}

/** How long edits and file events are gathered before one re-index runs. */
const COALESCE_MS = 15;

/**
 * The index of every concerns document in the workspace, kept true as documents, files and
 * settings change, and the diagnostics it publishes. Work is coalesced: a burst of edits or
 * file events becomes one pass.
 */
export class ConcernsService {
  private folders: Folder[] = [];
  private version = 0;
  /** What was last sent per URI, to send only what changed and to clear what is gone. */
  private readonly published = new Map<string, string>();
  private pending = { all: false, docs: new Set<string>(), files: [] as FileEvent[] };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
    private readonly allowProcesses: boolean,
  ) {}

  setFolders(folders: readonly WorkspaceFolder[]): void {
    const log = (message: string) => this.connection.console.log(message);
    this.folders = folders.map((f) => {
      const fsPath = URI.parse(f.uri).fsPath;
      const workspace = this.runtime.createWorkspace(fsPath, this.allowProcesses, log);
      return { uri: f.uri, fsPath, workspace, resolver: new ReferenceResolver(workspace), found: [], docs: new Map() };
    });
    this.schedule({ all: true });
  }

  /** Everything again: start-up, settings changed, folders changed. */
  reindexAll(): void {
    for (const folder of this.folders) folder.workspace.reset();
    this.schedule({ all: true });
  }

  documentChanged(uri: string): void {
    if (this.isConcernsDocument(uri)) this.schedule({ doc: uri });
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

  private schedule(work: { all?: boolean; doc?: string; files?: FileEvent[] }): void {
    if (work.all) this.pending.all = true;
    if (work.doc) this.pending.docs.add(work.doc);
    if (work.files) this.pending.files.push(...work.files);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.pending;
      this.pending = { all: false, docs: new Set(), files: [] };
      // One pass at a time: a pass started while another runs waits for it.
      this.running = this.running.then(() => this.run(batch)).catch((error: unknown) => this.connection.console.error(`Indexing failed: ${describe(error)}`));
    }, COALESCE_MS);
  }

  private async run(batch: { all: boolean; docs: Set<string>; files: FileEvent[] }): Promise<void> {
    let rediscover = batch.all;
    const reparse = new Set(batch.docs);
    let reresolve = false;
    for (const folder of this.folders) {
      const changes: { rel: string; kind: 'created' | 'changed' | 'deleted' }[] = [];
      for (const event of batch.files) {
        const rel = this.relativeTo(folder, event.uri);
        if (rel === undefined) continue;
        const kind = event.type === FileChangeType.Created ? 'created' : event.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        changes.push({ rel, kind });
        if (folder.docs.has(event.uri)) reparse.add(event.uri);
        else if (kind !== 'changed' && /(?:^|\/)concerns\.md$/i.test(rel)) rediscover = true;
      }
      if (changes.length > 0) {
        folder.workspace.applyChanges(changes);
        // A created, deleted or edited file can change any reference's status (line counts too).
        reresolve = true;
      }
    }
    if (rediscover) await this.discoverAll();
    for (const folder of this.folders) {
      for (const found of folder.found) {
        const uri = this.uriOf(folder, found.path);
        if (rediscover || reparse.has(uri) || reresolve) this.indexDocument(folder, found);
      }
    }
    this.version++;
    await this.publish();
    await this.connection.sendNotification(IndexChangedNotification.type, { version: this.version });
  }

  private async discoverAll(): Promise<void> {
    for (const folder of this.folders) {
      const settings = await this.settings.get(folder.uri);
      folder.found = this.runtime.discoverDocuments(folder.workspace, settings.documents);
      const keep = new Set(folder.found.map((f) => this.uriOf(folder, f.path)));
      for (const uri of [...folder.docs.keys()]) if (!keep.has(uri)) folder.docs.delete(uri);
    }
  }

  private indexDocument(folder: Folder, found: FoundDocument): void {
    const uri = this.uriOf(folder, found.path);
    const open = this.documents.get(uri);
    const text = open ? open.getText() : this.runtime.readTextFile(path.join(folder.fsPath, found.path));
    if (text === undefined) {
      folder.docs.delete(uri);
      return;
    }
    const parsed = parseConcernsDocument(text);
    const model = resolveDocument(parsed, folder.resolver, { root: found.root });
    folder.docs.set(uri, { uri, path: found.path, folderUri: folder.uri, root: found.root, model });
  }

  // ---- publishing ----------------------------------------------------------------------------

  private async publish(): Promise<void> {
    const next = new Map<string, Diagnostic[]>();
    const add = (uri: string, diagnostics: Diagnostic[]) => {
      const list = next.get(uri);
      if (list) list.push(...diagnostics);
      else next.set(uri, [...diagnostics]);
    };
    for (const folder of this.folders) {
      const docs = [...folder.docs.values()];
      const settings = await this.settings.get(folder.uri);
      const options = { maxPerFile: settings.maxDiagnosticsPerFile, showResolved: settings.showResolved };
      for (const file of codeDiagnostics(docs, options)) add(this.uriOf(folder, file.path), file.diagnostics);
      for (const doc of docs) add(doc.uri, documentDiagnostics(doc));
    }
    for (const [uri, diagnostics] of next) {
      const key = JSON.stringify(diagnostics);
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of [...this.published.keys()]) {
      if (next.has(uri)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  // ---- paths ---------------------------------------------------------------------------------

  private uriOf(folder: Folder, rel: string): string {
    return URI.file(path.join(folder.fsPath, rel)).toString();
  }

  private relativeTo(folder: Folder, uri: string): string | undefined {
    const fsPath = URI.parse(uri).fsPath;
    const rel = path.relative(folder.fsPath, fsPath);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}
