// The concern commands the server names (open, fix approach, mark resolved, copy, open reference),
// stepping through a file's concerns, and the concerns document commands.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import { CONCERNS_PATH, activated, concernArgs, fileUri, revertConcerns, until, waitForDiagnostics } from './helpers';

function selectedText(): string {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is active');
  return editor.document.getText(editor.selection);
}

function activePath(): string {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is active');
  return vscode.workspace.asRelativePath(editor.document.uri);
}

suite('Concern commands (e2e)', () => {
  let ctx: ConcernsContext;

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
  });

  teardown(async () => {
    await revertConcerns(ctx);
  });

  test('openConcern opens the document with the title selected', async () => {
    await vscode.commands.executeCommand('concerns.openConcern', concernArgs(ctx, 'Query per order in a loop'));
    assert.equal(activePath(), CONCERNS_PATH);
    assert.match(selectedText(), /^(\*\*)?Query per order in a loop/);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.visibleRanges.some((r) => r.contains(editor.selection)), 'the selection is scrolled into view');
  });

  test('goToFixApproach selects the fix field', async () => {
    await vscode.commands.executeCommand('concerns.goToFixApproach', concernArgs(ctx, 'Legacy sync module kept alive'));
    assert.equal(activePath(), CONCERNS_PATH);
    assert.match(selectedText(), /delete the module and its import/);
    assert.doesNotMatch(selectedText(), /Impact/);
  });

  test('the commands also take a concern node (the view\'s context menu)', async () => {
    const node = ctx.tree!.provider.tree.concerns.values().next().value![0]!;
    await vscode.commands.executeCommand('concerns.openConcern', node);
    assert.equal(selectedText().replace(/\*|:/g, ''), node.concern.title);
  });

  test('markResolved edits the document (unsaved, undoable) and its diagnostics go', async () => {
    const auth = fileUri('src/auth.py');
    await waitForDiagnostics(auth, (ds) => ds.length > 0, 'the Token diagnostic');
    await vscode.commands.executeCommand('concerns.markResolved', concernArgs(ctx, 'Token compared with =='));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fileUri(CONCERNS_PATH).toString());
    assert.ok(doc, 'the edit opened the document');
    assert.ok(doc.isDirty, 'the edit is not saved');
    assert.match(doc.getText(), /\*\*Token compared with == \(RESOLVED\):\*\*/);
    await waitForDiagnostics(auth, (ds) => ds.length === 0, 'no diagnostic once resolved');
    await until(() => (ctx.tree!.view.badge?.value === 4 ? true : undefined), [ctx.index.onDidChange], 'the badge to count 4 open concerns');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(doc.getText(), /RESOLVED\):\*\*\n- Risk/, 'undo removed the marker');
    assert.match(doc.getText(), /\*\*Token compared with ==:\*\*/);
    await waitForDiagnostics(auth, (ds) => ds.length > 0, 'the diagnostic back after undo');
    // On the web, files.autoSave (afterDelay) may have written the resolved text to disk: the
    // undone text is written back, so that no later suite reverting the document finds it resolved.
    if (doc.isDirty) assert.ok(await doc.save(), 'saving the undone text');
  });

  test('markResolved on a resolved concern says so and changes nothing', async () => {
    const before = (await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH))).version;
    const ok = await vscode.commands.executeCommand<boolean>('concerns.markResolved', concernArgs(ctx, 'Connection leak in db helper'));
    assert.equal(ok, false);
    assert.equal((await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH))).version, before);
  });

  test('copyConcern puts the concern\'s markdown on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('concerns.copyConcern', concernArgs(ctx, 'Token compared with =='));
    const text = await vscode.env.clipboard.readText();
    assert.match(text, /^\*\*Token compared with ==:\*\*/);
    assert.match(text, /- Recommendations: use hmac\.compare_digest$/);
    assert.doesNotMatch(text, /Performance Bottlenecks/);
  });

  test('next / previous concern move the cursor through the file, wrapping', async () => {
    const uri = fileUri('src/orders.py');
    // orders.py: the N+1 (lines 6-9) and the order total (12-13); the Legacy concern names it only
    // in its fix approach, which marks nothing.
    const diags = await waitForDiagnostics(uri, (ds) => new Set(ds.map((d) => d.range.start.line)).size === 2, 'two concern diagnostics');
    assert.deepEqual(diags.map((d) => d.range.start.line).sort((a, b) => a - b), [5, 11]);
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const line = () => editor.selection.active.line;
    await vscode.commands.executeCommand('concerns.nextConcern');
    assert.equal(line(), 5);
    await vscode.commands.executeCommand('concerns.nextConcern');
    assert.equal(line(), 11);
    await vscode.commands.executeCommand('concerns.nextConcern');
    assert.equal(line(), 5, 'wraps to the first');
    await vscode.commands.executeCommand('concerns.previousConcern');
    assert.equal(line(), 11, 'wraps to the last');
    await vscode.commands.executeCommand('concerns.previousConcern');
    assert.equal(line(), 5);
  });

  test('openReference opens the file with the lines selected', async () => {
    await vscode.commands.executeCommand('concerns.openReference', { title: 'src/orders.py', uris: [fileUri('src/orders.py').toString()], lines: { start: 6, end: 9 } });
    assert.equal(activePath(), 'src/orders.py');
    const sel = vscode.window.activeTextEditor!.selection;
    assert.equal(sel.start.line, 5);
    assert.equal(sel.end.line, 8);
    assert.match(selectedText(), /^ {4}db = connect\(\)[\s\S]*for i in ids\]$/);
  });

  test('openReference with several files asks which one', async () => {
    const uris = ['requirements.txt', 'requirements-dev.txt'].map((p) => fileUri(p).toString());
    const done = vscode.commands.executeCommand('concerns.openReference', { title: 'requirements*.txt', uris });
    // The quick pick is open: take its second entry.
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.match(activePath(), /^requirements(-dev)?\.txt$/);
  });

  test('createDocument opens the existing document instead of overwriting it', async () => {
    const before = (await vscode.workspace.fs.readFile(fileUri(CONCERNS_PATH))).toString();
    await vscode.commands.executeCommand('concerns.createDocument');
    assert.equal(activePath(), CONCERNS_PATH);
    assert.equal((await vscode.workspace.fs.readFile(fileUri(CONCERNS_PATH))).toString(), before);
  });

  test('openDocument opens the concerns document', async () => {
    await vscode.window.showTextDocument(fileUri('src/db.py'));
    await vscode.commands.executeCommand('concerns.openDocument');
    assert.equal(activePath(), CONCERNS_PATH);
  });
});
