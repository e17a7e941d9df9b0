import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { Commands, IndexChangedNotification, type InitializationOptions } from '../../server/src/protocol';
import { BASELINE_SCHEME, BaselineContentProvider, baselineFetcher, type BaselineFetcher } from './baselineContent';
import { registerCommands } from './commands';
import { ServerCrashHandler } from './errorHandler';
import { CitedRangeShading } from './citedRanges';
import { ConcernsIndex } from './concernsIndex';
import { ConcernsStatusBar } from './statusBar';
import { ConcernsTree } from './tree/view';
import { ViewState } from './tree/viewState';

/**
 * Owns what the extension creates: the language client, its output channel, the index the view
 * reads, the Concerns view, the status bar item, commands and every disposable, so that
 * deactivation stops all of it.
 */
export class ConcernsContext {
  readonly output: vscode.LogOutputChannel;
  /** The server's tree, refreshed on every re-index. */
  readonly index: ConcernsIndex;
  /** The Concerns view (set by start()). */
  tree: ConcernsTree | undefined;
  statusBar: ConcernsStatusBar | undefined;
  /** The whole cited range of a concern, shaded while the cursor is in it or it is selected in the view. */
  readonly citedRanges = new CitedRangeShading();
  /** The filter's input box while it is open (`concerns.filter`). */
  filterInput: vscode.InputBox | undefined;
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  /**
   * Settles once the language client has started and the first tree arrived (or the start
   * failed). Activation does not wait for it: loading `vscode-languageclient` and spawning the
   * server happen after `activate()` has returned.
   */
  ready: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** Restarts a crashed server a few times, shows the state, then stops and says why. */
  readonly crashHandler: ServerCrashHandler;
  /** `concerns/baselineText`: a referenced file as it was at the analysis (undefined: no server). */
  readonly fetchBaseline: BaselineFetcher = baselineFetcher(() => this.readyClient());
  /** The read-only documents of files as they were at the analysis (Show changes). */
  readonly baselines = new BaselineContentProvider(this.fetchBaseline);

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Concerns Lens', { log: true });
    this.index = new ConcernsIndex(() => this.client, this.output);
    this.crashHandler = new ServerCrashHandler(this.output, this.index);
    this.disposables.push(this.output, this.index, this.crashHandler, this.baselines, this.citedRanges);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** The running client, once a start in progress has finished; undefined when it failed. */
  async readyClient(): Promise<LanguageClient | undefined> {
    await this.starting?.catch(() => undefined);
    return this.client?.isRunning() ? this.client : undefined;
  }

  /**
   * The view, the status bar and the commands, at once (they work, welcome and create document,
   * even if the server fails); the language client starts in the background (`ready`).
   */
  start(): void {
    const state = new ViewState(this.extension.workspaceState);
    this.tree = new ConcernsTree(this.index, state);
    this.statusBar = new ConcernsStatusBar(this.index);
    this.disposables.push(
      state,
      this.tree,
      this.statusBar,
      vscode.workspace.registerTextDocumentContentProvider(BASELINE_SCHEME, this.baselines),
      ...registerCommands(this),
      this.tree.view.onDidChangeSelection((e) => {
        const node = e.selection[0];
        const concern = node?.kind === 'concern' || node?.kind === 'reference' ? node.concern : undefined;
        this.citedRanges.select(concern ? { documentUri: concern.documentUri, concernId: concern.id } : undefined);
      }),
    );
    this.ready = this.startClient().catch((error: unknown) => this.output.error(`Starting the language server: ${String(error)}`));
  }

  async restart(): Promise<void> {
    await this.stopClient();
    await this.startClient();
  }

  async dispose(): Promise<void> {
    await this.stopClient();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private startClient(): Promise<void> {
    this.starting = this.createAndStartClient();
    return this.starting;
  }

  private async createAndStartClient(): Promise<void> {
    // Its own bundle, loaded on first start (see languageClient.ts).
    const { LanguageClient, TransportKind } = await import('./languageClient.js');
    const module = vscode.Uri.joinPath(this.extension.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    // The workspace's storage keeps parsed documents between sessions (none without a workspace).
    const storageDir = this.extension.storageUri?.fsPath;
    const initializationOptions: InitializationOptions = storageDir ? { trusted: vscode.workspace.isTrusted, storageDir } : { trusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      // Every file on disk: concerns land on any file (hovers, quick fixes there), and the server
      // follows edits to code files to keep the referenced lines in place.
      documentSelector: [{ scheme: 'file' }],
      synchronize: { configurationSection: 'concerns' },
      outputChannel: this.output,
      initializationOptions,
      errorHandler: this.crashHandler,
      // Hover cards link to the concern commands (open, reveal, fix approach): those, and only those, run.
      markdown: { isTrusted: { enabledCommands: Object.values(Commands) }, supportHtml: false },
      middleware: {
        // Each concern diagnostic carries its whole cited range: kept for the shading.
        handleDiagnostics: (uri, diagnostics, next) => {
          this.citedRanges.received(uri, diagnostics);
          next(uri, diagnostics);
        },
      },
    };
    const client = new LanguageClient('concernsLens', 'Concerns Lens', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(IndexChangedNotification.method, () => void this.index.refresh());
    await client.start();
    await this.index.refresh();
  }

  private async stopClient(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client) await client.stop().catch((error: unknown) => this.output.warn(`Stopping the language server: ${String(error)}`));
  }
}
