// End-to-end: the real extension in a real VS Code, on the fixture workspace test/e2e/workspace
// (copied to a temp folder by the launcher, so the tests may change it).
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'concerns-lens.concerns-lens';
const CONCERNS_PATH = '.planning/codebase/CONCERNS.md';
const DEADLINE_MS = 30_000;

function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e launcher must open the fixture workspace as a folder');
  return folder.uri;
}

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/**
 * The last line a range covers: a range that ends at character 0 of a later line (the exclusive end
 * the server uses to take in the whole last line) covers up to the line before.
 */
function lastLine(r: vscode.Range): number {
  return r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}

function concernDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'concerns');
}

function describe(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(none)';
  return diags
    .map((d) => `[${d.source ?? ''}/${codeOf(d) ?? ''}] lines ${d.range.start.line}-${lastLine(d.range)}: ${d.message.split('\n')[0]}`)
    .join('; ');
}

/**
 * Resolves with the concern diagnostics of `uri` once `predicate` holds for them: checks now, then on
 * every onDidChangeDiagnostics for that file. Rejects at the deadline, saying what was there.
 */
function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEADLINE_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = concernDiagnostics(uri);
      if (!predicate(diags)) return false;
      cleanup();
      resolve(diags);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; diagnostics there: ${describe(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      listener.dispose();
    }
    check();
  });
}

const startsOn = (line: number) => (diags: vscode.Diagnostic[]) => diags.some((d) => d.range.start.line === line);

