// "Show changes since the analysis" in the editor: the launcher made the workspace copy a git
// repository (one commit, the analysis), so a referenced file changed on disk has a baseline to
// compare with. From the view's context menu, the hover and the quick fix, the diff editor opens
// with the file as it was at that commit (left, read-only, served by the server) against the file
// now (right), the lines where the code is now selected and scrolled into view; for deleted code,
// the old text alone at the lines written. Every file is put back afterwards, for the suites that follow.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import type { ReferenceNode } from '../../../client/src/tree/nodes';
import type { TreeReference } from '../../../server/src/protocol';
import { activated, fileUri, rootNodes, rows, until, waitForDiagnostics } from './helpers';

const TOKEN = 'Token compared with ==';
const QUERY = 'Query per order in a loop';
/** Lines put above the Token range: its code moves from lines 3-5 to 203-205, well below the first screen. */
const INSERTED = 200;

function referenceOf(ctx: ConcernsContext, title: string): TreeReference | undefined {
  for (const doc of ctx.index.documents) {
    const concern = doc.concerns.find((c) => c.title === title);
    if (concern) return concern.references[0];
  }
  return undefined;
}

function waitForState(ctx: ConcernsContext, title: string, state: TreeReference['state']): Promise<TreeReference> {
  return until(
    () => {
      const ref = referenceOf(ctx, title);
      return ref?.state === state ? ref : undefined;
    },
    [ctx.index.onDidChange],
    `${title}: ${state}`,
    () => JSON.stringify(referenceOf(ctx, title) ?? null),
  );
}

/** The view's node of the first reference of the concern titled `title` (grouped by category). */
function referenceNode(ctx: ConcernsContext, title: string): ReferenceNode {
  const provider = ctx.tree!.provider;
  for (const group of rootNodes(ctx)) {
    for (const node of provider.getChildren(group)) {
      if (node.kind !== 'concern' || node.concern.title !== title) continue;
      const ref = provider.getChildren(node)[0];
      if (ref?.kind === 'reference') return ref;
    }
  }
  assert.fail(`no reference node for "${title}" in ${rows(ctx).join(', ')}`);
}

/** The active tab once it is a diff of a baseline document against `right`. */
function diffTab(right: vscode.Uri): Promise<{ tab: vscode.Tab; input: vscode.TabInputTextDiff }> {
  return until(
    () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      const input = tab?.input;
      if (!(input instanceof vscode.TabInputTextDiff) || input.modified.toString() !== right.toString()) return undefined;
      return input.original.scheme === 'concerns-baseline' ? { tab: tab!, input } : undefined;
    },
    [vscode.window.tabGroups.onDidChangeTabs, vscode.window.onDidChangeActiveTextEditor],
    'the diff editor of the baseline against the working tree',
    () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return `${tab?.label ?? '(no tab)'} ${JSON.stringify(tab?.input ?? null)}`;
    },
  );
}

