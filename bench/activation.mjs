// Client activation without VS Code: `node bench/activation.mjs dist/client.js`. Requires the
// bundle against a stub `vscode` module (every member a no-op that returns another stub) and
// calls activate(). The language client's own start (spawning the server, the LSP handshake) is
// not the extension's activation cost and cannot run against a stub: activation is timed until
// activate() settles; the language client is loaded and asked to spawn the server after that, in
// the background, and the time until it would spawn is reported too. Prints one JSON line.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import childProcess from 'node:child_process';

const require = createRequire(import.meta.url);

let spawnAt;
let activationError;
const stub = () => {
  const children = new Map();
  const own = new Map();
  let instance;
  return new Proxy(function () {}, {
    get(_target, key) {
      if (own.has(key)) return own.get(key);
      if (key === 'then') return undefined; // not a thenable
      if (key === Symbol.toPrimitive) return () => '/tmp/concerns-lens-stub';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'fsPath' || key === 'path') return '/tmp/concerns-lens-stub';
      if (key === 'isTrusted') return true;
      if (key === 'version') return '1.100.0';
      if (key === 'length') return 0;
      if (key === 'prototype') return Object.prototype;
      if (!children.has(key)) children.set(key, stub());
      return children.get(key);
    },
    set: (_target, key, value) => (own.set(key, value), true),
    defineProperty: (_target, key, descriptor) => (own.set(key, descriptor.value), true),
    apply: () => (instance ??= stub()),
    construct: () => (instance ??= stub()),
  });
};
// The module's names, from its type declarations: the bundle copies them off the module object.
const names = new Set();
try {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const m of dts.matchAll(/^\s{1,4}export (?:namespace|class|enum|function|const|let) (\w+)/gm)) names.add(m[1]);
} catch {
  for (const n of ['window', 'workspace', 'commands', 'languages', 'env', 'Uri', 'EventEmitter', 'Disposable']) names.add(n);
}
const vscode = Object.fromEntries([...names].map((n) => [n, stub()]));
vscode.version = '1.100.0';
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
// The language client forks the server: the moment it asks is the end of activation proper.
for (const name of ['fork', 'spawn']) {
  childProcess[name] = () => {
    spawnAt ??= performance.now();
    throw new Error('stubbed: the benchmark does not start the server from the client');
  };
}

const bundle = process.argv[2];
const tRequire = performance.now();
const extension = require(bundle);
const requireMs = performance.now() - tRequire;
const context = stub();
const started = performance.now();
let settled;
Promise.resolve()
  .then(() => extension.activate(context))
  .catch((error) => (activationError = String(error && error.stack || error).slice(0, 400)))
  .then(() => (settled = performance.now()));
setTimeout(() => {
  // Activation is what VS Code waits for: loading the bundle and activate() settling. The client
  // starts the server after that, in the background: reported apart, as the time to the spawn.
  const end = settled ?? spawnAt ?? performance.now();
  const serverSpawnMs = spawnAt === undefined ? undefined : requireMs + (spawnAt - started);
  process.stdout.write(`${JSON.stringify({ requireMs, activationMs: requireMs + (end - started), serverSpawnMs, reachedServerStart: spawnAt !== undefined, activationError })}\n`);
  process.exit(0);
}, 1500);
