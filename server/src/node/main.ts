// The server's entry point: a connection over whatever transport the command line names
// (--stdio for other editors and tests, --node-ipc for VS Code), handed to the server.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { nodeRuntime } from './runtime';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeRuntime);
