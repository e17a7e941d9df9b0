import type { CodeAction, Connection } from 'vscode-languageserver';
import { brokenReferenceActions, concernActions } from './core/features/codeActions';
import { driftCodeActions, driftCodeLenses, updateLineNumbersEdit } from './core/drift/documentDrift';
import { codeLenses } from './core/features/codeLens';
import { pathCompletions } from './core/features/completion';
import { DIAGNOSTIC_SOURCE } from './core/features/diagnostics';
import { codeHover } from './core/features/hover';
import { documentLinks } from './core/features/links';
import { markResolvedEdit } from './core/features/markResolved';
import { SourceText } from './core/parse/source';
import { nearestPaths } from './core/features/nearestPath';
import { referenceAt, referenceHover } from './core/features/referenceHover';
import { documentSymbols, foldingRanges, workspaceSymbols } from './core/features/symbols';
import { treeConcern, treeData } from './core/features/tree';
import type { ConcernsService } from './concernsService';
import { guard, guard0 } from './guard';
import type { OpenDocuments } from './openDocuments';
import { ConcernRequest, MarkResolvedRequest, ServerCommands, TreeRequest, type ConcernDetails, type TreeData, type UpdateLineNumbersArgs } from './protocol';
import type { Runtime } from './runtime';

/**
 * The language features, each a thin handler over the pure core: find the document or file,
 * ask the core, answer. Every handler is guarded (logged fallback, cancellation honoured).
 */
