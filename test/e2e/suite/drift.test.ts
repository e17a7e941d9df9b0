// Drift in the editor: the launcher made the workspace copy a git repository (one commit), so the
// server follows each reference from that commit to the working tree. These tests change
// referenced files on disk (as a checkout or another tool would) and wait for the server's drift
// pass: the diagnostic moves, the view shows moved / changed and filters to changed code, a
// reference opens where its code is now, and the "Update line numbers" code lens edits the
// document (unsaved, undoable). Every file is put back afterwards, for the suites that follow.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import type { TreeConcern, TreeReference } from '../../../server/src/protocol';
import type { Node } from '../../../client/src/tree/nodes';
import { CONCERNS_PATH, activated, afterViewChange, concernDiagnostics, fileUri, revertConcerns, rootNodes, rows, until, waitForDiagnostics } from './helpers';

const TOKEN = 'Token compared with ==';
const QUERY = 'Query per order in a loop';

function concernOf(ctx: ConcernsContext, title: string): TreeConcern | undefined {
  for (const doc of ctx.index.documents) {
    const c = doc.concerns.find((x) => x.title === title);
    if (c) return c;
  }
  return undefined;
}

function firstRef(ctx: ConcernsContext, title: string): TreeReference | undefined {
  return concernOf(ctx, title)?.references[0];
}

/** Waits until the first reference of the concern titled `title` satisfies `check`. */
function waitForRef(ctx: ConcernsContext, title: string, check: (r: TreeReference) => boolean, what: string): Promise<TreeReference> {
  return until(
    () => {
      const ref = firstRef(ctx, title);
      return ref && check(ref) ? ref : undefined;
    },
    [ctx.index.onDidChange],
    `${what} (${title})`,
    () => JSON.stringify(firstRef(ctx, title) ?? null),
  );
}

async function write(relative: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relative), Buffer.from(text, 'utf8'));
}

/** The view's node of the concern titled `title` (grouped by category). */
function concernNode(ctx: ConcernsContext, title: string): Node {
  const provider = ctx.tree!.provider;
  for (const group of rootNodes(ctx)) {
    for (const node of provider.getChildren(group)) {
      if (node.kind === 'concern' && node.concern.title === title) return node;
    }
  }
  assert.fail(`no node for "${title}" in ${rows(ctx).join(', ')}`);
}

