// The peer: vscode-markdown-languageservice computing link diagnostics for the same references
// written as markdown links. Run as its own process (`node bench/peer.mjs ROOT DOC EDITS`) so
// that its start-up and memory are measured like the server's. Prints one JSON line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import * as md from 'vscode-markdown-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const [root, docRel, editsArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 50);
const docPath = path.join(root, docRel);
const docUri = URI.file(docPath);

const markdownIt = new MarkdownIt({ html: true });
const parser = { slugifier: md.githubSlugifier, tokenize: async (doc) => markdownIt.parse(doc.getText(), {}) };
let doc = TextDocument.create(docUri.toString(), 'markdown', 1, fs.readFileSync(docPath, 'utf8'));
const onChange = new Emitter();
const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: onChange.event,
  onDidCreateMarkdownDocument: new Emitter().event,
  onDidDeleteMarkdownDocument: new Emitter().event,
  getAllMarkdownDocuments: async () => [doc],
  hasMarkdownDocument: (uri) => uri.toString() === doc.uri,
  openMarkdownDocument: async (uri) => {
    if (uri.toString() === doc.uri) return doc;
    try {
      if (!uri.fsPath.endsWith('.md')) return undefined;
      return TextDocument.create(uri.toString(), 'markdown', 1, await fs.promises.readFile(uri.fsPath, 'utf8'));
    } catch {
      return undefined;
    }
  },
  stat: async (uri) => {
    try {
      const s = await fs.promises.stat(uri.fsPath);
      return { isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDirectory: async (uri) => {
    const entries = await fs.promises.readdir(uri.fsPath, { withFileTypes: true });
    return entries.map((e) => [e.name, { isDirectory: e.isDirectory() }]);
  },
};
const logger = { level: md.LogLevel.Off, log: () => {} };
const service = md.createLanguageService({ workspace, parser, logger });
const options = {
  validateReferences: md.DiagnosticLevel.warning,
  validateFragmentLinks: md.DiagnosticLevel.warning,
  validateFileLinks: md.DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: md.DiagnosticLevel.ignore,
  validateUnusedLinkDefinitions: md.DiagnosticLevel.ignore,
  validateDuplicateLinkDefinitions: md.DiagnosticLevel.ignore,
  ignoreLinks: [],
};
const token = new CancellationTokenSource().token;

const first = await service.computeDiagnostics(doc, options, token);
const coldMs = performance.now();

const times = [];
const lines = doc.getText().split('\n');
for (let i = 0; i < edits; i++) {
  // A keystroke on a link line, like the server's keystroke edits.
  const line = 2 + (i % Math.max(1, lines.length - 3));
  const text = doc.getText();
  const offset = doc.offsetAt({ line, character: 2 });
  doc = TextDocument.create(doc.uri, 'markdown', doc.version + 1, `${text.slice(0, offset)}x${text.slice(offset)}`);
  onChange.fire(doc);
  const t0 = performance.now();
  await service.computeDiagnostics(doc, options, token);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
process.stdout.write(`${JSON.stringify({ coldMs, coldAt: performance.timeOrigin + coldMs, diagnostics: first.length, editP50: q(0.5), editP95: q(0.95), peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
service.dispose();
