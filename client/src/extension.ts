// Activation only wires things together; the context owns the client and everything else.
import type * as vscode from 'vscode';
import { ConcernsContext } from './context';

let context: ConcernsContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<ConcernsContext> {
  context = new ConcernsContext(extensionContext);
  await context.start();
  return context;
}

export async function deactivate(): Promise<void> {
  await context?.dispose();
  context = undefined;
}