export function registerFeatures(connection: Connection, service: () => ConcernsService | undefined, documents: OpenDocuments, runtime: Runtime): void {
  const uriOf = (folderUri: string, path: string) => {
    const folder = service()?.folderList().find((f) => f.uri === folderUri);
    return folder ? service()!.uriOf(folder, path) : path;
  };
  const versionOf = (uri: string) => documents.get(uri)?.version ?? null;

  connection.onHover(
    guard(connection, 'hover', null, ({ textDocument, position }) => {
      const s = service();
      if (!s) return null;
      const doc = s.indexedDocument(textDocument.uri);
      if (doc) {
        return referenceHover(doc, position, (folderUri, path, start, end) => {
          const folder = s.folderList().find((f) => f.uri === folderUri);
          const abs = folder?.workspace.absolute(path);
          // Only what the workspace view can stat is read: no path outside the folder, no link out.
          if (!folder || !abs || folder.workspace.stat(path)?.type !== 'file') return undefined;
          return runtime.readLines(abs, start, end);
        });
      }
      const place = s.locate(textDocument.uri);
      if (!place) return null;
      const shifts = documents.shiftsOf(textDocument.uri);
      const line = shifts ? shifts.unmap(position.line) : position.line;
      return codeHover(s.locationIndex, place.folder.uri, place.path, line);
    }),
  );

  connection.onCodeAction(
    guard(connection, 'codeAction', [] as CodeAction[], ({ textDocument, context, range }) => {
      const s = service();
      if (!s) return [];
      const actions: CodeAction[] = [];
      const ownDoc = s.indexedDocument(textDocument.uri);
      // Several diagnostics of one request usually name the same document: read it once.
      const sources = new Map<string, SourceText | undefined>();
      const sourceOf = (uri: string) => {
        if (!sources.has(uri)) {
          const text = s.textOf(uri);
          sources.set(uri, text === undefined ? undefined : new SourceText(text));
        }
        return sources.get(uri);
      };
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const data = diagnostic.data as { concernId?: string; documentUri?: string; path?: string } | undefined;
        if (ownDoc && data?.path && (diagnostic.code === 'missing' || diagnostic.code === 'no-match')) {
          // A broken reference in the document: offer the paths it most likely meant.
          const ref = referenceAt(ownDoc, diagnostic.range.start);
          const folder = s.folderList().find((f) => f.uri === ownDoc.folderUri);
          if (!ref || !folder) continue;
          const candidates = nearestPaths(ref.path, folder.workspace.files()).map((p) => relativeToRoot(p, ownDoc.root));
          actions.push(...brokenReferenceActions(diagnostic, ownDoc.uri, versionOf(ownDoc.uri), ref.path, candidates, ref.text));
          continue;
        }
        if (!data?.documentUri) continue;
        const doc = s.indexedDocument(data.documentUri);
        if (!doc) continue;
        const concern = doc.model.concerns.find((c) => c.id === data.concernId);
        const source = concern ? sourceOf(doc.uri) : undefined;
        const edit = concern && source ? markResolvedEdit(source, concern) : undefined;
        actions.push(...concernActions(diagnostic, doc, versionOf(doc.uri), edit));
      }
      // In the document: "Update line numbers" where a reference's code drifted.
      if (ownDoc) actions.push(...driftCodeActions(ownDoc, range, versionOf(ownDoc.uri), context.diagnostics));
      return actions;
    }),
  );

  connection.onDocumentLinks(
    guard(connection, 'documentLinks', [], ({ textDocument }) => {
      const doc = service()?.indexedDocument(textDocument.uri);
      return doc ? documentLinks(doc, uriOf) : [];
    }),
  );

  connection.onDocumentSymbol(
    guard(connection, 'documentSymbol', [], ({ textDocument }) => {
      const doc = service()?.indexedDocument(textDocument.uri);
      return doc ? documentSymbols(doc) : [];
    }),
  );

  connection.onWorkspaceSymbol(guard(connection, 'workspaceSymbol', [], ({ query }) => workspaceSymbols(service()?.indexedDocuments() ?? [], query)));

  connection.onFoldingRanges(
    guard(connection, 'foldingRanges', [], ({ textDocument }) => {
      const doc = service()?.indexedDocument(textDocument.uri);
      return doc ? foldingRanges(doc) : [];
    }),
  );

  connection.onCodeLens(
    guard(connection, 'codeLens', [], ({ textDocument }) => {
      const doc = service()?.indexedDocument(textDocument.uri);
      return doc ? [...codeLenses(doc), ...driftCodeLenses(doc)] : [];
    }),
  );

  connection.onCompletion(
    guard(connection, 'completion', [], ({ textDocument, position }) => {
      const s = service();
      const doc = s?.indexedDocument(textDocument.uri);
      const open = documents.get(textDocument.uri);
      if (!s || !doc || !open) return [];
      const linePrefix = open.getText({ start: { line: position.line, character: 0 }, end: position });
      const inFiles =
        /(?:files?|location|where|文件)\s*(?:\*\*)?\s*[:：]/i.test(linePrefix) ||
        doc.model.concerns.some((c) => c.fields.some((f) => f.name === 'files' && f.range.start.line <= position.line && position.line <= f.range.end.line));
      const folder = s.folderList().find((f) => f.uri === doc.folderUri);
      if (!folder) return [];
      const files = doc.root ? folder.workspace.files().filter((f) => f.startsWith(`${doc.root}/`)).map((f) => f.slice(doc.root.length + 1)) : folder.workspace.files();
      return pathCompletions(linePrefix, inFiles, files, position);
    }),
  );

  const emptyTree: TreeData = { version: 0, documents: [] };
  // Built once per index version: the view asks again after every re-index, and other clients
  // (tests, the status bar of a second window) ask for the same version.
  let tree: { service: ConcernsService; data: TreeData } | undefined;
  connection.onRequest(
    TreeRequest.type,
    guard0(connection, TreeRequest.method, emptyTree, () => {
      const s = service();
      if (!s) return emptyTree;
      if (tree?.service === s && tree.data.version === s.indexVersion) return tree.data;
      const names = new Map(s.folderList().map((f) => [f.uri, f.name]));
      tree = { service: s, data: treeData(s.indexedDocuments(), s.indexVersion, uriOf, (uri) => names.get(uri) ?? uri) };
      return tree.data;
    }),
  );

  connection.onRequest(
    ConcernRequest.type,
    guard(connection, ConcernRequest.method, null as ConcernDetails | null, ({ documentUri, concernId }) => {
      const s = service();
      const doc = s?.indexedDocument(documentUri);
      const concern = doc?.model.concerns.find((c) => c.id === concernId);
      const text = s?.textOf(documentUri);
      if (!doc || !concern || text === undefined) return null;
      const markdown = new SourceText(text).textIn(concern.range).trimEnd();
      return { concern: treeConcern(doc, concern, uriOf), markdown };
    }),
  );

  // "Update line numbers" (code lens, or any client): the edit is applied through the editor, undoable.
  connection.onExecuteCommand(
    guard(connection, 'executeCommand', null, async ({ command, arguments: args }) => {
      if (command !== ServerCommands.updateLineNumbers) return null;
      const { documentUri, concernId } = (args?.[0] ?? {}) as Partial<UpdateLineNumbersArgs>;
      const doc = documentUri ? service()?.indexedDocument(documentUri) : undefined;
      const edit = doc ? updateLineNumbersEdit(doc, versionOf(doc.uri), concernId) : undefined;
      if (!edit) return null;
      await connection.workspace.applyEdit({ label: 'Update line numbers', edit });
      return null;
    }),
  );

  connection.onRequest(
    MarkResolvedRequest.type,
    guard(connection, MarkResolvedRequest.method, null, ({ documentUri, concernId }) => {
      const s = service();
      const doc = s?.indexedDocument(documentUri);
      const concern = doc?.model.concerns.find((c) => c.id === concernId);
      const text = s?.textOf(documentUri);
      if (!doc || !concern || text === undefined) return null;
      const edit = markResolvedEdit(new SourceText(text), concern);
      if (!edit) return null;
      return { documentChanges: [{ textDocument: { uri: documentUri, version: versionOf(documentUri) }, edits: [edit] }] };
    }),
  );
}

/** A workspace path written relative to the document's project root, as the document would. */
function relativeToRoot(path: string, root: string): string {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
