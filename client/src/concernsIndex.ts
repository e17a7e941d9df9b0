import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TreeRequest, type TreeConcern, type TreeData, type TreeDocument } from '../../server/src/protocol';

/**
 * The client's copy of the server's index, as `concerns/tree` answers it: fetched after the client
 * starts and on every `concerns/indexChanged`. The view and the status bar read it; nothing else
 * asks the server for the tree.
 */
export class ConcernsIndex implements vscode.Disposable {
  private data: TreeData = { version: -1, documents: [] };
  private loaded = false;
  private pending: Promise<void> | undefined;
  private again = false;
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
    return this.data.documents.find((d) => d.uri === documentUri)?.concerns.find((c) => c.id === concernId);
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
        const data = await client.sendRequest<TreeData>(TreeRequest.method);
        // Fetches run one after another, so this answer is the newest.
        this.data = normalise(data);
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
function normalise(data: TreeData): TreeData {
  const cache = new Map<string, string>();
  const uri = (u: string): string => {
    let n = cache.get(u);
    if (n === undefined) {
      n = vscode.Uri.parse(u).toString();
      cache.set(u, n);
    }
    return n;
  };
  return {
    version: data.version,
    documents: data.documents.map((d) => ({
      ...d,
      uri: uri(d.uri),
      folderUri: uri(d.folderUri),
      concerns: d.concerns.map((c) => ({ ...c, documentUri: uri(c.documentUri), references: c.references.map((r) => ({ ...r, targets: r.targets.map(uri) })) })),
    })),
  };
}