/** The editor of `uri` once its visible ranges include 0-based `line` (the diff's right side scrolls after it opens). */
function revealed(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  // Every visible editor of the file: another one (an earlier suite's, in another group) may
  // show it too, and the diff's right side is the one that must show the line.
  const editorsOf = () => vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === uri.toString());
  return until(
    () => editorsOf().find((editor) => editor.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line)),
    [vscode.window.onDidChangeTextEditorVisibleRanges, vscode.window.onDidChangeVisibleTextEditors],
    `line ${line + 1} of ${vscode.workspace.asRelativePath(uri)} in view`,
    () => JSON.stringify(editorsOf().map((e) => e.visibleRanges)),
  );
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('Show changes since the analysis (e2e)', () => {
  let ctx: ConcernsContext;
  const originals = new Map<string, string>();
  const auth = () => fileUri('src/auth.py');

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
    for (const p of ['src/auth.py', 'src/orders.py']) originals.set(p, (await vscode.workspace.fs.readFile(fileUri(p))).toString());
    await waitForState(ctx, TOKEN, 'exact');
    assert.equal(referenceOf(ctx, TOKEN)?.showChanges, undefined, 'unchanged code offers no changes');
    assert.doesNotMatch(String(ctx.tree!.provider.getTreeItem(referenceNode(ctx, TOKEN)).contextValue), /\.changes$/, 'nor the context menu');
    const header = Array.from({ length: INSERTED }, (_, i) => `# note ${i + 1}`).join('\n');
    const written = `${header}\n${originals.get('src/auth.py')!}`;
    await vscode.workspace.fs.writeFile(auth(), Buffer.from(written, 'utf8'));
    // An earlier suite may have left the file's document loaded: the editor reloads it from disk
    // a moment after the write, and a diff opened before that is of the old text (the lines to
    // reveal are past its end).
    const loaded = vscode.workspace.textDocuments.find((d) => d.uri.toString() === auth().toString());
    if (loaded) await until(() => (loaded.getText() === written ? true : undefined), [vscode.workspace.onDidChangeTextDocument], 'the loaded src/auth.py reloaded from disk');
    const moved = await waitForState(ctx, TOKEN, 'moved');
    assert.deepEqual(moved.currentRanges, [{ start: 3 + INSERTED, end: 5 + INSERTED }]);
  });

  suiteTeardown(async function () {
    this.timeout(60_000);
    await closeAll();
    for (const [p, text] of originals) await vscode.workspace.fs.writeFile(fileUri(p), Buffer.from(text, 'utf8'));
    await waitForState(ctx, TOKEN, 'exact');
    await waitForState(ctx, QUERY, 'exact');
  });

  teardown(closeAll);

  test('from the view: the diff opens with the baseline left, the file right, the lines where the code is now revealed', async () => {
    const node = referenceNode(ctx, TOKEN);
    const item = ctx.tree!.provider.getTreeItem(node);
    assert.equal(item.contextValue, 'reference.file.changes', 'the context menu offers Show changes');
    assert.match(String(ctx.tree!.provider.getTreeItem(node.parent).contextValue), /^concern\.changes$/);

    await vscode.commands.executeCommand('concerns.showChanges', node);
    const { tab, input } = await diffTab(auth());
    assert.match(tab.label, /^auth\.py \(at [0-9a-f]{7}\) ↔ working tree$/);

    const left = await vscode.workspace.openTextDocument(input.original);
    assert.equal(left.getText(), originals.get('src/auth.py'), 'left: the file as it was at the analysis');
    assert.equal(left.languageId, 'python');
    const right = await revealed(auth(), 2 + INSERTED);
    assert.equal(right.document.getText(), (await vscode.workspace.fs.readFile(auth())).toString(), 'right: the working tree file');
    assert.deepEqual([right.selection.start.line, right.selection.end.line], [2 + INSERTED, 4 + INSERTED], 'lines 203-205 selected');
    assert.match(right.document.getText(right.selection), /^def check_token\(given\):/);
    assert.ok(!right.visibleRanges.some((r) => r.start.line === 0), `scrolled to the code, not the top: ${JSON.stringify(right.visibleRanges)}`);

  });

  test('from the hover and the quick fix on the code diagnostic', async () => {
    const diagnostics = await waitForDiagnostics(auth(), (ds) => ds.some((d) => d.range.start.line === 2 + INSERTED), 'the diagnostic on the moved lines');
    const diagnostic = diagnostics.find((d) => d.range.start.line === 2 + INSERTED)!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', auth(), new vscode.Position(3 + INSERTED, 4));
    const markdown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(markdown, /\[Show changes since the analysis\]\(command:concerns\.showChanges\?/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', auth(), diagnostic.range);
    const action = actions.find((a) => a.title === 'Show changes since the analysis: src/auth.py');
    assert.ok(action?.command, `a Show changes quick fix; found: ${actions.map((a) => a.title).join('; ')}`);
    await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
    const { input } = await diffTab(auth());
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), originals.get('src/auth.py'));
    await revealed(auth(), 2 + INSERTED);
  });

  test('a reference with nothing to compare: a message says why, and nothing opens', async () => {
    // The Query concern's code is still as written (the next test deletes it).
    const ref = await waitForState(ctx, QUERY, 'exact');
    assert.equal(ref.showChanges, undefined);
    const node = referenceNode(ctx, QUERY);
    const message = await vscode.commands.executeCommand<string | undefined>('concerns.showChanges', { documentUri: node.concern.documentUri, concernId: node.concern.id, index: node.index });
    assert.match(message ?? '', /^Concerns: cannot show the changes since the analysis\. There are no changes to show for src\/orders\.py: its code is unchanged since the analysis\.$/);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab, undefined, 'no editor opened');
  });

  test('deleted code: the file as it was at the analysis alone, at the lines written', async () => {
    // list_orders (lines 5-9, the concern names 6-9) deleted; the rest of the file stays.
    const lines = originals.get('src/orders.py')!.split('\n');
    lines.splice(4, 5);
    await vscode.workspace.fs.writeFile(fileUri('src/orders.py'), Buffer.from(lines.join('\n'), 'utf8'));
    const gone = await waitForState(ctx, QUERY, 'gone');
    assert.equal(gone.showChanges, true);
    await vscode.commands.executeCommand('concerns.showChanges', referenceNode(ctx, QUERY));
    const editor = await until(
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.scheme === 'concerns-baseline' ? e : undefined;
      },
      [vscode.window.onDidChangeActiveTextEditor],
      'the baseline document of the deleted code',
    );
    assert.equal(editor.document.getText(), originals.get('src/orders.py'));
    assert.equal(editor.document.uri.path, '/src/orders.py');
    assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [5, 8], 'the written lines 6-9 selected');
    assert.match(editor.document.getText(editor.selection), /^ {4}db = connect\(\)/);
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff), 'no diff: the code has no working tree side');
  });
});
