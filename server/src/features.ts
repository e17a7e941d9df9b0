import { MessageType, ShowMessageNotification, type CancellationToken, type CodeAction, type Connection, type Position, type Range } from 'vscode-languageserver';
import { brokenReferenceActions, concernActions, showChangesAction } from './core/features/codeActions';
import { driftCodeActions, driftCodeLenses, updateLineNumbersEdit, updateLineNumbersSummary } from './core/drift/documentDrift';
import { codeLenses } from './core/features/codeLens';
import { pathCompletions } from './core/features/completion';
import { DIAGNOSTIC_SOURCE, type ConcernDiagnosticData } from './core/features/diagnostics';
import type { IndexedDocument } from './core/features/indexedDocument';
import type { ResolvedConcern } from './core/model';
import { codeHover } from './core/features/hover';
import { documentLinks } from './core/features/links';
import { markResolvedEdit } from './core/features/markResolved';
import { SourceText } from './core/parse/source';
import { nearestPaths } from './core/features/nearestPath';
import { referenceAt, referenceHover } from './core/features/referenceHover';
import { documentSymbols, foldingRanges, workspaceSymbols } from './core/features/symbols';
import { fileConcerns, fixField, treeConcern, treeData, type TreeConcernCache } from './core/features/tree';
import type { ConcernsService } from './concernsService';
import { concernIn, editBase, isIndexedText, type EditBase } from './editBase';
import { guard } from './guard';
import { registerShowChanges } from './showChanges';
import type { OpenDocuments } from './openDocuments';
import { ConcernRequest, FileConcernsRequest, MarkResolvedRequest, ServerCommands, TreeRequest, type ConcernDetails, type FileConcerns, type FileConcernsParams, type TreeParams, type UpdateLineNumbersArgs } from './protocol';
import { deltaTree, packTree, WirePacker, type WireTree } from './treeWire';
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
          return runtime.readLines(folder.fsPath, abs, start, end);
        });
      }
      const place = s.locate(textDocument.uri);
      if (!place) return null;
      const shifts = documents.shiftsOf(textDocument.uri);
      const line = shifts ? shifts.unmap(position.line) : position.line;
      // VS Code shows the message of a diagnostic under the mouse above the hover: not repeated.
      const here = s.diagnosticsOf(textDocument.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE && contains(d.range, position));
      const underDiagnostic = (doc: IndexedDocument, concern: ResolvedConcern) =>
        here.some((d) => {
          const data = d.data as Partial<ConcernDiagnosticData> | undefined;
          return data?.concernId === concern.id && data.documentUri === doc.uri;
        });
      return codeHover(s.locationIndex, place.folder.uri, place.path, line, underDiagnostic);
    }),
  );

  connection.onCodeAction(
    guard(connection, 'codeAction', [] as CodeAction[], ({ textDocument, context, range }) => {
      const s = service();
      if (!s) return [];
      const actions: CodeAction[] = [];
      const ownDoc = s.indexedDocument(textDocument.uri);
      // A code file: which of a concern's references sit on a diagnostic's line (as published, before edits moved it).
      const place = ownDoc ? undefined : s.locate(textDocument.uri);
      const shifts = documents.shiftsOf(textDocument.uri);
      const referencesAt = (at: NonNullable<typeof place>, concern: ResolvedConcern, line: number) => {
        const written = shifts ? shifts.unmap(line) : line;
        return s.locationIndex.inFile(at.folder.uri, at.path).filter((l) => l.concern === concern && l.startLine <= written && written <= l.endLine).map((l) => l.reference);
      };
      // Edits are computed on the document's text as it is now, stamped with that text's version
      // (see editBase.ts); several diagnostics of one request usually name the same document.
      const bases = new Map<string, EditBase | undefined>();
      const baseOf = (uri: string) => {
        if (!bases.has(uri)) bases.set(uri, editBase(s, documents, uri));
        return bases.get(uri);
      };
      // Edits at the model's positions (a broken reference's, drifted lines): only while the model is of the text now.
      const ownBase = ownDoc ? baseOf(ownDoc.uri) : undefined;
      const ownCurrent = ownBase !== undefined && isIndexedText(s, ownBase);
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const data = diagnostic.data as { concernId?: string; documentUri?: string; path?: string } | undefined;
        if (ownDoc && data?.path && (diagnostic.code === 'missing' || diagnostic.code === 'no-match')) {
          // A broken reference in the document: offer the paths it most likely meant.
          const ref = referenceAt(ownDoc, diagnostic.range.start);
          const folder = s.folderList().find((f) => f.uri === ownDoc.folderUri);
          if (!ref || !folder || !ownCurrent) continue;
          const candidates = nearestPaths(ref.path, folder.workspace.fileIndex()).map((p) => relativeToRoot(p, ownDoc.root));
          actions.push(...brokenReferenceActions(diagnostic, ownDoc.uri, ownBase.version, ref.path, candidates, ref.text));
          continue;
        }
        if (!data?.documentUri) continue;
        const doc = s.indexedDocument(data.documentUri);
        if (!doc) continue;
        const base = baseOf(doc.uri);
        const concern = base && data.concernId !== undefined ? concernIn(s, base, data.concernId) : undefined;
        const edit = concern && base ? markResolvedEdit(new SourceText(base.text), concern) : undefined;
        actions.push(...concernActions(diagnostic, doc, base?.version ?? null, edit));
        // Show changes reads the index (where each reference's code is now), not the document's text.
        const indexed = place ? doc.model.concerns.find((c) => c.id === data.concernId) : undefined;
        const changes = indexed && place ? showChangesAction(diagnostic, doc, indexed, referencesAt(place, indexed, diagnostic.range.start.line)) : undefined;
        if (changes) actions.push(changes);
      }
      // In the document: "Update line numbers" where a reference's code drifted.
      if (ownDoc && ownCurrent) actions.push(...driftCodeActions(ownDoc, range, ownBase.version, context.diagnostics));
      return actions;
    }),
  );

  connection.onDocumentLinks(
    guard(connection, 'documentLinks', [], ({ textDocument }) => {
      const svc = service();
      const doc = svc?.indexedDocument(textDocument.uri);
      return doc && svc ? documentLinks(doc, uriOf, svc.mentions(textDocument.uri)) : [];
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
      // Read from the folder's file index by what was typed: no array of every file is made.
      return pathCompletions(linePrefix, inFiles, folder.workspace.fileIndex(), position, 200, doc.root);
    }),
  );

  const emptyTree: WireTree = { version: 0, documents: [] };
  // Built once per index version: the view asks again after every re-index, and other clients
  // (tests, the status bar of a second window) ask for the same version. Each concern is made
  // and packed again only when the re-index replaced it; a request that says which concerns the
  // client holds is sent those as their stamp alone.
  const treeConcerns: TreeConcernCache = new WeakMap();
  const packer = new WirePacker();
  const tree = perIndexVersion((s) => {
    const names = new Map(s.folderList().map((f) => [f.uri, f.name]));
    return packTree(treeData(s.indexedDocuments(), s.indexVersion, uriOf, (uri) => names.get(uri) ?? uri, treeConcerns), packer);
  });
  const treeRequest = guard(connection, TreeRequest.method, emptyTree, (params: TreeParams | null | undefined) => {
    const s = service();
    return s ? deltaTree(tree(s), params) : emptyTree;
  });
  // By name: its params are optional, and a request without them (other clients, the command
  // line's callers) comes with the token alone. The token comes last; the params, if any, first.
  connection.onRequest(TreeRequest.method, (...args: unknown[]) => treeRequest(args.length > 1 ? (args[0] as TreeParams | null) : undefined, args[args.length - 1] as CancellationToken));

  // Which concerns name which files: of one file (the status bar, the only-active-file filter),
  // or of every file (grouping by file), the latter built once per index version.
  const emptyFiles: FileConcerns = { version: 0, files: [], documents: [] };
  const allFiles = perIndexVersion((s) => fileConcerns(s.locationIndex, s.indexedDocuments(), s.indexVersion, uriOf));
  connection.onRequest(
    FileConcernsRequest.type,
    guard(connection, FileConcernsRequest.method, emptyFiles, (params: FileConcernsParams | null) => {
      const s = service();
      if (!s) return emptyFiles;
      if (typeof params?.uri !== 'string') return allFiles(s);
      const place = s.locate(params.uri);
      return fileConcerns(s.locationIndex, s.indexedDocuments(), s.indexVersion, uriOf, place ? [{ folderUri: place.folder.uri, path: place.path }] : []);
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
      // One concern: every file of every reference (the tree lists the first few), and where it stands now.
      const details: ConcernDetails = { concern: treeConcern(doc, concern, uriOf, Infinity), titleRange: concern.titleRange, markdown };
      const fix = fixField(concern);
      if (fix) details.fixRange = fix.range;
      return details;
    }),
  );

  // "Update line numbers" (code lens, or any client): the edit is applied through the editor, undoable.
  connection.onExecuteCommand(
    guard(connection, 'executeCommand', null, async ({ command, arguments: args }) => {
      if (command !== ServerCommands.updateLineNumbers) return null;
      const { documentUri, concernId } = (args?.[0] ?? {}) as Partial<UpdateLineNumbersArgs>;
      const s = service();
      const doc = documentUri ? s?.indexedDocument(documentUri) : undefined;
      const base = s && doc ? editBase(s, documents, doc.uri) : undefined;
      if (!s || !doc || !base) return null;
      // Where each reference's code is now comes from the last index (drift included): its
      // positions are those of the indexed text. Typed past since, the edit would land elsewhere.
      if (!isIndexedText(s, base)) {
        // A notification: the message needs no answer (a request would wait on the user).
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: STALE_MESSAGE });
        return STALE_MESSAGE;
      }
      const edit = updateLineNumbersEdit(doc, base.version, concernId);
      // How many it left as written, and why (changed, gone, unknown): said once it is done.
      const summary = updateLineNumbersSummary(doc, concernId);
      if (edit) await connection.workspace.applyEdit({ label: 'Update line numbers', edit });
      if (summary) void connection.window.showInformationMessage(summary);
      return summary ?? null;
    }),
  );

  connection.onRequest(
    MarkResolvedRequest.type,
    guard(connection, MarkResolvedRequest.method, null, ({ documentUri, concernId }) => {
      const s = service();
      const base = s?.indexedDocument(documentUri) ? editBase(s, documents, documentUri) : undefined;
      const concern = s && base ? concernIn(s, base, concernId) : undefined;
      if (!base || !concern) return null;
      const edit = markResolvedEdit(new SourceText(base.text), concern);
      if (!edit) return null;
      return { documentChanges: [{ textDocument: { uri: documentUri, version: base.version }, edits: [edit] }] };
    }),
  );

  registerShowChanges(connection, service);
}

/** Said when "Update line numbers" is asked of a document typed in since its last index. */
export const STALE_MESSAGE = 'Concerns: the document changed while its line numbers were being worked out; nothing was changed. Try again in a moment.';

/** A value computed once per index version of the service, and again after each re-index. */
function perIndexVersion<T>(build: (s: ConcernsService) => T): (s: ConcernsService) => T {
  let cached: { service: ConcernsService; version: number; value: T } | undefined;
  return (s) => {
    if (cached?.service !== s || cached.version !== s.indexVersion) cached = { service: s, version: s.indexVersion, value: build(s) };
    return cached.value;
  };
}

/** A workspace path written relative to the document's project root, as the document would. */
function relativeToRoot(path: string, root: string): string {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Whether a position lies in a range (its end included, as the editor's hover does). */
function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}
