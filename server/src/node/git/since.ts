/**
 * What `concerns check` asks git: the checkout (its prefix in the repository, whether it is shallow)
 * and, for `--since REV`, how each referenced file changed from REV to the working tree. Git runs
 * through the hardened runner only, never against the working tree: REV's blobs are read with
 * `cat-file` and diffed against the working-tree text in process.
 */
import { diffLines, splitLines } from '../../core/drift/lineDiff';
import type { FileChangeSince } from '../../core/report/touched';
import { catFiles, parseNameStatus, runGit } from './git';

export interface CheckoutFacts {
  /** The folder's path inside the repository (`''` or `sub/dir/`). */
  prefix: string;
  /** The repository's top folder. */
  toplevel: string;
  /** A shallow clone: the history before its cut is not there. */
  shallow: boolean;
}

/** The checkout the folder is in, or undefined when it is not in a git repository (or git is missing). */
export async function checkoutFacts(folder: string): Promise<CheckoutFacts | undefined> {
  try {
    const [prefix = '', toplevel = '', shallow = ''] = (await runGit(folder, ['rev-parse', '--show-prefix', '--show-toplevel', '--is-shallow-repository'])).split('\n');
    return toplevel ? { prefix, toplevel, shallow: shallow.trim() === 'true' } : undefined;
  } catch {
    return undefined;
  }
}

export class UnknownRevisionError extends Error {}

/** The full sha of the commit `rev` names; throws {@link UnknownRevisionError} saying why not. */
export async function resolveRevision(folder: string, rev: string, facts: CheckoutFacts): Promise<string> {
  if (rev === '' || rev.startsWith('-') || /[\0\n\r]/.test(rev)) throw new UnknownRevisionError(`'${rev}' is not a revision`);
  let sha = '';
  try {
    sha = (await runGit(folder, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch {
    /* not found: below */
  }
  if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
  const hint = facts.shallow ? ' (this is a shallow clone: fetch the history, e.g. actions/checkout with fetch-depth: 0, or git fetch --unshallow)' : ' (fetch it first, e.g. git fetch origin main)';
  throw new UnknownRevisionError(`unknown revision '${rev}': no such commit in this repository${hint}`);
}

/**
 * How each of `paths` (folder-relative, as they are now) changed from commit `sha` to the working
 * tree: added (not at `sha`), deleted (not in the working tree), or modified with its hunks.
 * Unchanged files are left out, and so are files there now that cannot be read (too large, not a
 * regular file): they are listed in `unreadable`, never guessed. `currentText` reads a file of the
 * working tree (undefined: none, or unreadable); `exists` tells which of the two.
 */
export async function changesSince(
  folder: string,
  facts: CheckoutFacts,
  sha: string,
  paths: readonly string[],
  currentText: (rel: string) => string | undefined,
  exists: (rel: string) => boolean,
): Promise<{ changes: Map<string, FileChangeSince>; unreadable: string[] }> {
  const renamedFrom = new Map<string, string>();
  const added = new Set<string>();
  // Renames and additions from `sha` to the index (git compares two trees, never the working tree).
  const names = await runGit(folder, ['diff', '--cached', '--name-status', '-z', '--no-ext-diff', '--no-textconv', '--find-renames', sha, '--'], { timeoutMs: 60_000 });
  for (const { status, path: a, newPath: b } of parseNameStatus(names)) {
    if (status.startsWith('R') && b !== undefined) renamedFrom.set(b, a);
    else if (status.startsWith('A')) added.add(a);
  }
  const out = new Map<string, FileChangeSince>();
  const unreadable: string[] = [];
  const wanted = [...new Set(paths)].filter((p) => !/[\n\r]/.test(p));
  const oldName = (rel: string) => renamedFrom.get(facts.prefix + rel) ?? facts.prefix + rel;
  for (let at = 0; at < wanted.length; at += BATCH) {
    const batch = wanted.slice(at, at + BATCH);
    const blobs = await catFiles(folder, batch.filter((rel) => !added.has(facts.prefix + rel)).map((rel) => `${sha}:${oldName(rel)}`));
    for (const rel of batch) {
      const now = currentText(rel);
      if (now === undefined && exists(rel)) {
        unreadable.push(rel);
        continue;
      }
      const before = added.has(facts.prefix + rel) ? undefined : blobs.get(`${sha}:${oldName(rel)}`);
      if (before === undefined && now === undefined) continue; // neither then nor now: nothing this change did
      if (before === undefined) out.set(rel, { change: 'added', hunks: [] });
      else if (now === undefined) out.set(rel, { change: 'deleted', hunks: [] });
      else {
        const hunks = diffLines(splitLines(before.toString('utf8')).map(noCr), splitLines(now).map(noCr));
        if (hunks.length > 0) out.set(rel, { change: 'modified', hunks });
      }
    }
  }
  return { changes: out, unreadable };
}

/** Files whose texts at the revision are read together (one `git cat-file --batch` each). */
const BATCH = 200;

function noCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
