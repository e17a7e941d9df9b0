// The Concerns view: grouping, counts, toggles, filters, refresh on edits, reveal, status bar.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcernsContext } from '../../../client/src/context';
import type { OpenReferenceArgs } from '../../../client/src/commands/open';
import { normalise } from '../../../client/src/concernsIndex';
import { TREE_TARGETS_CAP, TreeRequest, type TreeConcern, type TreeData } from '../../../server/src/protocol';
import { unpackTree, type WireTree } from '../../../server/src/treeWire';
import { CONCERNS_PATH, DEADLINE_MS, activated, afterViewChange, concernArgs, concernDiagnostics, editDocument, fileUri, revertConcerns, rootNodes, rows, typeKeys, until } from './helpers';

const concernDiagnosticsOf = (uri: vscode.Uri) => concernDiagnostics(uri).length;

/** The fixture's migrations/0001.sql … 0025.sql: more files than the tree lists for one reference. */
const MIGRATIONS = Array.from({ length: 25 }, (_, i) => `migrations/${String(i + 1).padStart(4, '0')}.sql`);

const MIGRATIONS_CONCERN = '\n**Migrations never squashed:**\n- Issue: every deploy replays them all\n- Files: `migrations/*.sql`\n';

/**
 * Adds (unsaved) a concern naming every migration by a glob, and waits for the index to have it:
 * the tree lists the glob's first files and their count. `removeMigrationsConcern` takes it out.
 */
async function addMigrationsConcern(ctx: ConcernsContext): Promise<TreeConcern> {
  const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
  await vscode.window.showTextDocument(doc);
  await editDocument(doc, '## Tech Debt\n', `## Tech Debt\n${MIGRATIONS_CONCERN}`);
  return until(() => migrationsConcern(ctx), [ctx.index.onDidChange], 'the migrations concern in the index');
}

function migrationsConcern(ctx: ConcernsContext): TreeConcern | undefined {
  return ctx.index.documents[0]?.concerns.find((c) => c.title === 'Migrations never squashed' && c.references[0]?.targetCount === MIGRATIONS.length);
}

/**
 * Edits the concern out again, and waits for the index to lose it: the shared revert now and then
 * leaves an edit in the editor, no longer dirty (seen with the other edits of this suite too).
 */
async function removeMigrationsConcern(ctx: ConcernsContext): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
  if (!doc.getText().includes(MIGRATIONS_CONCERN)) return;
  await editDocument(doc, MIGRATIONS_CONCERN, '');
  await until(() => (migrationsConcern(ctx) ? undefined : true), [ctx.index.onDidChange], 'the migrations concern gone');
}

/**
 * The tree a full `concerns/tree` answers, as the view writes URIs, once the view holds the same
 * version (it fetches on its own after each re-index; a drift pass may bring one more).
 */
async function fullTreeOfViewVersion(ctx: ConcernsContext): Promise<TreeData> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const client = await ctx.readyClient();
    assert.ok(client, 'the language client is running');
    const full = normalise(unpackTree(await client.sendRequest<WireTree>(TreeRequest.method)));
    await ctx.index.refresh();
    if (ctx.index.tree.version === full.version) return full;
    assert.ok(Date.now() < deadline, `the view at version ${ctx.index.tree.version}, the server at ${full.version}`);
  }
}

