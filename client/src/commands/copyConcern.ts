import * as vscode from 'vscode';
import type { ConcernsContext } from '../context';
import { fetchConcern } from './open';

/** `concerns.copyConcern`: the concern's markdown, exactly as the document has it, to the clipboard. */
export async function copyConcern(ctx: ConcernsContext, arg: unknown): Promise<void> {
  const details = await fetchConcern(ctx, arg);
  if (!details) return;
  await vscode.env.clipboard.writeText(details.markdown);
  void vscode.window.showInformationMessage(`Copied "${details.concern.title}" as markdown.`);
}
