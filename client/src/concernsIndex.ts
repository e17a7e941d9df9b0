import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { fetchTree, TreeStore, type WireTree } from '../../server/src/treeWire';
import { FileConcernsRequest, TreeRequest, type FileConcerns, type FileConcernsParams, type TreeConcern, type TreeData, type TreeDocument, type TreeParams } from '../../server/src/protocol';
import { concernKey, type ConcernFiles } from './tree/nodes';

/** Per-file answers kept for one index version (the active files of a session). */
const MAX_FILE_QUERIES = 50;

/**
 * The client's copy of the server's index, as `concerns/tree` answers it: fetched after the client
 * starts and on every `concerns/indexChanged`. The view and the status bar read it; nothing else
 * asks the server for the tree. Each fetch says which concerns it holds (a bounded `TreeStore`),
 * so after a keystroke only the concerns it changed travel; an answer naming one it does not
 * hold is asked again in full. Which concerns name which files (`concerns/files`) is asked when
 * needed, once per version and question.
 */
export class ConcernsIndex implements vscode.Disposable {
  private data: TreeData = { version: -1, documents: [] };
  private loaded = false;
  /** `concerns/files` answers for `data.version`, by question (`*`: every file, else a file URI). */
  private files = new Map<string, { answer: Promise<ConcernFiles>; settled?: ConcernFiles }>();
  private byKey: Map<string, { document: TreeDocument; concern: TreeConcern }> | undefined;
  private pending: Promise<void> | undefined;
  private again = false;
  /** The concerns the server sent, by stamp: what the next fetch says it holds. */
  private readonly store = new TreeStore();
  /** Each concern as this editor writes its URIs, by the store's (unchanged) concern object. */
  private readonly normalised = new WeakMap<TreeConcern, TreeConcern>();
  /** Fetches so far: full answers, delta answers, and deltas that had to be asked again in full. */
  readonly fetches = { full: 0, delta: 0, recovered: 0 };
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every fetch that brought a new answer. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get tree(): TreeData {
    return this.data;
  }

  /** True once the server has answered at least once (before that, counts are unknown). */
  get ready(): boolean {
    return this.loaded;
  }

  get documents(): readonly TreeDocument[] {
    return this.data.documents;
  }

  concern(documentUri: string, concernId: string): TreeConcern | undefined {
    return this.lookup(concernKey(documentUri, concernId))?.concern;
  }

  /** A concern and its document by `concernKey`. */
  lookup(key: string): { document: TreeDocument; concern: TreeConcern } | undefined {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const document of this.data.documents) for (const concern of document.concerns) this.byKey.set(concernKey(concern.documentUri, concern.id), { document, concern });
    }
    return this.byKey.get(key);
  }

  /**
   * The files each concern names, where its code is now (the server's location index, as its
   * diagnostics and hovers): of one file (`uri`), or of every file without. Asked once per index
   * version and question; a failure or a stopped server answers with no file.
   */
  filesOf(uri?: string): Promise<ConcernFiles> {
    const key = uri ?? '*';
    const cached = this.files.get(key);
    if (cached) return cached.answer;
    const client = this.client();
    if (uri === '' || !client?.isRunning()) return Promise.resolve(new Map());
    if (this.files.size >= MAX_FILE_QUERIES) this.files.clear();
    const params: FileConcernsParams = uri === undefined ? {} : { uri };
    const entry: { answer: Promise<ConcernFiles>; settled?: ConcernFiles } = {
      answer: client.sendRequest<FileConcerns>(FileConcernsRequest.method, params).then(
        (answer) => (entry.settled = concernFiles(answer)),
        (error: unknown) => {
          this.log.warn(`Fetching which concerns name ${uri ?? 'which files'}: ${error instanceof Error ? error.message : String(error)}`);
          if (this.files.get(key) === entry) this.files.delete(key);
          return new Map();
        },
      ),
    };
    this.files.set(key, entry);
    return entry.answer;
  }

  /** `filesOf(uri)` when its answer for this version is already here, else undefined. */
  filesNow(uri?: string): ConcernFiles | undefined {
    return uri === '' ? new Map() : this.files.get(uri ?? '*')?.settled;
  }

  /** Every unresolved concern of every document. */
  openConcernCount(): number {
    return this.data.documents.reduce((n, d) => n + d.concerns.filter((c) => !c.resolved).length, 0);
  }

  /**
   * Asks the server again. Calls during a fetch coalesce into one more fetch after it, so the
   * last answer is always at least as new as the last call.
   */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = this.fetchLoop().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchLoop(): Promise<void> {
    do {
      this.again = false;
      const client = this.client();
      if (!client?.isRunning()) return;
      try {
        const send = (params: TreeParams | undefined) => (params ? client.sendRequest<WireTree>(TreeRequest.method, params) : client.sendRequest<WireTree>(TreeRequest.method));
        const { data, full, recovered } = await fetchTree(this.store, send);
        if (recovered) this.log.info('The concerns tree named a concern this window no longer holds: fetched it whole.');
        this.fetches[recovered ? 'recovered' : full ? 'full' : 'delta']++;
        // Fetches run one after another, so this answer is the newest.
        this.data = normalise(data, this.normalised);
        this.byKey = undefined;
        this.files = new Map();
        this.loaded = true;
        this.changed.fire();
      } catch (error) {
        this.log.warn(`Fetching the concerns tree: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.again);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** URIs as this editor writes them (so that comparing with `Uri.toString()` works). */
function uriNormaliser(): (uri: string) => string {
  const cache = new Map<string, string>();
  return (u) => {
    let n = cache.get(u);
    if (n === undefined) {
      n = vscode.Uri.parse(u).toString();
      cache.set(u, n);
    }
    return n;
  };
}

/** The tree with its URIs as this editor writes them; each concern once, by its object, in `concerns`. */
export function normalise(data: TreeData, concerns = new WeakMap<TreeConcern, TreeConcern>()): TreeData {
  const uri = uriNormaliser();
  const concernOf = (c: TreeConcern): TreeConcern => {
    let n = concerns.get(c);
    if (!n) {
      n = { ...c, documentUri: uri(c.documentUri), references: c.references.map((r) => ({ ...r, targets: r.targets.map(uri) })) };
      concerns.set(c, n);
    }
    return n;
  };
  return {
    version: data.version,
    documents: data.documents.map((d) => ({ ...d, uri: uri(d.uri), folderUri: uri(d.folderUri), concerns: d.concerns.map(concernOf) })),
  };
}

/** A `concerns/files` answer as the view reads it: by concern key, each file with its lines. */
function concernFiles(answer: FileConcerns): ConcernFiles {
  const uri = uriNormaliser();
  const files = answer.files.map(uri);
  const out = new Map<string, { uri: string; lines: { start: number; end: number }[] }[]>();
  for (const doc of answer.documents) {
    const documentUri = uri(doc.uri);
    for (const c of doc.concerns) {
      out.set(
        concernKey(documentUri, c.id),
        c.files.map((i) => ({ uri: files[i] ?? '', lines: c.lines?.[i] ?? [] })),
      );
    }
  }
  return out;
}
