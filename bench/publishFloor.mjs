// The floor of "all diagnostics published": a language server that does nothing but publish
// diagnostics it has already (read from a file: the very ones the real server published at its
// cold start), then says so with `concerns/indexChanged` as the real server does. What it takes
// from process start to the last one received is what publishing that many files costs through
// vscode-languageserver over stdio, before any indexing. Usage: node publishFloor.mjs <file> --stdio
import * as fs from 'node:fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';

const file = process.argv[2];
const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: {} }));
connection.onInitialized(async () => {
  const published = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const [uri, diagnostics] of published) void connection.sendDiagnostics({ uri, diagnostics });
  await connection.sendNotification('concerns/indexChanged', { version: 1 });
});
connection.onShutdown(() => undefined);
connection.listen();
