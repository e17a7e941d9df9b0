import * as vscode from 'vscode';
import { diagnosticSeverity } from '../../server/src/core/features/severity';
import { sanitise } from '../../server/src/settings';
import type { TreeConcern } from '../../server/src/protocol';

/**
 * How loud a concern is: the diagnostic severity the server gives it (its category per the
 * `concerns.severity` setting, raised for Critical/High, lowered for Low), or `off`. Computed with
 * the server's own pure function, so the view, the status bar and the Problems panel agree.
 */
export type Level = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const LEVELS: readonly Level[] = ['error', 'warning', 'information', 'hint', 'off'];

const BY_LSP: Record<number, Level> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

export function levelOf(concern: Pick<TreeConcern, 'category' | 'group' | 'severity'>, folderUri: string | undefined): Level {
  // null, not undefined: the settings are resource-scoped, and asking without a resource logs a warning.
  const scope = folderUri ? vscode.Uri.parse(folderUri) : null;
  const overrides = sanitise(vscode.workspace.getConfiguration('concerns', scope)).severity;
  const lsp = diagnosticSeverity(concern, overrides);
  return lsp === undefined ? 'off' : (BY_LSP[lsp] ?? 'information');
}

const ICONS: Record<Level, [icon: string, color: string]> = {
  error: ['error', 'list.errorForeground'],
  warning: ['warning', 'list.warningForeground'],
  information: ['info', 'problemsInfoIcon.foreground'],
  hint: ['lightbulb', 'descriptionForeground'],
  off: ['circle-slash', 'disabledForeground'],
};

export function levelIcon(level: Level): vscode.ThemeIcon {
  const [icon, color] = ICONS[level];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

const NAMES: Record<Level, [one: string, many: string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  information: ['info', 'info'],
  hint: ['hint', 'hints'],
  off: ['not reported', 'not reported'],
};

/** `2 warnings`, `1 info`. */
export function levelCount(level: Level, n: number): string {
  const [one, many] = NAMES[level];
  return `${n} ${n === 1 ? one : many}`;
}

/** The heading of a severity group in the view. */
export const LEVEL_TITLES: Record<Level, string> = {
  error: 'Errors',
  warning: 'Warnings',
  information: 'Information',
  hint: 'Hints',
  off: 'Not reported (severity off)',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
