/**
 * What every verb starts from: the root's concerns documents found (or named), parsed and
 * resolved, and — when git may run — each reference followed through history (drift). A document
 * that cannot be read is listed, not fatal; files are only ever read inside the root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedDocument } from '../core/model';
import { parseConcernsDocument } from '../core/parse/document';
import { editorText } from '../core/parse/preprocess';
import { resolveDocument } from '../core/resolve/document';
import { ReferenceResolver } from '../core/resolve/resolver';
import { injectFault } from '../faults';
import { discoverDocuments, MAX_DOCUMENT_BYTES, projectRootOf, type FoundDocument } from '../node/discovery';
import { FsWorkspace } from '../node/fsWorkspace';
import { DriftEngine } from '../node/git/drift';
import { checkoutFacts, type CheckoutFacts } from '../node/git/since';
import { readCodeText, readWorkspaceFile, readWorkspaceText, UNREADABLE_TEXT } from '../node/workspaceFile';
import { UsageError } from './args';

export interface LoadOptions {
  cwd: string;
  /** The root as given (default: the current directory). */
  root?: string;
  /** Documents as given (relative to the current directory); empty: found under the root. */
  docs: readonly string[];
  /** Whether processes (git) may run; `--no-git` starts none. */
  git: boolean;
  log: (message: string) => void;
}

export interface LoadedDocument {
  doc: FoundDocument;
  model: ResolvedDocument;
  text: string;
}

export interface DriftStatus {
  state: 'known' | 'unknown' | 'off';
  reason?: string;
}

export interface Loaded {
  root: string;
  workspace: FsWorkspace;
  documents: LoadedDocument[];
  unreadable: { path: string; reason: string }[];
  /** The git checkout, when git may run and the root is in one. */
  facts?: CheckoutFacts;
  drift: DriftStatus;
  /** A working-tree file's text through the one read path (inside the root, regular files, capped); undefined otherwise. */
  readText: (rel: string) => string | undefined;
}

/** Loads and resolves; throws {@link UsageError} for a root that is not a folder or a document outside it. */
export async function loadWorkspace(options: LoadOptions): Promise<Loaded> {
  const root = path.resolve(options.cwd, options.root ?? '.');
  if (!isDirectory(root)) throw new UsageError(`the root ${root} is not a directory`);
  const workspace = new FsWorkspace(root, options.git, options.log);
  const readText = (rel: string) => readWorkspaceText(root, path.join(root, rel));
  let found: FoundDocument[];
  if (options.docs.length > 0) {
    found = options.docs.map((doc) => {
      const rel = path.relative(root, path.resolve(options.cwd, doc)).split(path.sep).join('/');
      if (rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) throw new UsageError(`the document ${doc} is outside the root ${root}`);
      return { path: rel, root: projectRootOf(rel) };
    });
  } else {
    found = discoverDocuments(workspace, []);
  }
  const resolver = new ReferenceResolver(workspace);
  const documents: LoadedDocument[] = [];
  const unreadable: Loaded['unreadable'] = [];
  for (const doc of found) {
    // Through the one read path, and only up to the parser's cap (a prefix of a larger file).
    const read = readWorkspaceFile(root, path.join(root, doc.path), { maxBytes: MAX_DOCUMENT_BYTES, prefix: true });
    if (!read.ok) {
      unreadable.push({ path: doc.path, reason: UNREADABLE_TEXT[read.reason] });
      continue;
    }
    // Without its byte-order mark, as an editor holds it: positions on line 1 agree with the editor's.
    const text = editorText(read.bytes.toString('utf8'));
    documents.push({ doc, model: indexOrNote(doc, text, resolver, options.log), text });
  }
  const loaded: Loaded = { root, workspace, documents, unreadable, drift: { state: 'off', reason: 'git not run (--no-git)' }, readText };
  if (options.git) await followDrift(loaded, options.log);
  return loaded;
}

/**
 * One document's model; when indexing it fails, an empty model with an error note (printed with
 * the document, and logged), so the other documents are still printed and the exit code stays 0.
 */
function indexOrNote(doc: FoundDocument, text: string, resolver: ReferenceResolver, log: (message: string) => void): ResolvedDocument {
  try {
    injectFault(`index:${doc.path}`);
    return resolveDocument(parseConcernsDocument(text), resolver, { root: doc.root });
  } catch (error) {
    const message = `This document could not be indexed: ${error instanceof Error ? error.message : String(error)}`;
    log(`${doc.path}: ${message}`);
    const at = { line: 0, character: 0 };
    return resolveDocument({ concerns: [], notes: [{ message, range: { start: at, end: at }, severity: 'error' }] }, resolver, { root: doc.root });
  }
}

/**
 * Drift for every document, exactly as the server follows it (the one read path, git hardened):
 * where git cannot answer (a shallow clone's cut history, an object missing, git failing) a
 * reference is `unknown` with the reason, never a guess.
 */
async function followDrift(loaded: Loaded, log: (message: string) => void): Promise<void> {
  const facts = await checkoutFacts(loaded.root);
  if (!facts) {
    loaded.drift = { state: 'unknown', reason: 'not a git repository (or git is not installed)' };
    return;
  }
  loaded.facts = facts;
  try {
    const engine = new DriftEngine(loaded.root, (rel) => readCodeText(loaded.root, path.join(loaded.root, rel)), (rel) => loaded.workspace.stat(rel)?.type === 'file', log);
    const results = await engine.compute(loaded.documents.map(({ doc, model, text }) => ({ path: doc.path, text, root: doc.root, model })));
    for (const { doc, model } of loaded.documents) {
      const locations = results.get(doc.path) ?? [];
      let i = 0;
      for (const ref of model.concerns.flatMap((c) => c.references)) {
        const location = locations[i++];
        if (location) ref.location = location;
      }
    }
    loaded.drift = { state: 'known' };
  } catch (error) {
    log(`drift not computed: ${String(error)}`);
    loaded.drift = { state: 'unknown', reason: `git failed: ${error instanceof Error ? error.message : String(error)}` };
    for (const { model } of loaded.documents) markUnknown(model, loaded.drift.reason!);
  }
}

/** Every reference drift would follow (one file), marked unknown with why. */
function markUnknown(model: ResolvedDocument, note: string): void {
  for (const ref of model.concerns.flatMap((c) => c.references)) {
    if (ref.kind !== 'file' || ref.matches.length !== 1) continue;
    ref.location = { state: 'unknown', path: ref.matches[0]!, ranges: [], writtenPath: ref.matches[0]!, writtenRanges: ref.ranges, note };
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
