import * as vscode from 'vscode';
// Types only: the language client library is loaded lazily (languageClient.ts); its enums are
// plain numbers, spelled below.
import type { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';
import type { ConcernsIndex } from './concernsIndex';

/** A crashed server is restarted up to this many times within RESTART_WINDOW_MS... */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60_000;

const CONTINUE = 1 as ErrorAction;
const SHUTDOWN = 2 as ErrorAction;
const DO_NOT_RESTART = 1 as CloseAction;
const RESTART = 2 as CloseAction;

/**
 * What happens when the language server process dies: it is restarted (the new process indexes
 * everything again, and the view refreshes on its first index), the state shows in a status bar
 * item while it comes back; after MAX_RESTARTS crashes within RESTART_WINDOW_MS it is left
 * stopped, the item says so and offers a restart, and an error message says why.
 */
export class ServerCrashHandler implements ErrorHandler, vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private crashes: number[] = [];
  private stopped = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    index: ConcernsIndex,
  ) {
    this.item = vscode.window.createStatusBarItem('concerns.serverState', vscode.StatusBarAlignment.Left, 9);
    this.item.name = 'Concerns Lens server state';
    this.item.command = 'concerns.restartServer';
    // The first index after a (re)start: the server is back with the full index.
    this.disposables.push(this.item, index.onDidChange(() => this.recovered()));
  }

  /** Crashes counted in the current window (for tests and the status text). */
  get crashCount(): number {
    return this.crashes.length;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.output.error(`Language server connection error (${count ?? 1}): ${error.message}`);
    return { action: (count ?? 1) <= 3 ? CONTINUE : SHUTDOWN, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const n = this.crashes.length;
    if (n <= MAX_RESTARTS) {
      this.output.warn(`The language server stopped unexpectedly (crash ${n} of at most ${MAX_RESTARTS} in ${RESTART_WINDOW_MS / 60_000} minutes); restarting it.`);
      this.show(`$(sync~spin) Concerns: restarting server (crash ${n})`, `The Concerns Lens language server crashed and is being restarted (${n} of ${MAX_RESTARTS}). Click to restart it now.`, false);
      return { action: RESTART, handled: true };
    }
    this.stopped = true;
    const why = `The Concerns Lens language server crashed ${n} times in ${RESTART_WINDOW_MS / 60_000} minutes and was not restarted again. Its log is in the output channel "Concerns Lens".`;
    this.output.error(why);
    this.show(`$(error) Concerns: server stopped — ${n} crashes; see output`, `${why}\nClick to restart it.`, true);
    void vscode.window.showErrorMessage(why, 'Restart Server', 'Show Output').then((choice) => {
      if (choice === 'Restart Server') void vscode.commands.executeCommand('concerns.restartServer');
      else if (choice === 'Show Output') this.output.show();
    });
    return { action: DO_NOT_RESTART, handled: true };
  }

  /** The server answered with an index: hide the state; after a manual restart, count afresh. */
  recovered(): void {
    if (this.stopped) this.crashes = [];
    this.stopped = false;
    this.item.hide();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private show(text: string, tooltip: string, error: boolean): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}
