import * as vscode from 'vscode';
import type { BaselineTextFound, ReferenceParams, TreeConcern } from '../../../server/src/protocol';
import type { ConcernsContext } from '../context';
import type { ConcernNode, ReferenceNode } from '../tree/nodes';
import { plainTitle } from '../tree/items';
import { linesIn } from './open';

/**
 * `concerns.showChanges`: the referenced file as it was at the commit its lines were written
 * against (read-only, served by the server) against the file now, in the diff editor, revealed at
 * the lines where the code is now; for code that is gone, the old text alone at the written lines.
 * From a hover or quick fix (`{ documentUri, concernId, index }`), a reference of the view, or a
 * concern of the view (a pick when several of its references changed). When the server cannot
 * serve the old text, a message says why (and the command returns it, for tests).
 */
export async function showChanges(ctx: ConcernsContext, arg: unknown): Promise<string | undefined> {
  const params = await referenceOf(arg);
  if (!params) return undefined;
  const answer = await ctx.fetchBaseline(params);
  if (!answer || 'error' in answer) return refused(answer ? answer.error : 'the language server is not running.');
  const left = ctx.baselines.add(params, answer);
  const { title, right, range } = changesView(answer);
  if (!right) {
    const doc = await vscode.workspace.openTextDocument(left);
    const lines = clampLines(doc, answer.writtenRanges[0]);
    const editor = await vscode.window.showTextDocument(doc, { preview: true, ...(lines ? { selection: lines } : {}) });
    if (lines) editor.revealRange(lines, vscode.TextEditorRevealType.InCenter);
    const why = answer.state === 'gone' ? 'its code is gone since the analysis' : 'the file is not in the working tree';
    void vscode.window.showInformationMessage(`Concerns: ${answer.path} as it was at ${short(answer.baseline)}: ${why}.`);
    return undefined;
  }
  const current = await vscode.workspace.openTextDocument(right);
  const lines = clampLines(current, range);
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true, ...(lines ? { selection: lines } : {}) });
  // The selection is the modified (right) side's; centre it, as opening a reference does.
  const editor = vscode.window.activeTextEditor;
  if (lines && editor?.document.uri.toString() === right.toString()) editor.revealRange(lines, vscode.TextEditorRevealType.InCenter);
  return undefined;
}

function refused(why: string): string {
  const message = `Concerns: cannot show the changes since the analysis. ${why}`;
  void vscode.window.showErrorMessage(message);
  return message;
}

/** The diff's title (`auth.py (at abc1234) ↔ working tree`), its right side and the lines to reveal there. */
export function changesView(found: BaselineTextFound): { title: string; right?: vscode.Uri; range?: { start: number; end: number } } {
  const base = basename(found.path);
  if (!found.currentUri) return { title: `${base} (at ${short(found.baseline)})` };
  const now = found.currentPath && found.currentPath !== found.path ? `${basename(found.currentPath)} (working tree)` : 'working tree';
  const view: { title: string; right: vscode.Uri; range?: { start: number; end: number } } = { title: `${base} (at ${short(found.baseline)}) ↔ ${now}`, right: vscode.Uri.parse(found.currentUri) };
  if (found.ranges[0]) view.range = found.ranges[0];
  return view;
}

/** Which reference: the arguments of a hover or quick fix, a reference node, or one picked of a concern node. */
async function referenceOf(arg: unknown): Promise<ReferenceParams | undefined> {
  const a = arg as Partial<ReferenceParams> | undefined;
  if (typeof a?.documentUri === 'string' && typeof a.concernId === 'string' && typeof a.index === 'number') return { documentUri: a.documentUri, concernId: a.concernId, index: a.index };
  const node = arg as Partial<ReferenceNode | ConcernNode> | undefined;
  if (node?.kind === 'reference' && node.concern && typeof node.index === 'number') return { documentUri: node.concern.documentUri, concernId: node.concern.id, index: node.index };
  if (node?.kind === 'concern' && node.concern) return pickReference(node.concern);
  void vscode.window.showErrorMessage('Concerns: this command needs a reference (run it from a hover, a quick fix or the Concerns view).');
  return undefined;
}

async function pickReference(concern: TreeConcern): Promise<ReferenceParams | undefined> {
  const offered = concern.references.map((ref, index) => ({ ref, index })).filter(({ ref }) => ref.showChanges);
  if (offered.length === 0) {
    void vscode.window.showInformationMessage(`Concerns: no code of "${plainTitle(concern.title)}" moved, changed or went since a known commit.`);
    return undefined;
  }
  const one = (index: number): ReferenceParams => ({ documentUri: concern.documentUri, concernId: concern.id, index });
  if (offered.length === 1) return one(offered[0]!.index);
  const picked = await vscode.window.showQuickPick(
    offered.map(({ ref, index }) => ({ label: ref.path, description: ref.state, index })),
    { title: `Show changes since the analysis: ${plainTitle(concern.title)}`, placeHolder: `${offered.length} references whose code moved, changed or went` },
  );
  return picked ? one(picked.index) : undefined;
}

/** The lines to select, when there are some. */
function clampLines(doc: vscode.TextDocument, lines: { start: number; end: number } | undefined): vscode.Range | undefined {
  return lines ? linesIn(doc, lines) : undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
