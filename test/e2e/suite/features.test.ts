// The server's editor features seen through VS Code's own providers: hover, quick fixes, links,
// symbols, code lens; and the server's commands in them are the client's.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import { CONCERNS_PATH, activated, editDocument, fileUri, revertConcerns, until, waitForDiagnostics } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Editor features (e2e)', () => {
  let ctx: ConcernsContext;
  let registered: Set<string>;

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
    registered = new Set(await vscode.commands.getCommands(true));
  });

  test('hover on a referenced line: title, then category and where, then the actions, then the fields', async () => {
    const uri = fileUri('src/auth.py');
    await vscode.workspace.openTextDocument(uri);
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the Token diagnostic');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(3, 8));
    const text = hoverText(hovers);
    const lines = text.split('\n').filter((l) => l.trim());
    assert.equal(lines[0], '**Token compared with ==**', text);
    // The fixture is a git repository: the location state is known (drift), here unchanged.
    assert.equal(lines[1], '_Security Considerations · lines 3-5 · 📍 unchanged_', text);
    assert.match(lines[2]!, /^\[Go to fix approach\]\(command:concerns\.goToFixApproach.*\[Mark resolved\]\(command:concerns\.markResolved.*\[Reveal in Concerns view\]/, text);
    // Off the diagnostic's line the card says what is wrong itself.
    assert.match(text, /\*\*Risk:\*\* timing attack/);
    for (const m of text.matchAll(/command:(concerns\.\w+)/g)) assert.ok(registered.has(m[1]!), `the client implements ${m[1]!}`);
    const trusted = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && /Token compared/.test(c.value));
    assert.ok(trusted?.isTrusted, 'the card is trusted, so its command links run');
  });

  test('hover on the diagnostic itself does not repeat its message', async () => {
    const uri = fileUri('src/auth.py');
    const [diag] = await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the Token diagnostic');
    assert.match(diag!.message, /timing attack/);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, diag!.range.start.translate(0, 2)));
    assert.match(text, /^\*\*Token compared with ==\*\*/);
    assert.doesNotMatch(text, /timing attack/, 'the editor shows the message above the card');
    assert.match(text, /\*\*Recommendations:\*\* use hmac\.compare_digest/);
  });

  test('several concerns on one line: a compact list, each row opening its concern or its view entry', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
    await editDocument(doc, '## Tech Debt\n', '## Tech Debt\n\n**Token read on every call:**\n- Issue: the environment is read per request\n- Files: `src/auth.py` (lines 4-5)\n');
    try {
      await until(() => ctx.index.documents[0]?.concerns.some((c) => c.title === 'Token read on every call') || undefined, [ctx.index.onDidChange], 'the added concern');
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', fileUri('src/auth.py'), new vscode.Position(3, 8)));
      const lines = text.split('\n').filter((l) => l.trim());
      assert.deepEqual(lines.length, 3, text);
      assert.equal(lines[0], '**2 concerns on this line**');
      assert.match(lines[1]!, /\[Token compared with ==\]\(command:concerns\.openConcern.*\[Concerns view\]\(command:concerns\.revealInView/);
      assert.match(lines[2]!, /\[Token read on every call\]\(command:concerns\.openConcern/);
      assert.doesNotMatch(text, /Risk:|Recommendations:/, 'no full cards');
    } finally {
      await revertConcerns(ctx);
    }
  });

  test('quick fixes on a concern diagnostic', async () => {
    const uri = fileUri('src/legacy_sync.py');
    await vscode.workspace.openTextDocument(uri); // the provider needs the file loaded
    const [diag] = await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the Legacy diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diag!.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    for (const expected of [/^Go to fix approach/i, /^Reveal in Concerns view/, /^Mark concern resolved/, /^Copy concern as markdown/]) {
      assert.ok(titles.some((t) => expected.test(t)), `${String(expected)} in ${titles.join(' | ')}`);
    }
    for (const a of actions) if (a.command) assert.ok(registered.has(a.command.command), `the client implements ${a.command.command}`);
    assert.ok(actions.find((a) => /^Mark concern resolved/.test(a.title))?.edit, 'mark resolved is an edit');
  });

  test('document links: files open at their lines, globs pick', async () => {
    const uri = fileUri(CONCERNS_PATH);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri, 50);
    const targets = links.map((l) => l.target?.toString(true) ?? '');
    assert.ok(targets.some((t) => t.endsWith('src/auth.py#L3')), targets.join('\n'));
    const glob = targets.find((t) => t.startsWith('command:concerns.openReference'));
    assert.ok(glob, `a command link for the glob in ${targets.join('\n')}`);
    assert.ok(registered.has('concerns.openReference'));
  });

  test('document symbols: categories with their concerns', async () => {
    const uri = fileUri(CONCERNS_PATH);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    // The built-in markdown outline (headings, `# ...`) is merged in: only the server's are checked here.
    assert.deepEqual(
      symbols.filter((s) => !s.name.startsWith('#')).map((s) => `${s.name}: ${s.children.map((c) => c.name).join(', ')}`),
      [
        'Security Considerations: Token compared with ==',
        'Performance Bottlenecks: Query per order in a loop',
        'Tech Debt: Legacy sync module kept alive',
        'Known Bugs: Order total ignores discounts, Connection leak in db helper',
        'Dependencies at Risk: Unpinned requirements',
      ],
    );
  });

  test('code lens above each concern reveals it in the view', async () => {
    const uri = fileUri(CONCERNS_PATH);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    assert.equal(lenses.length, 6);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('1 file · 1 range'), titles.join(' | '));
    assert.ok(titles.some((t) => /1 missing/.test(t)), titles.join(' | '));
    for (const l of lenses) assert.ok(registered.has(l.command!.command));
    // Running one reveals the concern in the view.
    const lens = lenses[0]!;
    await vscode.commands.executeCommand(lens.command!.command, ...((lens.command!.arguments ?? []) as unknown[]));
    // The selection may reach the view after the command has returned.
    const selected = await until(() => (ctx.tree!.view.selection[0]?.kind === 'concern' ? ctx.tree!.view.selection[0] : undefined), [ctx.tree!.view.onDidChangeSelection], 'a concern selected');
    assert.equal(selected.concern.title, 'Token compared with ==');
  });
});
