import * as vscode from 'vscode';
import type { ConcernsContext } from './context';

/** Every command of the extension, in one table: id to handler. */
export function registerCommands(ctx: ConcernsContext): vscode.Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    'concerns.restartServer': () => ctx.restart(),
    'concerns.showOutput': () => ctx.output.show(),
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
