import * as vscode from 'vscode';
import type { ConcernsContext } from '../context';
import { VIEW_ID } from '../tree/view';
import type { GroupBy } from '../tree/viewState';
import { concernArgsOf } from './open';

/** `concerns.onlyActiveFile` with no argument toggles; the status bar pins it to its file. */
export interface OnlyActiveFileArgs {
  enable?: boolean;
  uri?: string;
  focus?: boolean;
}

export async function focusView(): Promise<void> {
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
}

export async function groupBy(ctx: ConcernsContext, by: GroupBy): Promise<void> {
  await ctx.tree?.state.setGroupBy(by);
}

export async function toggleResolved(ctx: ConcernsContext): Promise<void> {
  const state = ctx.tree?.state;
  if (state) await state.setShowResolved(!state.showResolved);
}

/** `concerns.filter`: a text filter over titles, categories, summaries and paths, live as typed. */
export async function filter(ctx: ConcernsContext, text?: unknown): Promise<void> {
  const state = ctx.tree?.state;
  if (!state) return;
  if (typeof text === 'string') {
    await state.setFilter(text);
    return;
  }
  const previous = state.filter;
  const input = vscode.window.createInputBox();
  input.title = 'Filter concerns';
  input.placeholder = 'Words in a title, category, summary or path (all must match)';
  input.value = previous;
  input.valueSelection = [0, previous.length];
  let accepted = false;
  // The view narrows with each keystroke; Enter keeps the filter, Escape puts the previous back.
  ctx.filterInput = input;
  await new Promise<void>((resolve) => {
    input.onDidChangeValue((value) => void state.setFilter(value));
    input.onDidAccept(() => {
      accepted = true;
      input.hide();
    });
    input.onDidHide(() => resolve());
    input.show();
  });
  ctx.filterInput = undefined;
  input.dispose();
  if (!accepted) await state.setFilter(previous);
}

export async function clearFilter(ctx: ConcernsContext): Promise<void> {
  const state = ctx.tree?.state;
  if (!state) return;
  await state.setFilter('');
  await state.setOnlyActiveFile(false);
  await state.setOnlyChanged(false);
}

export async function onlyActiveFile(ctx: ConcernsContext, arg?: unknown): Promise<void> {
  const state = ctx.tree?.state;
  if (!state) return;
  const a = (arg ?? {}) as OnlyActiveFileArgs;
  const enable = typeof a.enable === 'boolean' ? a.enable : !state.onlyActiveFile;
  await state.setOnlyActiveFile(enable, typeof a.uri === 'string' ? vscode.Uri.parse(a.uri) : undefined);
  if (a.focus) await focusView();
}

/** `concerns.onlyChanged`: toggles (or sets, with `{ enable }`) the only-changed-code filter. */
export async function onlyChanged(ctx: ConcernsContext, arg?: unknown): Promise<void> {
  const state = ctx.tree?.state;
  if (!state) return;
  const a = (arg ?? {}) as { enable?: unknown; focus?: unknown };
  await state.setOnlyChanged(typeof a.enable === 'boolean' ? a.enable : !state.onlyChanged);
  if (a.focus === true) await focusView();
}

export async function refresh(ctx: ConcernsContext): Promise<void> {
  await ctx.index.refresh();
}

/** `concerns.revealInView`: the Concerns view, with the concern selected. */
export async function revealInView(ctx: ConcernsContext, arg: unknown): Promise<void> {
  const args = concernArgsOf(arg);
  if (!args || !ctx.tree) return;
  await focusView();
  if (!(await ctx.tree.reveal(args.documentUri, args.concernId))) {
    void vscode.window.showWarningMessage(`Concerns: concern "${args.concernId}" is not in the view.`);
  }
}

export async function openSettings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', 'concerns.');
}
