/** The version the command line reports (SARIF's tool, the MCP server's name); package.json's. */
export const VERSION = '0.1.0';
