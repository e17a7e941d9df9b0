// Bundles the client, the server and the command line with esbuild.
// Everything runtime is bundled, so the .vsix needs no node_modules.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // remark and friends are ESM; esbuild converts them into the CommonJS bundle.
  mainFields: ['module', 'main'],
};

/**
 * The client in two bundles: what activation runs (views, commands, status bar), small, and the
 * language client (`vscode-languageclient`, most of the code), loaded after activation returns.
 * The shared protocol file only needs the message type classes at run time: from their own small
 * module of vscode-jsonrpc (the very classes vscode-languageserver-protocol re-exports), not the
 * whole protocol package. Those are another copy than the language client's (whose parameter
 * structures it compares by identity), so the client sends requests and listens for notifications
 * by method name (`TreeRequest.method`), never by the type object.
 */
export const clientBuilds = (options) => [
  {
    ...options,
    entryPoints: ['client/src/extension.ts'],
    outfile: `${options.outdir}/client.js`,
    external: ['vscode', './languageClient.js'],
    alias: { 'vscode-languageserver-protocol': 'vscode-jsonrpc/lib/common/messages' },
  },
  { ...options, entryPoints: ['client/src/languageClient.ts'], outfile: `${options.outdir}/languageClient.js`, external: ['vscode'] },
].map(({ outdir: _outdir, ...build }) => build);

/**
 * What the server bundle's parse cache entries are checked against: a hash of the core (parser,
 * extractor, model) and of the locked dependencies (remark's version decides the tree). Any
 * change to either makes every kept model stale, so a cached model is always this parser's.
 */
export function parserId() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const files = fs.readdirSync(path.join(root, 'server/src/core'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort();
  for (const file of files) hash.update(`${file}\0`).update(fs.readFileSync(path.join(root, 'server/src/core', file)));
  hash.update(fs.readFileSync(path.join(root, 'package-lock.json')));
  return hash.digest('hex').slice(0, 32);
}

/** The server's build options beyond the common ones. */
export const serverDefines = () => ({ define: { __CONCERNS_PARSER_ID__: JSON.stringify(parserId()) } });

/** In the CLI bundle, the serving verbs' modules stay imports of their own bundles (`dist/lspCommand.js`, `dist/mcp/mcpCommand.js`). */
const lazyVerbs = {
  name: 'lazy-verbs',
  setup(build) {
    build.onResolve({ filter: /^\.\/(lspCommand|mcp\/mcpCommand)$/ }, (args) => (args.importer.endsWith(path.join('server', 'src', 'cli', 'cli.ts')) ? { path: `${args.path}.js`, external: true } : undefined));
  },
};

const builds = [
  ...clientBuilds({ ...common, outdir: 'dist' }),
  // Watching, the core changes under a running build: no parser id, so no parse cache (never a stale model).
  { ...common, ...(watch ? {} : serverDefines()), entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  // The command line starts fast: the verbs that serve (the language server, the MCP server and
  // its SDK) are bundles of their own, loaded only when asked for. `lsp` serves with the same defines.
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [lazyVerbs] },
  { ...common, ...(watch ? {} : serverDefines()), entryPoints: ['server/src/cli/lspCommand.ts'], outfile: 'dist/lspCommand.js' },
  { ...common, entryPoints: ['server/src/cli/mcp/mcpCommand.ts'], outfile: 'dist/mcp/mcpCommand.js' },
];

if (!process.argv[1]?.endsWith('build.mjs')) {
  // Imported (by the benchmark) for clientBuilds: build nothing.
} else if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching client, server and cli');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: built dist/client.js, dist/languageClient.js, dist/server.js, dist/cli.js in ${Date.now() - started} ms`);
}
