/**
 * A small LSP test client: runs the bundled server (`node dist/server.js --stdio`) as a child
 * process and speaks JSON-RPC to it over its stdin/stdout, the way an editor would.
 *
 * - answers the server's requests: `client/registerCapability` and `client/unregisterCapability`
 *   (null, recorded), `workspace/configuration` (from `configuration`, settable per test),
 *   `window/workDoneProgress/create` (null), `workspace/workspaceFolders` (the folders given to
 *   `initialize`);
 * - records the latest `textDocument/publishDiagnostics` per URI, every `concerns/indexChanged`,
 *   every `window/logMessage` and the server's stderr (both end up in failure messages);
 * - waits on events, never on fixed sleeps: `waitForDiagnostics` checks what is there now and
 *   again on every publish for that URI, and rejects at its deadline (or at once when the server
 *   process dies) saying what it saw.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { createMessageConnection, ErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type Registration,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { IndexChangedNotification, IndexSummaryRequest, type IndexSummary, type InitializationOptions } from '../../server/src/protocol';

export { FileChangeType } from 'vscode-languageserver-protocol';
export type { Diagnostic } from 'vscode-languageserver-protocol';

/** The bundled server, built by `npm run build`. */
export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');

/** Per-item answer to `workspace/configuration`; or a record of section → value. */
export type ConfigurationAnswer = ((item: ConfigurationItem) => unknown) | Record<string, unknown>;

export interface LspClientOptions {
  /** Defaults to {@link SERVER_PATH}. */
  serverPath?: string;
  /** The arguments after the script, default `--stdio` (`['lsp', '--stdio']` for the `concerns` command). */
  serverArgs?: string[];
  /** What `workspace/configuration` answers; default: `{}` for every item. */
  configuration?: ConfigurationAnswer;
  /** Default deadline of the `waitFor*` methods. */
  timeoutMs?: number;
  /** Added to the server process's environment (test hooks: CONCERNS_FAULT, NODE_OPTIONS). */
  env?: Record<string, string>;
}

export interface InitializeOptions {
  /** Sent as `initializationOptions`; default `{ trusted: false }`. */
  initializationOptions?: Partial<InitializationOptions> & Record<string, unknown>;
  /** Replaces the default client capabilities (which declare configuration, dynamic watched files, workspace folders, progress). */
  capabilities?: ClientCapabilities;
}

/** Capabilities of an editor like VS Code, as far as this server cares. */
export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
  },
  window: { workDoneProgress: true },
};

/** The file:// URI of an absolute path, spelled the way the server spells it (vscode-uri). */
export function fileUri(absPath: string): string {
  return URI.file(absPath).toString();
}

function toFolder(folder: string | WorkspaceFolder): WorkspaceFolder {
  return typeof folder === 'string' ? { uri: fileUri(folder), name: path.basename(folder) } : folder;
}

