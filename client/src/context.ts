import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';

/**
 * Owns what the extension creates: the language client, its output channel, commands and
 * every disposable, so that deactivation stops all of it.
 */
export class ConcernsContext {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('Concerns Lens', { log: true });
    this.disposables.push(this.output);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    this.disposables.push(...registerCommands(this));
    await this.startClient();
  }

  async restart(): Promise<void> {
    await this.stopClient();
    await this.startClient();
  }

  async dispose(): Promise<void> {
    await this.stopClient();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async startClient(): Promise<void> {
    const module = vscode.Uri.joinPath(this.extension.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      // Every file scheme on disk: diagnostics go to any file a concern names.
      documentSelector: [{ scheme: 'file', pattern: '**/{CONCERNS,concerns,Concerns}.md' }, { scheme: 'file', language: 'markdown' }],
      synchronize: { configurationSection: 'concerns' },
      outputChannel: this.output,
      initializationOptions,
    };
    this.client = new LanguageClient('concernsLens', 'Concerns Lens', serverOptions, clientOptions);
    await this.client.start();
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop().catch((error: unknown) => this.output.warn(`Stopping the language server: ${String(error)}`));
  }
}
