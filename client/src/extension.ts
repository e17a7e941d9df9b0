// Activation only wires things together; the context owns the client and everything else.
import type * as vscode from 'vscode';
import { ConcernsContext } from './context';

let context: ConcernsContext | undefined;

/** Cheap and synchronous: the language client starts after it returns (`context.ready`). */
export function activate(extensionContext: vscode.ExtensionContext): ConcernsContext {
  context = new ConcernsContext(extensionContext);
  context.start();
  return context;
}

export async function deactivate(): Promise<void> {
  await context?.dispose();
  context = undefined;
}
