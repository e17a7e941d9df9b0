// The language client, bundled on its own (dist/languageClient.js) and loaded after activation:
// `vscode-languageclient` is most of the client's code, and activation must not wait for it.
export { LanguageClient, TransportKind } from 'vscode-languageclient/node';
