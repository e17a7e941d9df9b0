// The usage of the serving verbs, kept apart from them: printing help loads neither server.
export const LSP_USAGE = `Usage: concerns lsp --stdio

  Starts the Concerns Lens language server on stdin/stdout. Send
  initializationOptions { "trusted": true } to let it run git (drift, git's file list).
`;