suite('Drift (e2e)', () => {
  let ctx: ConcernsContext;
  const originals = new Map<string, string>();

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
    for (const p of ['src/auth.py', 'src/orders.py']) originals.set(p, (await vscode.workspace.fs.readFile(fileUri(p))).toString());
    // The first drift pass runs after the first index: against the one commit, everything is exact.
    await waitForRef(ctx, TOKEN, (r) => r.state === 'exact', 'the first drift pass (exact)');
  });

  suiteTeardown(async function () {
    this.timeout(60_000);
    await revertConcerns(ctx);
    const state = ctx.tree!.state;
    if (state.onlyChanged) await state.setOnlyChanged(false);
    for (const [p, text] of originals) await write(p, text);
    await waitForRef(ctx, TOKEN, (r) => r.state === 'exact', 'src/auth.py put back');
    await waitForRef(ctx, QUERY, (r) => r.state === 'exact', 'src/orders.py put back');
    await waitForDiagnostics(fileUri('src/auth.py'), (ds) => ds.some((d) => d.range.start.line === 2), 'the diagnostic back on the written lines');
  });

  test('lines inserted above a referenced range: the diagnostic and the view follow the code (moved)', async () => {
    const auth = fileUri('src/auth.py');
    assert.ok(concernDiagnostics(auth).some((d) => d.range.start.line === 2), 'before: the diagnostic is on the written lines 3-5');
    await write('src/auth.py', `# Token checks.\n# Keep constant-time.\n${originals.get('src/auth.py')!}`);

    const diags = await waitForDiagnostics(auth, (ds) => ds.some((d) => d.range.start.line === 4 && d.message.includes('Token compared')), 'the diagnostic on lines 5-7');
    assert.ok(!diags.some((d) => d.range.start.line === 2), 'no diagnostic left on the written lines');

    const ref = await waitForRef(ctx, TOKEN, (r) => r.state === 'moved', 'the reference moved');
    assert.deepEqual(ref.currentRanges, [{ start: 5, end: 7 }]);
    assert.equal(concernOf(ctx, TOKEN)?.driftState, 'moved');

    // The view: the reference says where the code is now, with the moved icon; a click opens it there.
    const node = concernNode(ctx, TOKEN);
    await until(() => (rows(ctx, node)[0]?.includes('moved') ? true : undefined), [ctx.tree!.provider.onDidChangeTreeData], 'the view to show the moved reference', () => rows(ctx, node).join(', '));
    assert.deepEqual(rows(ctx, node), ['src/auth.py (lines 3-5 · moved → lines 5-7)']);
    const refNode = ctx.tree!.provider.getChildren(node)[0]!;
    const item = ctx.tree!.provider.getTreeItem(refNode);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'arrow-right');
    assert.match(item.tooltip as string, /moved since the analysis: now lines 5-7/);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...((item.command.arguments ?? []) as unknown[]));
    const editor = vscode.window.activeTextEditor!;
    assert.equal(vscode.workspace.asRelativePath(editor.document.uri), 'src/auth.py');
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [4, 6], 'lines 5-7 selected, where the code is now');
    assert.match(editor.document.getText(editor.selection), /^def check_token\(given\):/);
  });

  test('a referenced range rewritten: changed, and the filter shows only concerns whose code changed', async () => {
    const lines = originals.get('src/orders.py')!.split('\n');
    // Lines 7-9 of list_orders rewritten (same line count: order_total below stays where it was).
    lines.splice(6, 3, '    return db.query(', '        "SELECT o.* FROM orders o WHERE o.customer_id = ?",', '        customer_id)');
    await write('src/orders.py', lines.join('\n'));
    const ref = await waitForRef(ctx, QUERY, (r) => r.state === 'changed', 'the reference changed');
    assert.equal(concernOf(ctx, QUERY)?.driftState, 'changed');

    const node = concernNode(ctx, QUERY);
    const item = ctx.tree!.provider.getTreeItem(node);
    assert.match(String(item.description), /^✎ changed · /);
    const refItem = ctx.tree!.provider.getTreeItem(ctx.tree!.provider.getChildren(node)[0]!);
    assert.match(String(refItem.description), /· changed/);
    assert.equal((refItem.iconPath as vscode.ThemeIcon).id, 'diff-modified');
    assert.ok(ref.currentTarget, 'a changed reference opens where its code is now');

    // The filter: only the changed concern; the moved one (Token) and the unchanged ones are hidden.
    const shown = await afterViewChange(
      ctx,
      () => vscode.commands.executeCommand('concerns.onlyChanged'),
      () => (rows(ctx).length === 1 ? rows(ctx) : undefined),
      'only the changed concern',
    );
    assert.deepEqual(shown, ['Performance Bottlenecks (1 concern)']);
    assert.deepEqual(rows(ctx, rootNodes(ctx)[0]).map((r) => r.split(' (')[0]), [QUERY]);
    assert.equal(ctx.tree!.state.onlyChanged, true);
    assert.match(ctx.tree!.view.message ?? '', /Only concerns whose code changed since the analysis · 4 more hidden/);

    // Off again: every open concern is back.
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.onlyChanged'), () => (rows(ctx).length === 5 ? true : undefined), 'all five categories again');
    assert.equal(ctx.tree!.view.message, undefined);
  });

  test('a changed concern whose code left the file sits on the file as a whole, not on its last line', async () => {
    const orders = fileUri('src/orders.py');
    // list_orders and order_total replaced by two lines of other code: the written lines 6-9 map
    // into the replacement, which would put the concern on the file's last line (6).
    const lines = originals.get('src/orders.py')!.split('\n').slice(0, 4);
    await write('src/orders.py', [...lines, 'def archive(path):', '    return compress(path)', ''].join('\n'));
    const diags = await waitForDiagnostics(orders, (ds) => ds.some((d) => d.message.includes(QUERY) && d.range.start.line === 0), 'the concern on the file as a whole');
    const query = diags.filter((d) => d.message.includes(QUERY));
    assert.equal(query.length, 1, JSON.stringify(query.map((d) => [d.range.start.line, d.message])));
    assert.match(query[0]!.message, /written about lines 6-9 at \w{7}, which changed since the analysis/);
    assert.equal(diags.some((d) => d.range.start.line === 5), false, 'nothing on the last line');
    const ref = await waitForRef(ctx, QUERY, (r) => r.state === 'changed' && r.driftNote !== undefined, 'the reference changed past recognition');
    assert.deepEqual(ref.currentRanges, []);
  });

  test('the "Update line numbers" code lens rewrites the drifted reference, unsaved and undoable', async () => {
    await waitForRef(ctx, TOKEN, (r) => r.state === 'moved', 'the Token reference still moved');
    const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
    await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    assert.ok(before.includes('`src/auth.py` (lines 3-5)'));
    const titleLine = before.split('\n').findIndex((l) => l.includes(TOKEN));

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find((l) => l.range.start.line === titleLine && /^Update line numbers/.test(l.command?.title ?? ''));
    assert.ok(lens?.command, `an "Update line numbers" lens on the Token concern; found: ${lenses.map((l) => `${l.range.start.line}: ${l.command?.title ?? ''}`).join('; ')}`);
    assert.equal(lens.command.command, 'concerns.server.updateLineNumbers');
    assert.ok(lenses.some((l) => /^Update all line numbers/.test(l.command?.title ?? '')), 'and one for the whole document');

    const edited = until(() => (doc.getText().includes('`src/auth.py` (lines 5-7)') ? true : undefined), [vscode.workspace.onDidChangeTextDocument], 'the reference rewritten to lines 5-7', () => doc.getText().split('\n').find((l) => l.includes('src/auth.py')) ?? '');
    await vscode.commands.executeCommand(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    await edited;
    assert.equal(doc.isDirty, true, 'the edit is not saved');
    assert.equal(doc.getText(), before.replace('`src/auth.py` (lines 3-5)', '`src/auth.py` (lines 5-7)'), 'only that reference changed');
    assert.equal((await vscode.workspace.fs.readFile(doc.uri)).toString(), before, 'the file on disk is untouched');

    // One undo takes it back.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await until(() => (doc.getText() === before ? true : undefined), [vscode.workspace.onDidChangeTextDocument], 'the undo to restore the document', () => doc.getText().split('\n').find((l) => l.includes('src/auth.py')) ?? '');
  });
});
