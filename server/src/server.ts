import { CodeActionKind, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type Connection, type InitializeResult, type WorkspaceFolder } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { ConcernsService } from './concernsService';
import { registerFeatures } from './features';
import { guard0, guardNotification } from './guard';
import { OpenDocuments } from './openDocuments';
import { DebugInfoRequest, IndexSummaryRequest, ServerCommands, type IndexSummary, type InitializationOptions } from './protocol';
import type { Runtime } from './runtime';
import { SettingsCache } from './settings';

/**
 * Wires the language server's handlers to the concerns service. Every handler is guarded: an
 * exception is logged and answered with a fallback, and the server keeps serving.
 */
export function startServer(connection: Connection, runtime: Runtime): void {
  let service: ConcernsService | undefined;
  const documents = new OpenDocuments((uri, kind) => {
    try {
      service?.documentChanged(uri, kind);
    } catch (error) {
      connection.console.error(`document ${kind} failed: ${String(error)}`);
    }
  });
  let folders: WorkspaceFolder[] = [];
  let canAskConfiguration = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  const settings = new SettingsCache(connection, () => canAskConfiguration);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    canAskConfiguration = capabilities.workspace?.configuration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canWatchFolders = capabilities.workspace?.workspaceFolders === true;
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    // Other editors do not send trust; a process is only started when the client says the
    // workspace is trusted.
    const trusted = options.trusted === true;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: URI.file(params.rootPath).toString(), name: 'root' }] : []);
    const log = (message: string) => connection.console.log(message);
    const parseStore = typeof options.storageDir === 'string' && options.storageDir !== '' ? runtime.openParseStore?.(options.storageDir, log) : undefined;
    service = new ConcernsService(connection, runtime, documents, settings, trusted, parseStore);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Concerns' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['`', '/'] },
        executeCommandProvider: { commands: [ServerCommands.updateLineNumbers] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'concerns-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guardNotification(connection, 'initialized', async () => {
      // Index first: nothing below (a client refusing a registration) may stop diagnostics.
      service?.setFolders(folders);
      if (canWatchFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification(connection, 'workspaceFolders', (event) => {
            const removed = new Set(event.removed.map((f) => f.uri));
            folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added];
            service?.setFolders(folders);
          }),
        );
      }
      if (canWatchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(connection, 'configuration', () => {
      settings.clear();
      service?.reindexAll();
    }),
  );

  connection.onDidChangeWatchedFiles(guardNotification(connection, 'watchedFiles', (params) => service?.filesChanged(params.changes)));

  registerFeatures(connection, () => service, documents, runtime);

  const emptySummary: IndexSummary = { documents: [], version: 0 };
  connection.onRequest(IndexSummaryRequest.type, guard0(connection, IndexSummaryRequest.method, emptySummary, () => service?.summary() ?? emptySummary));
  connection.onRequest(DebugInfoRequest.type, () => {
    const info = service?.debugInfo() ?? { passes: 0, passRunning: false, pendingDocs: 0, pendingFileEvents: 0, warming: 0 };
    const memory = process.memoryUsage();
    return { pid: process.pid, heapUsed: memory.heapUsed, memory, ...info };
  });

  // What the parse store still holds is written before the editor stops the process.
  connection.onShutdown(() => service?.flush());

  documents.listen(connection);
  connection.listen();
}
