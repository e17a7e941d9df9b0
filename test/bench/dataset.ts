// What the benches on real documents share (dev tools; their data is not part of the project):
// the data folder's layout, the project's modules loaded from the checkout being measured, and
// the parse of a document as the extension does it (discovery picks the document and its
// project root in a workspace laid out from the repository's file list) and named by hand.
//
// DATA_DIR holds one folder per document: `doc.md` (the document's text), `meta.json`
// (`{ "repo": "owner/name", "docPath": ".gsd/codebase/CONCERNS.md" }`) and `files.txt` (the
// repository's file paths, one a line; an approximate list is fine).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ResolvedDocument, ResolvedReference } from '../../server/src/core/model';

export type Modules = typeof import('../../server/src/core/parse/document') &
  typeof import('../../server/src/core/resolve/document') &
  typeof import('../../server/src/core/resolve/resolver') &
  typeof import('../../server/src/node/discovery') &
  typeof import('../../server/src/node/fsWorkspace') &
  Partial<typeof import('../../server/src/core/features/mentions')>;

export interface BenchArgs {
  dataDir: string;
  /** The checkout whose modules are measured (`--project DIR`, else this one). */
  project: string;
  verbose: boolean;
}

export function benchArgs(usage: string): BenchArgs {
  const args = process.argv.slice(2);
  const dataDir = args[0] ?? '';
  if (dataDir === '' || dataDir.startsWith('--')) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const projectArg = args.indexOf('--project');
  const project = path.resolve(projectArg >= 0 ? args[projectArg + 1]! : path.join(import.meta.dirname, '..', '..'));
  return { dataDir, project, verbose: args.includes('--verbose') };
}

/** The project's modules, from the checkout being measured. */
export async function loadModules(project: string): Promise<Modules> {
  const files = ['core/parse/document', 'core/resolve/document', 'core/resolve/resolver', 'node/discovery', 'node/fsWorkspace'];
  const modules = await Promise.all(files.map((f) => import(path.join(project, 'server', 'src', `${f}.ts`)) as Promise<object>));
  // Links for paths outside the concerns came later: an older checkout has none.
  const mentions = (await import(path.join(project, 'server', 'src', 'core', 'features', 'mentions.ts')).catch(() => ({}))) as object;
  return Object.assign({}, ...modules, mentions) as Modules;
}

export interface Entry {
  /** The data folder's name. */
  name: string;
  dir: string;
  text: string;
  meta: { repo: string; docPath: string };
  /** The repository's files, without the document itself. */
  files: string[];
  /** Every folder that holds one of `files`. */
  dirs: Set<string>;
  /** Where the document's paths are relative to: the folder holding its tool's folder. */
  root: string;
}

/** The documents of a data folder, in name order. */
export function readDataset(dataDir: string): Entry[] {
  const entries: Entry[] = [];
  for (const name of fs.readdirSync(dataDir).sort()) {
    const dir = path.join(dataDir, name);
    // A folder still being written (no file list yet) is left for later.
    if (!['doc.md', 'meta.json', 'files.txt'].every((f) => fs.existsSync(path.join(dir, f)))) continue;
    const text = fs.readFileSync(path.join(dir, 'doc.md'), 'utf8');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { repo: string; docPath: string };
    const files = fs
      .readFileSync(path.join(dir, 'files.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && l !== meta.docPath);
    const dirs = new Set(files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    entries.push({ name, dir, text, meta, files, dirs, root: trueRoot(meta.docPath) });
  }
  return entries;
}

/** The folder holding the tool's folder above the document: where its paths are relative to. */
function trueRoot(docPath: string): string {
  const parts = docPath.split('/');
  const i = parts.findIndex((p) => ['.planning', '.gsd', '.forge', 'docs'].includes(p));
  return i > 0 ? parts.slice(0, i).join('/') : '';
}

export interface Parsed {
  /** The project root discovery gave the document, or undefined when discovery did not find it. */
  foundRoot: string | undefined;
  /** The document as the extension reads it, when discovery finds it. */
  asFound: ResolvedDocument | undefined;
  /** The document read with its true project root. */
  named: ResolvedDocument;
  /** The paths written outside its concerns that the document links (named by hand); [] when the checkout has none. */
  mentions: ResolvedReference[];
}

/** Parses and resolves the document in a workspace laid out from the file list, found and named. */
export function parseEntry(m: Modules, entry: Entry): Parsed {
  const maxLine = Math.min(20_000, Math.max(10, ...[...entry.text.matchAll(/\d{1,5}/g)].map((x) => Number(x[0]))) + 1);
  const workspaceRoot = buildWorkspace([...entry.files, entry.meta.docPath], maxLine);
  try {
    fs.writeFileSync(path.join(workspaceRoot, entry.meta.docPath), entry.text);
    const found = m.discoverDocuments(new m.FsWorkspace(workspaceRoot, false, () => {}), []).find((d) => d.path === entry.meta.docPath);
    const resolver = () => new m.ReferenceResolver(new m.FsWorkspace(workspaceRoot, false, () => {}));
    const read = (root: string) => m.resolveDocument(m.parseConcernsDocument(entry.text), resolver(), { root });
    const named = read(entry.root);
    const mentions = m.mentionsOf && m.linkableMentions ? m.linkableMentions(resolver().resolveAll(m.mentionsOf(entry.text, named.concerns), { root: entry.root })) : [];
    return { foundRoot: found?.root, asFound: found ? read(found.root) : undefined, named, mentions };
  } finally {
    fs.rmSync(workspaceRoot, { recursive: true, force: true });
  }
}

/** A temporary folder with every listed file, each `lines` lines long. */
function buildWorkspace(files: readonly string[], lines: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concerns-bench-'));
  const body = '\n'.repeat(lines);
  for (const file of files) {
    const abs = path.join(dir, file);
    if (!abs.startsWith(dir + path.sep)) continue;
    // A folder listed as a line of its own before its files (`Editor`, `Editor/x.cs`): the folder wins.
    let up = dir;
    for (const part of path.relative(dir, path.dirname(abs)).split(path.sep).filter(Boolean)) {
      up = path.join(up, part);
      if (fs.statSync(up, { throwIfNoEntry: false })?.isFile()) fs.rmSync(up);
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) continue;
    try {
      fs.writeFileSync(abs, body);
    } catch {
      // A path that is a folder in another version of the history: the union of versions clashes.
    }
  }
  return dir;
}