suite('Concerns view (e2e)', () => {
  let ctx: ConcernsContext;

  suiteSetup(async function () {
    this.timeout(120_000);
    ctx = await activated();
  });

  teardown(async () => {
    await removeMigrationsConcern(ctx);
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
    assert.match(labels[0]!, /^Query per order in a loop \(L6-9 · Performance Bottlenecks\)$/);
    assert.match(labels[1]!, /^Legacy sync module kept alive \(whole file/, 'named in its fix approach (no diagnostic there, but listed)');
    assert.match(labels[2]!, /^Order total ignores discounts \(L12-13 · 1 broken · High/);
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

  test('after an edit and its undo, the view, fetching deltas, holds exactly the tree a full answer gives', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
    await vscode.window.showTextDocument(doc);
    const before = { ...ctx.index.fetches };
    const summaries = () => ctx.index.documents.flatMap((d) => d.concerns.map((c) => c.summary));
    await editDocument(doc, '- Issue: the old nightly sync', '- Issue: (edited) the old nightly sync');
    await until(() => (summaries().some((x) => x.startsWith('(edited)')) ? true : undefined), [ctx.index.onDidChange], 'the edit in the index', () => summaries().join('; '));
    assert.deepEqual(ctx.index.tree, await fullTreeOfViewVersion(ctx), 'after the edit');
    await vscode.commands.executeCommand('undo');
    await until(() => (summaries().some((x) => x.startsWith('(edited)')) ? undefined : true), [ctx.index.onDidChange], 'the undo in the index', () => summaries().join('; '));
    assert.deepEqual(ctx.index.tree, await fullTreeOfViewVersion(ctx), 'after the undo');
    assert.ok(ctx.index.fetches.delta > before.delta, `fetched as deltas: ${JSON.stringify(before)} → ${JSON.stringify(ctx.index.fetches)}`);
    assert.equal(ctx.index.fetches.full, before.full, 'no full fetch');
    assert.equal(ctx.index.fetches.recovered, before.recovered, 'never a stamp it did not hold');
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
    await until(() => (bar.visible && bar.item.text === '$(eye) 3 concerns' ? true : undefined), [bar.onDidUpdate], 'the status bar for orders.py', () => `${bar.visible} ${bar.item.text}`);
    const tooltip = (bar.item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /1 error/);
    assert.match(tooltip, /2 info/);
    await vscode.window.showTextDocument(fileUri('src/db.py'));
    await until(() => (bar.visible ? undefined : true), [bar.onDidUpdate], 'db.py (only a resolved concern): hidden');
    await vscode.window.showTextDocument(fileUri('src/auth.py'));
    await until(() => (bar.item.text === '$(eye) 1 concern' && bar.visible ? true : undefined), [bar.onDidUpdate], 'auth.py: 1 concern', () => bar.item.text);
    // Clicking it: only the active file's concerns, in the view.
    const cmd = bar.item.command as vscode.Command;
    await afterViewChange(ctx, () => vscode.commands.executeCommand(cmd.command, ...((cmd.arguments ?? []) as unknown[])), () => (rows(ctx).length === 1 ? true : undefined), 'the view filtered to auth.py');
    assert.ok(ctx.tree!.state.onlyActiveFile);
  });

  test('a glob of more files than the tree lists: every file grouped, counted in the status bar and the file filter', async () => {
    const concern = await addMigrationsConcern(ctx);
    const glob = concern.references[0]!;
    assert.equal(glob.targets.length, TREE_TARGETS_CAP, 'the tree lists the first files only');
    const beyond = MIGRATIONS.map((p) => fileUri(p).toString()).filter((u) => !glob.targets.includes(u));
    assert.equal(beyond.length, MIGRATIONS.length - TREE_TARGETS_CAP);
    const last = vscode.Uri.parse(beyond[beyond.length - 1]!);

    // By category: the counts of every file, and a reference that asks for all its files when opened.
    const tech = rootNodes(ctx).find((n) => rows(ctx, n).some((r) => r.startsWith('Migrations never squashed')));
    assert.ok(tech, rows(ctx).join(', '));
    const node = ctx.tree!.provider.getChildren(tech).find((n) => n.kind === 'concern' && n.concern.title === 'Migrations never squashed')!;
    assert.equal(rows(ctx, tech).find((r) => r.startsWith('Migrations')), 'Migrations never squashed (25 files)');
    assert.deepEqual(rows(ctx, node), ['migrations/*.sql (25 matches)']);
    const refItem = ctx.tree!.provider.getTreeItem(ctx.tree!.provider.getChildren(node)[0]!);
    assert.match(refItem.tooltip as string, /25 files: click to pick one/);
    const args = refItem.command?.arguments?.[0] as OpenReferenceArgs;
    assert.equal(args.uris.length, TREE_TARGETS_CAP);
    assert.deepEqual(args.reference, { documentUri: concern.documentUri, concernId: concern.id, index: 0 });

    // By file: a group for each of the 25 migrations, those past the tree's first 20 included.
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.groupByFile'), () => (rows(ctx).filter((r) => r.endsWith('.sql (migrations · 1 concern)')).length === 25 ? true : undefined), '25 migration groups');
    const group = rootNodes(ctx).find((n) => n.kind === 'group' && n.fileUri === last.toString());
    assert.ok(group, `a group for ${last.toString()}`);
    assert.deepEqual(rows(ctx, group), ['Migrations never squashed (whole file · Tech Debt)']);

    // The status bar on a file past the first 20, and its click: only that file's concerns.
    const bar = ctx.statusBar!;
    await vscode.window.showTextDocument(last);
    await until(() => (bar.visible && bar.item.text === '$(eye) 1 concern' ? true : undefined), [bar.onDidUpdate], `the status bar for ${vscode.workspace.asRelativePath(last)}`, () => `${bar.visible} ${bar.item.text}`);
    const cmd = bar.item.command as vscode.Command;
    await afterViewChange(ctx, () => vscode.commands.executeCommand(cmd.command, ...((cmd.arguments ?? []) as unknown[])), () => (rows(ctx).length === 1 ? true : undefined), 'the view filtered to that migration');
    assert.deepEqual(rows(ctx), [`${last.path.slice(last.path.lastIndexOf('/') + 1)} (migrations · 1 concern)`]);
    // The same filter grouped by category.
    await afterViewChange(ctx, () => vscode.commands.executeCommand('concerns.groupByCategory'), () => (rows(ctx)[0]?.startsWith('Tech Debt') ? true : undefined), 'by category, filtered');
    assert.deepEqual(rows(ctx), ['Tech Debt (1 concern)']);
  });

  test('a glob reference past the files the tree lists opens with a pick of every file', async () => {
    const concern = await addMigrationsConcern(ctx);
    const tech = rootNodes(ctx).find((n) => rows(ctx, n).some((r) => r.startsWith('Migrations never squashed')))!;
    const node = ctx.tree!.provider.getChildren(tech).find((n) => n.kind === 'concern' && n.concern.id === concern.id)!;
    const command = ctx.tree!.provider.getTreeItem(ctx.tree!.provider.getChildren(node)[0]!).command!;
    // The pick, answered here: the extension shares this `vscode` (one API object per extension).
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const showQuickPick = window.showQuickPick;
    let offered: readonly { uri?: string }[] = [];
    window.showQuickPick = (async (items: unknown) => {
      offered = (await items) as readonly { uri?: string }[];
      return offered[offered.length - 1];
    }) as unknown as typeof vscode.window.showQuickPick;
    try {
      await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    } finally {
      window.showQuickPick = showQuickPick;
    }
    assert.deepEqual(
      offered.map((item) => item.uri),
      MIGRATIONS.map((p) => fileUri(p).toString()),
      'the pick offers every migration, not the tree\'s first 20',
    );
    const opened = vscode.window.activeTextEditor?.document.uri.toString() ?? '';
    assert.equal(opened, fileUri(MIGRATIONS[MIGRATIONS.length - 1]!).toString());
    assert.ok(!concern.references[0]!.targets.includes(opened), `a file past the tree's first ${TREE_TARGETS_CAP}`);
  });

  test('the filter narrows the view as it is typed, before Enter; Escape puts the previous filter back', async function () {
    const showing = vscode.commands.executeCommand('concerns.filter');
    // No event says the input box opened: it is set before the command's first await returns.
    for (let i = 0; i < 50 && !ctx.filterInput; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ctx.filterInput, 'the filter input box opened');
    // Keystrokes only: an extension setting the box's value fires no change, as a user's typing does.
    if (!typeKeys('ord')) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await showing;
      this.skip(); // the desktop launcher cannot type into a quick input
    }
    // "ord": the two concerns on orders.py, and the one whose fix approach names it.
    await until(() => (rows(ctx).length === 3 ? true : undefined), [ctx.tree!.provider.onDidChangeTreeData], 'three groups for "ord", before Enter', () => rows(ctx).join(', '));
    assert.deepEqual(rows(ctx), ['Performance Bottlenecks (1 concern)', 'Tech Debt (1 concern)', 'Known Bugs (1 concern)']);
    const input = ctx.filterInput;
    typeKeys('er total');
    await until(() => (input.value === 'order total' ? true : undefined), [input.onDidChangeValue], 'every key typed', () => input.value);
    await until(() => (rows(ctx).length === 1 ? true : undefined), [ctx.tree!.provider.onDidChangeTreeData], 'one group for "order total"', () => rows(ctx).join(', '));
    assert.deepEqual(rows(ctx), ['Known Bugs (1 concern)']);
    // Escape: the filter before (none) is back.
    await afterViewChange(ctx, () => vscode.commands.executeCommand('workbench.action.closeQuickOpen'), () => (rows(ctx).length === 5 ? true : undefined), 'every group back');
    await showing;
    assert.equal(ctx.tree!.state.filter, '');
  });

  test('the whole cited range is shaded while the cursor is in it, or the concern is selected in the view', async () => {
    const uri = fileUri('src/orders.py');
    const editor = await vscode.window.showTextDocument(uri);
    const shaded = () => ctx.citedRanges.shadedIn(editor).map((r) => `${r.start}-${r.end}`);
    await until(() => (concernDiagnosticsOf(uri) >= 2 ? true : undefined), [vscode.languages.onDidChangeDiagnostics], 'the diagnostics of orders.py');
    editor.selection = new vscode.Selection(7, 3, 7, 3);
    assert.deepEqual(shaded(), ['5-8'], 'the cursor on line 8, inside lines 6-9');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.deepEqual(shaded(), [], 'outside every range: nothing shaded');
    // Selected in the view: shaded wherever the cursor is.
    const args = concernArgs(ctx, 'Order total ignores discounts');
    assert.ok(await ctx.tree!.reveal(args.documentUri, args.concernId), 'the concern is in the view');
    const again = await vscode.window.showTextDocument(uri);
    const selected = () => ctx.tree!.view.selection.map((n) => `${n.kind}${n.kind === 'concern' || n.kind === 'reference' ? ` ${n.concern.title}` : ''}`).join(', ');
    await until(() => (ctx.citedRanges.shadedIn(again).some((r) => r.start === 11) ? true : undefined), [ctx.tree!.view.onDidChangeSelection], 'the selected concern shaded', () => `selection: ${selected()}`);
    assert.deepEqual(ctx.citedRanges.shadedIn(again).map((r) => `${r.start}-${r.end}`), ['11-12'], 'the cursor is on line 3: only the selected concern\'s range');
  });

  test('several documents: one level each, named by project, their categories apart', async () => {
    const backend = fileUri('backend/.planning/codebase/CONCERNS.md');
    await vscode.workspace.fs.writeFile(backend, new TextEncoder().encode('# Codebase Concerns\n\n## Tech Debt\n\n**Backend pool never sized:**\n- Issue: one connection per request\n- Files: `src/db.py`\n'));
    // A fresh start finds it (the live discovery of new documents is the protocol tests' part).
    await vscode.commands.executeCommand('concerns.restartServer');
    try {
      await until(() => (rootNodes(ctx).length === 2 && rootNodes(ctx).every((n) => n.kind === 'document') ? true : undefined), [ctx.tree!.provider.onDidChangeTreeData], 'a level per document', () => rows(ctx).join(', '));
      const folderName = vscode.workspace.workspaceFolders![0]!.name;
      assert.deepEqual(rows(ctx).sort(), ['backend (1 concern)', `${folderName} (5 concerns)`].sort());
      const backendNode = rootNodes(ctx).find((n) => n.kind === 'document' && n.name === 'backend')!;
      // Its own Tech Debt, not merged with the other document's.
      assert.deepEqual(rows(ctx, backendNode), ['Tech Debt (1 concern)']);
      const concern = ctx.tree!.provider.getChildren(ctx.tree!.provider.getChildren(backendNode)[0])[0]!;
      const description = String(ctx.tree!.provider.getTreeItem(concern).description);
      assert.doesNotMatch(description, /CONCERNS\.md/, 'no document path on the row');
      const tooltip = (ctx.tree!.provider.getTreeItem(backendNode).tooltip as string) ?? '';
      assert.match(tooltip, /backend\/\.planning\/codebase\/CONCERNS\.md/, 'the path is in the tooltip');
    } finally {
      await vscode.workspace.fs.delete(fileUri('backend'), { recursive: true });
      await vscode.commands.executeCommand('concerns.restartServer');
    }
    await until(() => (rootNodes(ctx).every((n) => n.kind === 'group') ? true : undefined), [ctx.tree!.provider.onDidChangeTreeData], 'one document again', () => rows(ctx).join(', '));
  });

  test('title-bar actions only where they apply: with no document, only refresh, settings and create', () => {
    const ext = vscode.extensions.getExtension('concerns-lens.concerns-lens')!;
    const entries = (ext.packageJSON as { contributes: { menus: Record<string, { command?: string; submenu?: string; when?: string }[]> } }).contributes.menus['view/title']!;
    const always = new Set(['concerns.refresh', 'concerns.openSettings', 'concerns.createDocument', 'concerns.clearFilter']);
    for (const e of entries) {
      const id = e.command ?? e.submenu ?? '';
      if (always.has(id)) continue;
      assert.match(e.when ?? '', /concerns\.documentCount > 0/, `${id} hidden without a document`);
    }
    assert.match(entries.find((e) => e.command === 'concerns.onlyChanged')!.when!, /concerns\.hasDrift/);
    assert.match(entries.find((e) => e.command === 'concerns.toggleResolved')!.when!, /concerns\.hasResolved/);
  });

  test('no warning of this extension in the extension host log', async () => {
    // The extension's own log folder sits in the extension host's: its log file is beside it.
    const logDir = vscode.Uri.joinPath(ctx.extension.logUri, '..');
    const logs = (await vscode.workspace.fs.readDirectory(logDir)).filter(([name]) => /exthost.*\.log$/i.test(name));
    assert.ok(logs.length > 0, `an extension host log in ${logDir.fsPath}`);
    const text = (await Promise.all(logs.map(async ([name]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(logDir, name)))))).join('\n');
    // Left out: VS Code's own `No tree item with id '…' found`, which its tree logs when the
    // workbench asks for the children of a node that a refresh in between replaced (seen when the
    // several-documents test changes the tree's shape twice within a server restart). It names
    // our node ids, not anything the extension logged or a setting it read; the extension answers
    // every id it currently holds. Tracked in the closing note as a known log line.
    const ours = text.split('\n').filter((l) => /\[(warning|error)\]/i.test(l) && /concerns/i.test(l) && !/No tree item with id '[^']*' found\./.test(l));
    assert.deepEqual(ours, [], 'warnings and errors naming the extension or its settings');
  });
});
