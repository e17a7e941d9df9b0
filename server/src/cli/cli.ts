/**
 * The `concerns` command line: one verb per file (index, check, lsp, mcp), the options parsed the
 * same way by each. Every bad argument ends in a message naming it and exit code 2; the verbs
 * that serve (lsp, mcp) load their libraries only when asked for.
 */
import { UsageError } from './args';
import { CHECK_USAGE, checkCommand } from './checkCommand';
import { INDEX_USAGE, indexCommand } from './indexCommand';
import { EXIT, type CliIo } from './io';
import { LSP_USAGE } from './usage';

export type { CliIo } from './io';

export const USAGE = `Usage: concerns <command> [options]

Commands:
  index   print the concerns model (a summary, or --json)
  check   the CI check: broken references, drift, concerns a change touches (text, json, sarif, github)
  lsp     the language server over --stdio, for any editor
  mcp     a Model Context Protocol server over stdio, for coding agents

Run \`concerns <command> --help\` for its options.

${INDEX_USAGE}
${CHECK_USAGE}
${LSP_USAGE}`;

/** Runs one command line; resolves with its exit code (the serving verbs resolve when they stop). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return EXIT.ok;
      case 'index':
        return await indexCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'lsp':
        return await (await import('./lspCommand')).lspCommand(rest, io);
      case 'mcp':
        return await (await import('./mcp/mcpCommand')).mcpCommand(rest, io);
      default:
        throw new UsageError(`unknown command '${command}' (index, check, lsp, mcp)`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`concerns: ${error.message}\nRun \`concerns ${command && ['index', 'check', 'lsp', 'mcp'].includes(command) ? `${command} ` : ''}--help\` for usage.\n`);
    return EXIT.usage;
  }
}
