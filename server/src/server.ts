import { DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult, type WorkspaceFolder } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ConcernsService } from './concernsService';
import { guard, guardNotification } from './guard';
import { IndexSummaryRequest, type IndexSummary, type InitializationOptions } from './protocol';
import type { Runtime } from './runtime';
import { SettingsCache } from './settings';

/**
 * Wires the language server's handlers to the concerns service. Every handler is guarded: an
 * exception is logged and answered with a fallback, and the server keeps serving.
 */
export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  let folders: WorkspaceFolder[] = [];
  let canAskConfiguration = false;
  let canWatchFiles = false;
  let service: ConcernsService | undefined;
  const settings = new SettingsCache(connection, () => canAskConfiguration);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    canAskConfiguration = capabilities.workspace?.configuration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const options = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    // Other editors do not send trust; a process is only started when the client says the
    // workspace is trusted.
    const trusted = options.trusted === true;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : params.rootPath ? [{ uri: URI.file(params.rootPath).toString(), name: 'root' }] : []);
    service = new ConcernsService(connection, runtime, documents, settings, trusted);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'concerns-lens', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guardNotification(connection, 'initialized', async () => {
      if (canWatchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
      }
      if (canAskConfiguration) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guardNotification(connection, 'workspaceFolders', (event) => {
            const removed = new Set(event.removed.map((f) => f.uri));
            folders = [...folders.filter((f) => !removed.has(f.uri)), ...event.added];
            service?.setFolders(folders);
          }),
        );
      }
      service?.setFolders(folders);
    }),
  );

  connection.onDidChangeConfiguration(
    guardNotification(connection, 'configuration', () => {
      settings.clear();
      service?.reindexAll();
    }),
  );

  connection.onDidChangeWatchedFiles(guardNotification(connection, 'watchedFiles', (params) => service?.filesChanged(params.changes)));

  documents.onDidChangeContent(guardNotification(connection, 'didChange', (event) => service?.documentChanged(event.document.uri)));
  // Closing an edited document without saving brings back the text on disk.
  documents.onDidClose(guardNotification(connection, 'didClose', (event) => service?.documentChanged(event.document.uri)));

  const emptySummary: IndexSummary = { documents: [], version: 0 };
  connection.onRequest(IndexSummaryRequest.type, guard(connection, IndexSummaryRequest.method, emptySummary, () => service?.summary() ?? emptySummary));

  documents.listen(connection);
  connection.listen();
}
