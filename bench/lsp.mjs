// A minimal editor for the benchmark: spawns the built server over stdio, answers what an editor
// answers, records diagnostics and index versions, and times requests.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, RequestType0, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { pathToFileURL } from 'node:url';

export const fileUri = (abs) => pathToFileURL(abs).toString();

export class BenchClient {
  constructor(serverPath, execArgv = [], args = []) {
    this.started = performance.now();
    this.process = spawn(process.execPath, [...execArgv, serverPath, ...args, '--stdio'], { stdio: 'pipe' });
    this.diagnostics = new Map();
    this.publishes = 0;
    this.version = 0;
    this.waiters = [];
    this.stderr = '';
    this.process.stderr.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => this.folders);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publishes++;
    });
    this.connection.onNotification('concerns/indexChanged', (params) => {
      this.version = params.version;
      const now = performance.now();
      for (const waiter of [...this.waiters]) {
        if (params.version >= waiter.version) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(now);
        }
      }
    });
    this.logs = [];
    this.connection.onNotification('window/logMessage', (params) => this.logs.push(params.message));
    this.connection.onNotification(() => {});
    this.connection.listen();
  }

  async initialize(root, initializationOptions = { trusted: true }) {
    this.folders = [{ uri: fileUri(root), name: 'bench' }];
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.folders[0].uri,
      workspaceFolders: this.folders,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true }, hover: { contentFormat: ['markdown'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the time of the first `concerns/indexChanged` at or above `version`. */
  waitForVersion(version, timeoutMs = 120_000) {
    if (this.version >= version) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for index version ${version} (at ${this.version})\n${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ version, resolve: (t) => (clearTimeout(timer), resolve(t)) });
    });
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /** A request; without params it is sent as a parameterless request (no `params` member). */
  request(method, params) {
    return params === undefined ? this.connection.sendRequest(new RequestType0(method)) : this.connection.sendRequest(method, params);
  }

  /** Peak resident set size in MB (Linux: VmHWM), undefined elsewhere. */
  peakRssMb() {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
      return kb ? kb / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async shutdown() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 5000);
      this.process.on('exit', () => (clearTimeout(timer), resolve()));
    });
    this.connection.dispose();
  }
}
