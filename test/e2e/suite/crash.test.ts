// End-to-end: the language server process is killed; the client restarts it, shows the state in
// the status bar and gets the full index back; after repeated crashes it stops and says why.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DebugInfoRequest, type DebugInfo } from '../../../server/src/protocol';
import { MAX_RESTARTS } from '../../../client/src/errorHandler';
import { activated, concernDiagnostics, fileUri, until } from './helpers';

async function serverPid(ctx: Awaited<ReturnType<typeof activated>>): Promise<number> {
  const client = await ctx.readyClient();
  assert.ok(client, 'the language client is running');
  return (await client.sendRequest<DebugInfo>(DebugInfoRequest.method)).pid;
}

/** Polls (the language client has no event for "running again"): the new server's pid. */
async function nextPid(ctx: Awaited<ReturnType<typeof activated>>, old: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const client = ctx.languageClient;
      if (client?.isRunning()) {
        const pid = (await client.sendRequest<DebugInfo>(DebugInfoRequest.method)).pid;
        if (pid !== old) return pid;
      }
    } catch {
      /* between processes */
    }
    assert.ok(Date.now() < deadline, `no new server process after killing ${old}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('server crashes', () => {
  // Whatever a failing test left, the next test files get a running server: a server left
  // stopped would make each of them wait out its own timeout instead of failing here.
  suiteTeardown(async function () {
    this.timeout(60_000);
    const ctx = await activated();
    if (!ctx.crashHandler.isStopped && ctx.languageClient?.isRunning()) return;
    await vscode.commands.executeCommand('concerns.restartServer');
    const deadline = Date.now() + 30_000;
    while (!ctx.languageClient?.isRunning() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ctx.languageClient?.isRunning(), 'the server runs again after the crash tests');
  });

  test('a killed server is restarted, the status bar shows it, and the full index comes back', async () => {
    const ctx = await activated();
    const auth = fileUri('src/auth.py');
    const before = concernDiagnostics(auth).length;
    assert.ok(before > 0, 'the fixture has concerns on src/auth.py');
    const documents = ctx.index.documents.length;
    const pid = await serverPid(ctx);
    process.kill(pid, 'SIGKILL');
    // The crash handler has no event: poll it.
    const deadline = Date.now() + 10_000;
    while (ctx.crashHandler.crashCount < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(ctx.crashHandler.crashCount, 1);
    assert.match(ctx.crashHandler.item.text, /restarting server/);
    const newPid = await nextPid(ctx, pid);
    assert.notEqual(newPid, pid);
    await until(() => (ctx.index.documents.length === documents ? true : undefined), [ctx.index.onDidChange], 'the index back after the restart');
    await until(() => (concernDiagnostics(auth).length === before ? true : undefined), [vscode.languages.onDidChangeDiagnostics], 'the diagnostics back after the restart');
    assert.equal(ctx.crashHandler.isStopped, false);
  });

  test(`after ${MAX_RESTARTS + 1} crashes in a row it stops and says why; the restart command brings it back`, async () => {
    const ctx = await activated();
    let pid = await serverPid(ctx);
    for (let i = ctx.crashHandler.crashCount; i < MAX_RESTARTS; i++) {
      process.kill(pid, 'SIGKILL');
      pid = await nextPid(ctx, pid);
    }
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while (!ctx.crashHandler.isStopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(ctx.crashHandler.isStopped, true, `stopped after ${ctx.crashHandler.crashCount} crashes`);
    assert.match(ctx.crashHandler.item.text, /server stopped — \d+ crashes; see output/);
    assert.equal(ctx.crashHandler.item.command, 'concerns.restartServer');
    // Leave the server running for the next test files.
    await vscode.commands.executeCommand('concerns.restartServer');
    await until(() => (ctx.crashHandler.isStopped ? undefined : true), [ctx.index.onDidChange], 'the server back after the restart command');
    await until(() => (concernDiagnostics(fileUri('src/auth.py')).length > 0 ? true : undefined), [vscode.languages.onDidChangeDiagnostics], 'diagnostics back');
  });
});
