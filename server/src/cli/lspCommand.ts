// `concerns lsp --stdio`: the language server over stdin/stdout, for any LSP client (the same
// server as `node dist/server.js --stdio`). Loaded only for this verb: the other verbs start fast.
import { UsageError } from './args';
import { EXIT, type CliIo } from './io';

import { LSP_USAGE } from './usage';

export async function lspCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(LSP_USAGE);
    return EXIT.ok;
  }
  for (const arg of argv) {
    // Editors add --clientProcessId=N; only stdio is served.
    if (arg !== '--stdio' && !/^--clientProcessId=\d+$/.test(arg)) throw new UsageError(`lsp: unknown option '${arg}' (the server speaks over --stdio only)`);
  }
  const [{ createConnection, ProposedFeatures }, { startServer }, { nodeRuntime }] = await Promise.all([import('vscode-languageserver/node'), import('../server'), import('../node/runtime')]);
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, nodeRuntime);
  // Served until the client sends exit (the connection ends the process).
  return new Promise<number>(() => undefined);
}
