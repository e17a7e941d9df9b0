// Shared by the e2e test files (bundled into each): the extension's context, the fixture's files,
// and event-driven waits with deadlines (never fixed sleeps).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import type { Node } from '../../../client/src/tree/nodes';

export const EXTENSION_ID = 'concerns-lens.concerns-lens';
export const CONCERNS_PATH = '.planning/codebase/CONCERNS.md';
export const DEADLINE_MS = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e launcher must open the fixture workspace as a folder');
  return folder.uri;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Activates the extension and waits until its view holds the server's first answer. */
export async function activated(): Promise<ConcernsContext> {
  const ext = vscode.extensions.getExtension<ConcernsContext>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const ctx = await ext.activate();
  assert.ok(ctx.tree, 'the context exposes the Concerns view');
  // activate() returns before the language client has started (it loads in the background).
  await ctx.ready;
  await until(() => (ctx.index.ready && ctx.index.documents.length > 0 ? true : undefined), [ctx.index.onDidChange], 'the first concerns tree');
  original ??= snapshot(ctx);
  return ctx;
}

/** The index as the fixture has it on disk (taken at the first activation of each test file). */
let original: string | undefined;

function snapshot(ctx: ConcernsContext): string {
  return ctx.index.documents.flatMap((d) => d.concerns.map((c) => `${c.title}${c.resolved ? ' [resolved]' : ''}`)).join(' | ');
}

/**
 * Resolves with `check()`'s value once it is defined: checks now, then after each of `events`.
 * Rejects at the deadline with `what` and, if given, `describe()` of what was there instead.
 */
export function until<T>(check: () => T | undefined, events: vscode.Event<unknown>[], what: string, describe?: () => string, timeoutMs = DEADLINE_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const listeners: vscode.Disposable[] = [];
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; found: ${describe()}` : ''}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      for (const l of listeners) l.dispose();
    }
    const test = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    for (const event of events) listeners.push(event(test));
    test();
  });
}

export function concernDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'concerns');
}

/** The concern diagnostics of `uri` once `predicate` holds for them. */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (diags: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return until(
    () => {
      const diags = concernDiagnostics(uri);
      return predicate(diags) ? diags : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    `${what} on ${vscode.workspace.asRelativePath(uri)}`,
    () => concernDiagnostics(uri).map((d) => `line ${d.range.start.line}: ${d.message.split('\n')[0]}`).join('; ') || '(none)',
  );
}

/** A concern of the fixture by title: its command arguments. */
export function concernArgs(ctx: ConcernsContext, title: string): { documentUri: string; concernId: string } {
  for (const doc of ctx.index.documents) {
    const c = doc.concerns.find((x) => x.title === title);
    if (c) return { documentUri: c.documentUri, concernId: c.id };
  }
  assert.fail(`no concern titled "${title}" in ${ctx.index.documents.map((d) => d.concerns.map((c) => c.title).join(', ')).join('; ')}`);
}

/** `label (description)` of each child of `node` (the roots when undefined). */
export function rows(ctx: ConcernsContext, node?: Node): string[] {
  const provider = ctx.tree!.provider;
  return provider.getChildren(node).map((n) => {
    const item = provider.getTreeItem(n);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return item.description ? `${label} (${String(item.description)})` : label;
  });
}

export function rootNodes(ctx: ConcernsContext): Node[] {
  return ctx.tree!.provider.getChildren();
}

/** Waits for the view to be rebuilt after `action` until `check` holds. */
export async function afterViewChange<T>(ctx: ConcernsContext, action: () => Thenable<unknown>, check: () => T | undefined, what: string): Promise<T> {
  const waiting = until(check, [ctx.tree!.provider.onDidChangeTreeData], what, () => rows(ctx).join(', '));
  await action();
  return waiting;
}

/** Replaces the first occurrence of `from` by `to` in the open document, without saving. */
export async function editDocument(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const offset = doc.getText().indexOf(from);
  assert.ok(offset >= 0, `"${from}" not found in ${doc.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the edit');
}

/** Reverts the concerns document if a test left it changed, and waits for the view to agree. */
export async function revertConcerns(ctx: ConcernsContext): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri(CONCERNS_PATH).toString());
  if (!doc?.isDirty) return;
  // The revert command acts on the active editor, which a busy workbench may not have switched
  // to yet (a revert left an edit in about one run in five): again, then the text on disk
  // written back and saved, which leaves the same bytes on disk.
  for (let attempt = 0; attempt < 3 && doc.isDirty; attempt++) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    if (doc.isDirty) await new Promise((r) => setTimeout(r, 200));
  }
  if (doc.isDirty) {
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), disk);
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused to put the text back');
    assert.ok(await doc.save(), 'saving the text back failed');
  }
  assert.equal(doc.isDirty, false, 'revert left the document dirty');
  await until(() => (snapshot(ctx) === original ? true : undefined), [ctx.index.onDidChange], 'the index to match the fixture again', () => snapshot(ctx));
}

/**
 * Types `text` with the real keyboard into whatever has focus (a quick input, say), where the
 * browser launcher can: it reads the request off the extension host's console. Undefined where
 * it cannot (the desktop launcher has no page to type into).
 */
export function typeKeys(text: string): true | undefined {
  if (process.env.CONCERNS_E2E_LAUNCHER !== 'code-server') return undefined;
  console.log(`[e2e-keys] ${JSON.stringify(text)}`);
  return true;
}