/** `[source/code] L3-5: message` — one diagnostic per line, for failure messages. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[] | undefined): string {
  if (diagnostics === undefined) return '(never published)';
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `[${d.source ?? ''}/${d.code ?? ''}] ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .join('\n    ');
}

const LOG_LEVELS: Record<number, string> = { [MessageType.Error]: 'error', [MessageType.Warning]: 'warning', [MessageType.Info]: 'info', [MessageType.Log]: 'log', [MessageType.Debug]: 'debug' };

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

export class LspClient {
  /** Latest diagnostics per URI (a URI is absent until the server first publishes for it). */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times diagnostics were published per URI. */
  readonly publishCounts = new Map<string, number>();
  /** Every `concerns/indexChanged` version, in order. */
  readonly indexVersions: number[] = [];
  /** `window/logMessage` and stderr lines, in order of arrival. */
  readonly logs: string[] = [];
  /** Error-level `window/logMessage` messages (the server's guards log swallowed exceptions so). */
  readonly errorLogs: string[] = [];
  /** Every `client/registerCapability` registration. */
  readonly registrations: Registration[] = [];
  /** Every item the server asked for with `workspace/configuration`. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** Every `workspace/applyEdit` the server asked for (answered applied: true; the test applies it to its text). */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** Every `window/showMessage` (and `window/showMessageRequest`, answered null) of the server. */
  readonly shownMessages: ShowMessageParams[] = [];
  /** Server→client requests or notifications this client has no handler for. */
  readonly unhandled: string[] = [];
  /** What `workspace/configuration` answers; may be replaced between steps of a test. */
  configuration: ConfigurationAnswer;

  readonly process: ChildProcessWithoutNullStreams;
  private readonly connection: MessageConnection;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly documents = new Map<string, { version: number; text: string }>();
  private folders: WorkspaceFolder[] = [];
  private readonly timeoutMs: number;
  private stderrTail = '';

  constructor(options: LspClientOptions = {}) {
    this.configuration = options.configuration ?? {};
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.process = spawn(process.execPath, [options.serverPath ?? SERVER_PATH, ...(options.serverArgs ?? ['--stdio'])], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
        const error = new Error(`the server process exited (code ${code}, signal ${signal})${this.context()}`);
        for (const waiter of [...this.waiters]) waiter.fail(error);
      });
    });
    this.process.on('error', (error) => this.logs.push(`[spawn error] ${error.message}`));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => {
      const text = this.stderrTail + chunk;
      const lines = text.split('\n');
      this.stderrTail = lines.pop() ?? '';
      for (const line of lines) this.logs.push(`[stderr] ${line}`);
    });

    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest(UnregistrationRequest.type, () => null);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      this.notifyWaiters();
      return { applied: true };
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.shownMessages.push(params);
      this.notifyWaiters();
    });
    this.connection.onRequest(ShowMessageRequest.type, (params) => {
      this.shownMessages.push(params);
      this.notifyWaiters();
      return null;
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.connection.onRequest(WorkspaceFoldersRequest.type, () => this.folders);
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push(item);
        const answer = this.configuration;
        if (typeof answer === 'function') return answer(item);
        return item.section === undefined ? answer : (answer[item.section] ?? {});
      }),
    );
    this.connection.onRequest((method) => {
      this.unhandled.push(`request ${method}`);
      return new ResponseError(ErrorCodes.MethodNotFound, `the test client does not handle ${method}`);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publishCounts.set(params.uri, (this.publishCounts.get(params.uri) ?? 0) + 1);
      this.notifyWaiters();
    });
    this.connection.onNotification(IndexChangedNotification.type, (params) => {
      this.indexVersions.push(params.version);
      this.notifyWaiters();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(`[${LOG_LEVELS[params.type] ?? params.type}] ${params.message}`);
      if (params.type === MessageType.Error) this.errorLogs.push(params.message);
    });
    this.connection.onNotification((method) => {
      this.unhandled.push(`notification ${method}`);
    });
    this.connection.onError(([error]) => this.logs.push(`[connection error] ${error.message}`));
    this.connection.listen();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /** `initialize` then `initialized`. Folders are absolute paths or workspace folders. */
  async initialize(workspaceFolders: readonly (string | WorkspaceFolder)[], options: InitializeOptions = {}): Promise<InitializeResult> {
    this.folders = workspaceFolders.map(toFolder);
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'concerns-lens protocol tests' },
      rootUri: this.folders[0]?.uri ?? null,
      workspaceFolders: this.folders,
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: options.initializationOptions ?? { trusted: false },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /**
   * `shutdown` then `exit`, and asserts the process exits with code 0 before the deadline. Unless
   * `allowErrorLogs`, also asserts the server logged no error: its guards turn exceptions into
   * error logs, which would otherwise go unnoticed.
   */
  async shutdown(options: { allowErrorLogs?: boolean; timeoutMs?: number } = {}): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([this.exited, deadline]);
    clearTimeout(timer);
    assert.notEqual(result, 'timeout', `the server did not exit within ${timeoutMs} ms of shutdown+exit${this.context()}`);
    assert.deepEqual(result, { code: 0, signal: null }, `the server should exit with code 0 after shutdown+exit${this.context()}`);
    if (!options.allowErrorLogs) assert.deepEqual(this.errorLogs, [], `the server logged errors${this.context()}`);
    this.connection.dispose();
  }

  /** Ends the connection and kills the server process if it is still running (for `finally`/`after`). */
  dispose(): void {
    this.connection.dispose();
    if (this.exitInfo === undefined && this.process.exitCode === null) this.process.kill();
  }

  // ---- documents, files, settings -----------------------------------------------------------

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.documents.set(uri, { version: 1, text });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open document (unsaved). */
  async change(uri: string, text: string): Promise<void> {
    await this.edit(uri, [{ text }]);
  }

  /** Sends content changes (ranged or full) to an open document (unsaved). */
  async edit(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const doc = this.documents.get(uri);
    assert.ok(doc, `change of ${uri}, which is not open`);
    doc.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async sendWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** `workspace/didChangeConfiguration`; set `configuration` first for what the server will read. */
  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** `workspace/didChangeWorkspaceFolders`; folders are absolute paths or workspace folders. */
  async changeWorkspaceFolders(added: readonly (string | WorkspaceFolder)[], removed: readonly (string | WorkspaceFolder)[] = []): Promise<void> {
    const event = { added: added.map(toFolder), removed: removed.map(toFolder) };
    const gone = new Set(event.removed.map((f) => f.uri));
    this.folders = [...this.folders.filter((f) => !gone.has(f.uri)), ...event.added];
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event });
  }

  /** Any request, as an editor would send it (hover, codeAction, custom requests...). */
  request<R>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
  }

  indexSummary(): Promise<IndexSummary> {
    return this.connection.sendRequest(IndexSummaryRequest.type, undefined);
  }

  // ---- waiting -----------------------------------------------------------------------------

  /**
   * Resolves with the latest diagnostics of `uri` once `predicate` holds for them (a URI never
   * published counts as no diagnostics): checked now and on every publish. Make the predicate
   * tell the awaited state from the current one, or it will hold at once.
   */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = this.timeoutMs, what = 'the expected diagnostics'): Promise<Diagnostic[]> {
    return this.waitFor(
      () => {
        const diagnostics = this.diagnostics.get(uri) ?? [];
        return predicate(diagnostics) ? diagnostics : undefined;
      },
      timeoutMs,
      () => `${what} on ${uri}; latest there:\n    ${formatDiagnostics(this.diagnostics.get(uri))}`,
    );
  }

  /** Resolves with the version of the first `concerns/indexChanged` at or above `minVersion`. */
  waitForIndexChanged(minVersion = 1, timeoutMs = this.timeoutMs): Promise<number> {
    return this.waitFor(
      () => this.indexVersions.find((v) => v >= minVersion),
      timeoutMs,
      () => `concerns/indexChanged with version >= ${minVersion}; seen: [${this.indexVersions.join(', ')}]`,
    );
  }

  /** The latest `concerns/indexChanged` version seen (0 before the first). */
  get lastIndexVersion(): number {
    return this.indexVersions.at(-1) ?? 0;
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, describeWait: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const started = Date.now();
      const waiter: Waiter = {
        check: () => {
          const value = probe();
          if (value === undefined) return;
          done();
          resolve(value);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`timed out after ${Date.now() - started} ms waiting for ${describeWait()}${this.context()}`)), timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (this.exitInfo !== undefined) {
        waiter.fail(new Error(`the server process has exited (code ${this.exitInfo.code}) while waiting for ${describeWait()}${this.context()}`));
        return;
      }
      this.waiters.add(waiter);
      waiter.check();
    });
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** What the server said and published, appended to failure messages. */
  context(): string {
    const published = [...this.diagnostics].map(([uri, d]) => `  ${uri}:\n    ${formatDiagnostics(d)}`).join('\n');
    const logs = [...this.logs, ...(this.stderrTail ? [`[stderr] ${this.stderrTail}`] : [])].slice(-40).join('\n  ');
    return `\n--- published diagnostics ---\n${published || '  (none)'}\n--- server log (last 40) ---\n  ${logs || '(empty)'}${this.unhandled.length > 0 ? `\n--- unhandled ---\n  ${this.unhandled.join('\n  ')}` : ''}`;
  }
}

/**
 * A client on the real server for the folder `root`, initialized (untrusted unless `trusted`)
 * and through its first index; disposed when the test ends if still running.
 */
export async function startedClient(t: TestContext, root: string, options: LspClientOptions & { trusted?: boolean } = {}): Promise<LspClient> {
  const client = new LspClient(options);
  t.after(() => client.dispose());
  await client.initialize([root], { initializationOptions: { trusted: options.trusted ?? false } });
  await client.waitForIndexChanged(1);
  return client;
}
