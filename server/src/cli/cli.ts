import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentToJson } from '../core/features/exportJson';
import { summaryText } from '../core/features/summaryText';
import { parseConcernsDocument } from '../core/parse/document';
import { resolveDocument } from '../core/resolve/document';
import { ReferenceResolver } from '../core/resolve/resolver';
import { discoverDocuments, MAX_DOCUMENT_BYTES, projectRootOf, type FoundDocument } from '../node/discovery';
import { FsWorkspace } from '../node/fsWorkspace';
import { DriftEngine } from '../node/git/drift';
import { readCodeText, readWorkspaceFile, UNREADABLE_TEXT } from '../node/workspaceFile';

export interface CliIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: concerns index [--root DIR] [--doc PATH]... [--json]

  Indexes the repository's concerns documents (.planning/codebase/CONCERNS.md,
  .gsd/codebase/ and .forge/codebase/ ones, and the like)
  and prints each concern with the files and lines it references.

  --root DIR   the repository (default: the current directory)
  --doc PATH   a concerns document to index (repeatable; default: found under the root)
  --json       print the model as JSON instead of a summary
`;

interface Args {
  root: string;
  docs: string[];
  json: boolean;
}

/**
 * Runs the command line with drift: each reference followed through git history to where its
 * code is now (the JSON's `location`; the summary uses the current lines). Without a git
 * repository it is {@link runCli}.
 */
export async function runCliWithDrift(argv: string[], io: CliIo): Promise<number> {
  const loaded = loadDocuments(argv, io);
  if (typeof loaded === 'number') return loaded;
  try {
    // Read and run exactly as the server does: the one read path, git hardened (no transport).
    const engine = new DriftEngine(
      loaded.root,
      (rel) => readCodeText(loaded.root, path.join(loaded.root, rel)),
      // As the server does: a file named whole is looked up in the stats resolving made, not read.
      (rel) => loaded.workspace.stat(rel)?.type === 'file',
      (message) => io.err(`concerns: ${message}\n`),
    );
    const results = await engine.compute(loaded.documents.map(({ doc, model, text }) => ({ path: doc.path, text, root: doc.root, model })));
    for (const { doc, model } of loaded.documents) {
      const locations = results.get(doc.path) ?? [];
      let i = 0;
      for (const ref of model.concerns.flatMap((c) => c.references)) {
        const location = locations[i++];
        if (location) ref.location = location;
      }
    }
  } catch (error) {
    io.err(`concerns: drift not computed: ${String(error)}\n`);
  }
  return printDocuments(loaded, io);
}

/** Runs the command line; returns the exit code (0 even when references are broken). */
export function runCli(argv: string[], io: CliIo): number {
  const loaded = loadDocuments(argv, io);
  return typeof loaded === 'number' ? loaded : printDocuments(loaded, io);
}

interface Loaded {
  root: string;
  json: boolean;
  documents: { doc: FoundDocument; model: ReturnType<typeof resolveDocument>; text: string }[];
  workspace: FsWorkspace;
}

/** The documents parsed and resolved, or an exit code (help printed, bad arguments, unreadable document). */
function loadDocuments(argv: string[], io: CliIo): Loaded | number {
  const parsed = parseArgs(argv, io.cwd);
  if (parsed === 'help') {
    io.out(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.err(`concerns: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const root = parsed.root;
  if (!isDirectory(root)) {
    io.err(`concerns: the root ${root} is not a directory\n`);
    return 2;
  }
  const workspace = new FsWorkspace(root, true, (message) => io.err(`concerns: ${message}\n`));
  let found: FoundDocument[];
  if (parsed.docs.length > 0) {
    found = [];
    for (const doc of parsed.docs) {
      const rel = path.relative(root, path.resolve(io.cwd, doc)).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        io.err(`concerns: the document ${doc} is outside the root ${root}\n`);
        return 2;
      }
      found.push({ path: rel, root: projectRootOf(rel) });
    }
  } else {
    found = discoverDocuments(workspace, []);
  }
  const resolver = new ReferenceResolver(workspace);
  const documents = [];
  for (const doc of found) {
    // Through the one read path, and only up to the parser's cap (a prefix of a larger file).
    const read = readWorkspaceFile(root, path.join(root, doc.path), { maxBytes: MAX_DOCUMENT_BYTES, prefix: true });
    if (!read.ok) {
      io.err(`concerns: cannot read the document ${doc.path}: ${UNREADABLE_TEXT[read.reason]}\n`);
      return 1;
    }
    const text = read.bytes.toString('utf8');
    const model = resolveDocument(parseConcernsDocument(text), resolver, { root: doc.root });
    documents.push({ doc, model, text });
  }
  return { root, json: parsed.json, documents, workspace };
}

function printDocuments({ root, json, documents }: Loaded, io: CliIo): number {
  if (json) {
    io.out(`${JSON.stringify({ documents: documents.map(({ doc, model }) => documentToJson(doc.path, doc.root, model)) }, null, 2)}\n`);
  } else if (documents.length === 0) {
    io.out(`No concerns document found under ${root} (looked for .planning/codebase/CONCERNS.md, .gsd/codebase/CONCERNS.md, .forge/codebase/CONCERNS.md, docs/codebase/CONCERNS.md and concerns.md, in nested projects too).\n`);
  } else {
    io.out(`${documents.map(({ doc, model }) => summaryText(doc.path, model)).join('\n\n')}\n`);
  }
  return 0;
}

/** The arguments, `'help'`, or an error message (`{ error }`). */
function parseArgs(argv: string[], cwd: string): Args | 'help' | { error: string } {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return 'help';
  if (command !== 'index') return { error: `unknown command '${command}'` };
  const args: Args = { root: cwd, docs: [], json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--root' || arg === '--doc') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) return { error: `${arg} needs a value` };
      if (arg === '--root') args.root = path.resolve(cwd, value);
      else args.docs.push(value);
    } else if (arg === '--help' || arg === '-h') return 'help';
    else return { error: `unknown option '${arg}'` };
  }
  return args;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
