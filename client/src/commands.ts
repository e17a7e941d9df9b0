import * as vscode from 'vscode';
import { Commands } from '../../server/src/protocol';
import type { ConcernsContext } from './context';
import { copyConcern } from './commands/copyConcern';
import { createDocument } from './commands/createDocument';
import { markResolved } from './commands/markResolved';
import { goToFixApproach, openConcern, openDocument, openReference } from './commands/open';
import { showChanges } from './commands/showChanges';
import { stepConcern } from './commands/stepDiagnostics';
import { clearFilter, filter, groupBy, onlyActiveFile, onlyChanged, openSettings, refresh, revealInView, toggleResolved } from './commands/viewOptions';

/** Every command of the extension, in one table: id to handler. */
export function registerCommands(ctx: ConcernsContext): vscode.Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    // Named by the server in hovers, quick fixes, code lenses and links (protocol.ts).
    [Commands.openConcern]: (arg) => openConcern(ctx, arg),
    [Commands.goToFixApproach]: (arg) => goToFixApproach(ctx, arg),
    [Commands.revealInView]: (arg) => revealInView(ctx, arg),
    [Commands.markResolved]: (arg) => markResolved(ctx, arg),
    [Commands.copyConcern]: (arg) => copyConcern(ctx, arg),
    [Commands.openReference]: (arg) => openReference(ctx, arg),
    [Commands.showChanges]: (arg) => showChanges(ctx, arg),
    // In the editor.
    'concerns.nextConcern': () => stepConcern(1),
    'concerns.previousConcern': () => stepConcern(-1),
    // The Concerns view.
    'concerns.groupByCategory': () => groupBy(ctx, 'category'),
    'concerns.groupByFile': () => groupBy(ctx, 'file'),
    'concerns.groupBySeverity': () => groupBy(ctx, 'severity'),
    'concerns.toggleResolved': () => toggleResolved(ctx),
    'concerns.filter': (text) => filter(ctx, text),
    'concerns.clearFilter': () => clearFilter(ctx),
    'concerns.onlyActiveFile': (arg) => onlyActiveFile(ctx, arg),
    'concerns.onlyChanged': (arg) => onlyChanged(ctx, arg),
    'concerns.refresh': () => refresh(ctx),
    // Documents and settings.
    'concerns.openDocument': (arg) => openDocument(ctx, arg),
    'concerns.openSettings': () => openSettings(),
    'concerns.createDocument': () => createDocument(),
    // The language server.
    'concerns.restartServer': () => ctx.restart(),
    'concerns.showOutput': () => ctx.output.show(),
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
