// The Concerns view: grouping, counts, toggles, filters, refresh on edits, reveal, status bar.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import { CONCERNS_PATH, activated, afterViewChange, concernArgs, editDocument, fileUri, revertConcerns, rootNodes, rows, until } from './helpers';

suite('Concerns view (e2e)', () => {
  let ctx: ConcernsContext;

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
  });

  teardown(async () => {
    await revertConcerns(ctx);
    const state = ctx.tree!.state;
    if (state.groupBy !== 'category') await state.setGroupBy('category');
    if (state.showResolved) await state.setShowResolved(false);
    if (state.filter) await state.setFilter('');
    if (state.onlyActiveFile) await state.setOnlyActiveFile(false);
    if (state.onlyChanged) await state.setOnlyChanged(false);
  });

  test('groups by category with a count on each, resolved hidden, badge = open concerns', () => {
    assert.equal(ctx.tree!.state.groupBy, 'category');
    assert.deepEqual(rows(ctx), [
      'Security Considerations (1 concern)',
      'Performance Bottlenecks (1 concern)',
      'Tech Debt (1 concern)',
      'Known Bugs (1 concern)',
      'Dependencies at Risk (1 concern)',
    ]);
    assert.equal(ctx.index.documents.length, 1, 'concerns.documentCount > 0: the welcome view stays hidden');
    assert.equal(ctx.tree!.view.badge?.value, 5, 'the badge counts the 5 unresolved concerns');
    assert.match(ctx.tree!.view.description ?? '', /1 resolved hidden/);

    const security = rootNodes(ctx)[0]!;
    assert.deepEqual(rows(ctx, security), ['Token compared with == (1 file)']);
    const concern = ctx.tree!.provider.getChildren(security)[0]!;
    const item = ctx.tree!.provider.getTreeItem(concern);
    assert.equal(item.id, `concern:${concernArgs(ctx, 'Token compared with ==').documentUri}#${concernArgs(ctx, 'Token compared with ==').concernId}`);
    assert.equal(item.contextValue, 'concern');
    assert.equal(item.command?.command, 'concerns.openConcern');
    assert.match((item.tooltip as vscode.MarkdownString).value, /timing attack/, 'the tooltip carries the summary');
    assert.deepEqual(rows(ctx, concern), ['src/auth.py (lines 3-5)']);

    // A missing reference is shown as such, with a warning icon.
    const bugs = rootNodes(ctx)[3]!;
    const orderTotal = ctx.tree!.provider.getChildren(bugs)[0]!;
    assert.deepEqual(rows(ctx, orderTotal), ['src/orders.py (lines 12-13)', 'src/payments.py (missing)']);
    const missing = ctx.tree!.provider.getTreeItem(ctx.tree!.provider.getChildren(orderTotal)[1]!);
    assert.equal((missing.iconPath as vscode.ThemeIcon).id, 'warning');
    // A glob lists its matches.
    const deps = ctx.tree!.provider.getChildren(rootNodes(ctx)[4])[0]!;
    assert.deepEqual(rows(ctx, deps), ['requirements*.txt (2 matches)']);
  });

  test('the resolved toggle shows resolved concerns, dimmed', async () => {
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.toggleResolved'), () => (rows(ctx)[3] === 'Known Bugs (2 concerns)' ? true : undefined), 'Known Bugs with 2 concerns');
    const leak = ctx.tree!.provider.getChildren(rootNodes(ctx)[3])[1]!;
    const item = ctx.tree!.provider.getTreeItem(leak);
    assert.equal(item.label, 'Connection leak in db helper');
    assert.match(String(item.description), /^resolved/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.equal(((item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'disabledForeground');
    assert.equal(item.contextValue, 'concern.resolved', 'no "mark resolved" on a resolved concern');
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.toggleResolved'), () => (rows(ctx)[3] === 'Known Bugs (1 concern)' ? true : undefined), 'resolved hidden again');
  });

  test('groups by file: file, then the concerns naming it', async () => {
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.groupByFile'), () => (ctx.tree!.state.groupBy === 'file' ? true : undefined), 'grouping by file');
    assert.deepEqual(rows(ctx), ['requirements-dev.txt (1 concern)', 'requirements.txt (1 concern)', 'auth.py (src · 1 concern)', 'legacy_sync.py (src · 1 concern)', 'orders.py (src · 3 concerns)']);
    const orders = rootNodes(ctx)[4]!;
    const labels = rows(ctx, orders);
    assert.equal(labels.length, 3, labels.join('; '));
    assert.match(labels[0]!, /^Query per order in a loop \(lines 6-9/);
    assert.match(labels[1]!, /^Legacy sync module kept alive \(whole file/, 'named in its fix approach');
    assert.match(labels[2]!, /^Order total ignores discounts \(lines 12-13 · 1 broken · High/);
    const item = ctx.tree!.provider.getTreeItem(orders);
    assert.equal(item.resourceUri?.toString(), fileUri('src/orders.py').toString());
  });

  test('groups by severity: errors, warnings, information', async () => {
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.groupBySeverity'), () => (ctx.tree!.state.groupBy === 'severity' ? true : undefined), 'grouping by severity');
    assert.deepEqual(rows(ctx), ['Errors (1 concern)', 'Warnings (1 concern)', 'Information (3 concerns)']);
    assert.deepEqual(
      rows(ctx, rootNodes(ctx)[0]).map((r) => r.split(' (')[0]),
      ['Order total ignores discounts'],
      'Known Bugs (warning) raised one step by Priority: High',
    );
    const icon = ctx.tree!.provider.getTreeItem(rootNodes(ctx)[0]!).iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'error');
    assert.equal((icon.color as vscode.ThemeColor).id, 'list.errorForeground');
  });

  test('the text filter keeps matching concerns; clearing it brings back all', async () => {
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.filter', 'token'), () => (rows(ctx).length === 1 ? true : undefined), 'one group left');
    assert.deepEqual(rows(ctx), ['Security Considerations (1 concern)']);
    assert.match(ctx.tree!.view.message ?? '', /token/);
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.clearFilter'), () => (rows(ctx).length === 5 ? true : undefined), 'all groups back');
    assert.equal(ctx.tree!.view.message, undefined);
  });

  test('only the active file: follows the editor', async () => {
    await vscode.window.showTextDocument(fileUri('src/orders.py'));
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.onlyActiveFile'), () => (rows(ctx).length === 3 ? true : undefined), 'the concerns of orders.py');
    assert.deepEqual(rows(ctx), ['Performance Bottlenecks (1 concern)', 'Tech Debt (1 concern)', 'Known Bugs (1 concern)']);
    assert.match(ctx.tree!.view.message ?? '', /orders\.py/);
    await afterViewChange(ctx, () => vscode.window.showTextDocument(fileUri('src/auth.py')), () => (rows(ctx).length === 1 ? true : undefined), 'the concerns of auth.py');
    assert.deepEqual(rows(ctx), ['Security Considerations (1 concern)']);
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.onlyActiveFile'), () => (rows(ctx).length === 5 ? true : undefined), 'every group back');
  });

  test('editing the document (unsaved) refreshes the view, keeping its ids', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
    await vscode.window.showTextDocument(doc);
    const perf = () => ctx.tree!.provider.getChildren(rootNodes(ctx)[1])[0]!;
    const idBefore = ctx.tree!.provider.getTreeItem(perf()).id;
    await afterViewChange(
      ctx,
      () => editDocument(doc, '**Query per order in a loop:**', '**Query per order in a loop:**\n- Priority: Critical'),
      () => (/Critical/.test(rows(ctx, rootNodes(ctx)[1])[0] ?? '') ? true : undefined),
      'the concern to show its new severity',
    );
    assert.equal(ctx.tree!.provider.getTreeItem(perf()).id, idBefore, 'same concern, same id: expansion is kept');
    // A new concern appears, counted in its category and in the badge.
    await afterViewChange(
      ctx,
      () => editDocument(doc, '## Tech Debt\n', '## Tech Debt\n\n**Magic numbers in orders:**\n- Issue: tax rate hard-coded\n- Files: `src/orders.py` (line 13)\n'),
      () => (rows(ctx)[2] === 'Tech Debt (2 concerns)' ? true : undefined),
      'Tech Debt with 2 concerns',
    );
    assert.equal(ctx.tree!.view.badge?.value, 6);
  });

  test('reveal in view selects the concern', async () => {
    const args = concernArgs(ctx, 'Legacy sync module kept alive');
    await vscode.commands.executeCommand('concerns.revealInView', args);
    const selected = await until(() => ctx.tree!.view.selection[0], [ctx.tree!.view.onDidChangeSelection], 'a selection in the view');
    assert.equal(ctx.tree!.provider.getTreeItem(selected).id, `concern:${args.documentUri}#${args.concernId}`);
    assert.ok(ctx.tree!.view.visible, 'the view is shown');
  });

  test('the status bar counts the concerns of the active file', async () => {
    await vscode.window.showTextDocument(fileUri('src/orders.py'));
    const bar = ctx.statusBar!;
    await until(() => (bar.visible && bar.item.text === '$(eye) 3 concerns' ? true : undefined), [vscode.window.onDidChangeActiveTextEditor, ctx.index.onDidChange], 'the status bar for orders.py', () => `${bar.visible} ${bar.item.text}`);
    const tooltip = (bar.item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /1 error/);
    assert.match(tooltip, /2 info/);
    await vscode.window.showTextDocument(fileUri('src/db.py'));
    await until(() => (bar.visible ? undefined : true), [vscode.window.onDidChangeActiveTextEditor], 'db.py (only a resolved concern): hidden');
    await vscode.window.showTextDocument(fileUri('src/auth.py'));
    await until(() => (bar.item.text === '$(eye) 1 concern' && bar.visible ? true : undefined), [vscode.window.onDidChangeActiveTextEditor], 'auth.py: 1 concern', () => bar.item.text);
    // Clicking it: only the active file's concerns, in the view.
    const cmd = bar.item.command as vscode.Command;
    await afterViewChange(ctx, () => vscode.commands.executeCommand(cmd.command, ...((cmd.arguments ?? []) as unknown[])), () => (rows(ctx).length === 1 ? true : undefined), 'the view filtered to auth.py');
    assert.ok(ctx.tree!.state.onlyActiveFile);
  });
});
