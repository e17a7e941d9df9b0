import * as vscode from 'vscode';
import { concernsTemplate } from './template';

export const DOCUMENT_PATH = '.planning/codebase/CONCERNS.md';

/**
 * `concerns.createDocument`: `.planning/codebase/CONCERNS.md` in the first workspace folder from
 * the template (a workspace edit, so it can be undone), then opens it. An existing one is opened.
 */
export async function createDocument(): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showErrorMessage('Concerns: open a folder first; the concerns document lives in it.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, ...DOCUMENT_PATH.split('/'));
  if (!(await exists(uri))) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), concernsTemplate(new Date().toISOString().slice(0, 10)));
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(`Concerns: could not create ${DOCUMENT_PATH}.`);
      return undefined;
    }
    // Saved, so the server finds it on disk like any other document.
    await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
  }
  await vscode.window.showTextDocument(uri);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
