import * as vscode from 'vscode';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { MarkResolvedRequest } from '../../../server/src/protocol';
import type { ConcernsContext } from '../context';
import { concernArgsOf } from './open';

/**
 * `concerns.markResolved`: asks the server for the edit (` (RESOLVED)` after the title) and
 * applies it as a workspace edit: unsaved and undoable. The edit names the document version the
 * server computed it on; if the document has changed since, it is refused, not applied.
 */
export async function markResolved(ctx: ConcernsContext, arg: unknown): Promise<boolean> {
  const args = concernArgsOf(arg);
  const client = await ctx.readyClient();
  if (!args || !client) {
    void vscode.window.showErrorMessage('Concerns: no concern to mark resolved.');
    return false;
  }
  const title = ctx.index.concern(vscode.Uri.parse(args.documentUri).toString(), args.concernId)?.title ?? args.concernId;
  const lspEdit = await client.sendRequest<WorkspaceEdit | null>(MarkResolvedRequest.method, args);
  if (!lspEdit) {
    void vscode.window.showErrorMessage(`Concerns: "${title}" cannot be marked resolved (it is already resolved, or no longer in the document).`);
    return false;
  }
  const stale = staleDocument(lspEdit);
  if (stale) {
    void vscode.window.showErrorMessage(`Concerns: ${vscode.workspace.asRelativePath(stale)} changed while the edit was computed; try again.`);
    return false;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(lspEdit);
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) {
    void vscode.window.showErrorMessage(`Concerns: the editor refused the edit marking "${title}" resolved.`);
    return false;
  }
  return true;
}

/** A document the edit was computed for at a version it no longer has. */
function staleDocument(edit: WorkspaceEdit): vscode.Uri | undefined {
  for (const change of edit.documentChanges ?? []) {
    const textEdit = change as Partial<TextDocumentEdit>;
    const version = textEdit.textDocument?.version;
    if (!textEdit.textDocument || version === null || version === undefined) continue;
    const uri = vscode.Uri.parse(textEdit.textDocument.uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && open.version !== version) return uri;
  }
  return undefined;
}
