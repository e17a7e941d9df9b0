import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { DOC_DIRS, DOC_NAME, projectRootOf } from '../core/documentPlaces';
import { MAX_DOCUMENT_CHARS } from '../core/parse/preprocess';
import type { FsWorkspace } from './fsWorkspace';
import { readWorkspaceText } from './workspaceFile';

export { DOC_DIRS, projectRootOf };

export interface FoundDocument {
  /** Workspace-relative path of the document. */
  path: string;
  /** Workspace-relative directory of the project it belongs to ('' = the folder's root). */
  root: string;
}

/** Nested projects are looked for this deep (monorepos: `backend/`, `apps/web/`, `packages/x/`). */
const MAX_PROJECT_DEPTH = 3;
const SKIPPED = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'target', 'vendor', '.venv', 'venv', '__pycache__', '.next', '.cache', '.vscode-test']);

/**
 * Finds the concerns documents of a folder without listing the whole tree: a bounded walk of
 * directories (not files) for project roots, plus the user's globs (which do list files).
 */
export function discoverDocuments(workspace: FsWorkspace, globs: readonly string[]): FoundDocument[] {
  const found = new Map<string, FoundDocument>();
  const visit = (dirRel: string, depth: number) => {
    // One listing of the folder says which tool folders exist: only those are read (a dozen
    // places a folder, most absent, would be a dozen failed reads for each of a thousand folders).
    const entries = listEntries(workspace, dirRel);
    const present = new Set(entries.filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name));
    // A bare CONCERNS.md counts at the folder root only; deeper, it must sit in a docs folder.
    for (const docDir of depth === 0 ? DOC_DIRS : DOC_DIRS.filter(Boolean)) {
      if (docDir !== '' && !present.has(docDir.split('/')[0]!)) continue;
      const rel = [dirRel, docDir].filter(Boolean).join('/');
      for (const name of docDir === '' ? entries.map((e) => e.name) : listNames(workspace, rel)) {
        if (!DOC_NAME.test(name)) continue;
        const docPath = rel ? `${rel}/${name}` : name;
        if (workspace.stat(docPath)?.type === 'file' && !found.has(docPath)) found.set(docPath, { path: docPath, root: dirRel });
      }
    }
    if (depth >= MAX_PROJECT_DEPTH) return;
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.planning')) continue;
      visit(dirRel ? `${dirRel}/${entry.name}` : entry.name, depth + 1);
    }
  };
  visit('', 0);
  if (globs.length > 0) {
    const matchers = globs.map((g) => new minimatch.Minimatch(g.replace(/^\.\//, ''), { dot: true, nocase: true }));
    for (const file of workspace.files()) {
      if (found.has(file) || !matchers.some((m) => m.match(file))) continue;
      found.set(file, { path: file, root: projectRootOf(file) });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function listNames(workspace: FsWorkspace, rel: string): string[] {
  const abs = workspace.absolute(rel);
  if (!abs) return [];
  try {
    return fs.readdirSync(abs);
  } catch {
    return [];
  }
}

function listEntries(workspace: FsWorkspace, rel: string): fs.Dirent[] {
  const abs = workspace.absolute(rel);
  if (!abs) return [];
  try {
    return fs.readdirSync(abs, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * A concerns document's text, read through the one read path and only up to the parser's cap
 * (a prefix of a larger file, which the parser cuts with a note): never read whole first.
 */
export function readDocumentText(root: string, absPath: string): string | undefined {
  return readWorkspaceText(root, absPath, { maxBytes: MAX_DOCUMENT_BYTES, prefix: true });
}

/** Enough bytes for MAX_DOCUMENT_CHARS characters of any UTF-8 text (at most 4 bytes each). */
export const MAX_DOCUMENT_BYTES = MAX_DOCUMENT_CHARS * 4;

export function joinRel(...parts: string[]): string {
  return path.posix.join(...parts.filter(Boolean));
}