/** Replaces the first occurrence of `from` by `to` in the open document, without saving. */
async function editDocument(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const offset = doc.getText().indexOf(from);
  assert.ok(offset >= 0, `"${from}" not found in ${doc.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the edit');
}

suite('Concerns Lens diagnostics (e2e)', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    console.log(`[e2e] VS Code ${vscode.version} (${vscode.env.appName}, ui ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}), launcher: ${process.env.CONCERNS_E2E_LAUNCHER ?? 'unknown'}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the project root?)`);
    await ext.activate();
    assert.ok(ext.isActive, 'extension did not activate');
  });

  test('publishes one mark per concern: the text of the first cited line', async () => {
    const uri = fileUri('src/auth.py');
    const diags = await waitForDiagnostics(uri, startsOn(2), 'the "Token compared with ==" concern at lines 3-5');
    const d = diags.find((x) => x.range.start.line === 2);
    assert.ok(d);
    assert.equal(d.source, 'concerns');
    assert.equal(codeOf(d), 'Security Considerations');
    // `def check_token(given):`, the first of lines 3-5: from its first to its last character.
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [2, 0, 2, 'def check_token(given):'.length]);
    assert.match(d.message, /Token compared with ==/);
    assert.match(d.message, /timing attack/, 'the message carries the concern\'s Risk/Issue text');
  });

  test('each concern lands on its own file with its own category, trimmed to the indented text', async () => {
    const orders = await waitForDiagnostics(fileUri('src/orders.py'), startsOn(5), 'the N+1 concern at lines 6-9');
    const n1 = orders.find((x) => x.range.start.line === 5);
    assert.ok(n1);
    assert.equal(codeOf(n1), 'Performance Bottlenecks');
    // `    db = connect()`: the indentation is not marked.
    assert.deepEqual([n1.range.start.character, n1.range.end.line, n1.range.end.character], [4, 5, '    db = connect()'.length]);
    assert.match(n1.message, /Query per order in a loop/);
    // Nothing from other concerns leaks onto this file; the Legacy concern names it only in its
    // Fix approach, which marks nothing.
    assert.ok(orders.every((x) => !/Token compared|Legacy sync/.test(x.message)), describe(orders));
  });

  test('concerns.diagnostics.range "whole" marks every cited line', async () => {
    const uri = fileUri('src/auth.py');
    const config = vscode.workspace.getConfiguration('concerns', workspaceRoot());
    await config.update('diagnostics.range', 'whole', vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === 2 && lastLine(d.range) === 4), 'lines 3-5 marked whole');
      assert.equal(diags.find((d) => d.range.start.line === 2)!.range.start.character, 0);
    } finally {
      await config.update('diagnostics.range', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === 2 && d.range.end.line === 2), 'one line marked again');
  });

  test('concerns.diagnostics.fields widens the fields whose references publish', async () => {
    const uri = fileUri('src/orders.py');
    await waitForDiagnostics(uri, (ds) => ds.length === 2, 'the two locating concerns of orders.py');
    const config = vscode.workspace.getConfiguration('concerns', workspaceRoot());
    await config.update('diagnostics.fields', ['Fix approach'], vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      // "delete the module and its import in src/orders.py": a whole-file reference, on line 1.
      const diags = await waitForDiagnostics(uri, (ds) => ds.some((d) => /Legacy sync/.test(d.message)), 'the Legacy concern by its fix approach');
      assert.equal(diags.find((d) => /Legacy sync/.test(d.message))!.range.start.line, 0);
    } finally {
      await config.update('diagnostics.fields', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitForDiagnostics(uri, (ds) => ds.length === 2 && !ds.some((d) => /Legacy sync/.test(d.message)), 'the fix-approach reference unmarked again');
  });

  test('no default severity is a hint: every concern shows in the Problems view', () => {
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds.filter((d) => d.source === 'concerns'));
    assert.ok(all.length >= 4, describe(all));
    assert.ok(all.every((d) => d.severity !== vscode.DiagnosticSeverity.Hint), describe(all));
  });

  test('a whole-file reference is reported on line 0', async () => {
    const diags = await waitForDiagnostics(fileUri('src/legacy_sync.py'), startsOn(0), 'the whole-file "Legacy sync" concern');
    const d = diags.find((x) => x.range.start.line === 0);
    assert.ok(d);
    assert.equal(codeOf(d), 'Tech Debt');
    assert.equal(lastLine(d.range), 0, 'a whole-file reference covers line 0 only');
    assert.match(d.message, /Legacy sync module kept alive/);
  });

  test('editing the concerns document (unsaved) moves the diagnostic', async () => {
    const uri = fileUri('src/auth.py');
    await waitForDiagnostics(uri, startsOn(2), 'the initial diagnostic at lines 3-5');

    const doc = await vscode.workspace.openTextDocument(fileUri(CONCERNS_PATH));
    await vscode.window.showTextDocument(doc);
    // The built-in markdown extension is loaded (it is not, when code-server's built-ins are broken).
    assert.equal(doc.languageId, 'markdown');
    await editDocument(doc, '`src/auth.py` (lines 3-5)', '`src/auth.py` (lines 9-11)');
    assert.ok(doc.isDirty, 'the edit stays unsaved');

    const moved = await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => d.range.start.line === 8) && !ds.some((d) => d.range.start.line === 2),
      'the diagnostic to move to lines 9-11 after the unsaved edit',
    );
    const d = moved.find((x) => x.range.start.line === 8);
    assert.ok(d);
    // `    if not check_token(...)`, the first of lines 9-11, as the (unchanged) file has it.
    assert.deepEqual([d.range.start.character, d.range.end.line], [4, 8]);
    assert.match(d.message, /Token compared with ==/);

    // Put it back (still unsaved) and see it return.
    await editDocument(doc, '`src/auth.py` (lines 9-11)', '`src/auth.py` (lines 3-5)');
    await waitForDiagnostics(uri, (ds) => startsOn(2)(ds) && !startsOn(8)(ds), 'the diagnostic to return to lines 3-5');
    // Saved, not reverted: the browser-served VS Code saves after a delay (files.autoSave is
    // afterDelay on the web), so the disk may hold an edit of this or an earlier suite; the text
    // in the editor is the fixture's again.
    assert.ok(await doc.save(), 'saving the restored text');
  });
});
