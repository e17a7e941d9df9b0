import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseUnifiedDiff, type FileDiff } from '../../core/drift/hunks';
import { diffLines, splitLines } from '../../core/drift/lineDiff';
import { mapLine, mapReference, squashSpace, type FileHistory } from '../../core/drift/mapRange';
import { HISTORY_NOT_AVAILABLE, UNSHALLOW_HINT } from '../../core/drift/targets';
import type { MappedLocation, ResolvedDocument, ResolvedReference } from '../../core/model';
import { MAX_FILE_BYTES, readWorkspaceFile, UNREADABLE_TEXT, type UnreadableReason } from '../workspaceFile';
import { catFiles, failureCause, indexEntries, parseNameStatus, runGit } from './git';

/** A concerns document to follow, as the service holds it. */
export interface DriftDocument {
  /** Workspace-relative path of the document. */
  path: string;
  /** Its text now (the editor's when open). */
  text: string;
  /** Project root of the document ('' = folder root). */
  root: string;
  model: ResolvedDocument;
}

/** Per document, the mapped location of each reference, in `concern.references` order flattened. */
export type DriftLocations = (MappedLocation | undefined)[];

/** A file's text now; `undefined` or `missing`: not there; another reason: there, but not to be followed. */
export type CurrentText = string | { reason: UnreadableReason } | undefined;

/** The repository holding a document, and how its paths map to the workspace folder's. */
interface RepoInfo {
  toplevel: string;
  gitDir: string;
  head: string;
  /** The commits at the edge of a shallow clone's history (their parents are not there); empty when not shallow. */
  shallowCommits: ReadonlySet<string>;
  shallow: boolean;
  /** Workspace-relative → repository path; undefined outside the repository. */
  toRepo(rel: string): string | undefined;
  /** Repository path → workspace-relative; undefined outside the workspace folder. */
  toWs(repoPath: string): string | undefined;
}

/** A baseline drift cannot use: why (shown as the location's note). */
interface UnknownBaseline {
  unknown: string;
}

/** A commit sha, WORKTREE, or why there is none. */
type Baseline = string | UnknownBaseline;

interface BaselineDiff {
  /** Repository paths: old → the file's diff from the baseline to the index. */
  byOldPath: Map<string, FileDiff>;
  /** Old paths git lists as added since the baseline. */
  added: Set<string>;
}

/**
 * The drift of a workspace folder's concerns documents: for each reference, the commit its lines
 * were written against, and where those lines are in the working tree now. Each document is
 * followed in the repository that holds it (a folder may hold several). Git runs only for what
 * the working tree cannot tell (history, the index); everything after the index is diffed in
 * process. Where git cannot answer (a shallow clone, an object missing, git failing) the state
 * is `unknown` with the reason, never a guess. Results of the git side are cached on HEAD, the
 * index and the document text.
 */
export class DriftEngine {
  private readonly cache = new Map<string, unknown>();
  /** The git directories of the repositories followed last (for the signature). */
  private gitDirs: string[] = [];
  /** Causes already logged, by repository: each is logged once. */
  private readonly logged = new Set<string>();
  private realFolder: string | undefined;

  constructor(
    private readonly folder: string,
    /** The file's text now (workspace-relative path), read through the workspace's read path. */
    private readonly currentText: (rel: string) => CurrentText,
    /** Whether the file is there now (for files named whole: their text is not needed). */
    private readonly exists: (rel: string) => boolean = (rel) => typeof currentText(rel) === 'string',
    /** Where a cause of `unknown` is said, once per cause and repository (the Output channel). */
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** A cheap fingerprint of HEAD, the current branch and the index of each repository (file stats, no process). */
  signature(): string {
    const dirs = this.gitDirs.length > 0 ? this.gitDirs : [this.gitDirGuess()].filter((d): d is string => d !== undefined);
    if (dirs.length === 0) return 'none';
    return dirs.map((d) => gitDirSignature(d)).join('||');
  }

  private gitDirGuess(): string | undefined {
    for (let dir = this.folder; ; ) {
      const candidate = path.join(dir, '.git');
      try {
        const s = fs.lstatSync(candidate);
        if (s.isDirectory()) return candidate;
        const m = /^gitdir:\s*(.+)$/m.exec(readSmall(candidate) ?? '');
        if (m?.[1]) return path.resolve(dir, m[1].trim());
      } catch {
        /* keep looking up */
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Locations for every document; a document outside any repository gets no locations. */
  async compute(docs: readonly DriftDocument[]): Promise<Map<string, DriftLocations>> {
    const result = new Map<string, DriftLocations>();
    const byRepo = new Map<string, { repo: RepoInfo; docs: DriftDocument[] }>();
    const repoByDir = new Map<string, Promise<RepoInfo | UnknownBaseline | undefined>>();
    for (const doc of docs) {
      const dir = path.dirname(path.join(this.folder, doc.path));
      let found = repoByDir.get(dir);
      if (!found) repoByDir.set(dir, (found = this.repoFor(dir)));
      const repo = await found;
      if (repo === undefined) continue;
      if ('unknown' in repo) {
        // Git could not say which repository holds it: every reference it can name is unknown.
        this.say(this.folder, repo.unknown);
        result.set(doc.path, doc.model.concerns.flatMap((c) => c.references).map((ref) => unknownFor(ref, this.candidatePaths(ref, doc.root)[0], repo.unknown, undefined)));
        continue;
      }
      const group = byRepo.get(repo.toplevel);
      if (group) group.docs.push(doc);
      else byRepo.set(repo.toplevel, { repo, docs: [doc] });
    }
    this.gitDirs = [...byRepo.values()].map((g) => g.repo.gitDir);
    for (const { repo, docs: inRepo } of byRepo.values()) await this.computeIn(repo, inRepo, result);
    return result;
  }

  private async computeIn(repo: RepoInfo, docs: readonly DriftDocument[], result: Map<string, DriftLocations>): Promise<void> {
    const indexSig = gitDirSignature(repo.gitDir);
    // 1. The baseline of every reference.
    const plans: { doc: DriftDocument; refs: { ref: ResolvedReference; wsPaths: string[]; gitPaths: string[]; baseline: Baseline }[] }[] = [];
    for (const doc of docs) {
      const lineBaseline = await this.documentBaselines(repo, doc);
      const refs = doc.model.concerns.flatMap((c) => c.references);
      plans.push({
        doc,
        refs: refs.map((ref) => {
          const wsPaths = this.candidatePaths(ref, doc.root);
          const gitPaths = wsPaths.map((p) => repo.toRepo(p)).filter((p): p is string => p !== undefined);
          return { ref, wsPaths, gitPaths, baseline: lineBaseline(ref.range.start.line) };
        }),
      });
    }
    // 2. One diff per baseline, for the files referenced against it.
    const byBaseline = new Map<string, Set<string>>();
    for (const plan of plans) for (const r of plan.refs) if (r.gitPaths.length > 0 && typeof r.baseline === 'string' && r.baseline !== WORKTREE) addTo(byBaseline, r.baseline, r.gitPaths);
    const diffs = new Map<string, BaselineDiff | UnknownBaseline>();
    for (const [baseline, paths] of byBaseline) diffs.set(baseline, await this.baselineDiff(repo, baseline, [...paths], indexSig));
    const locations: (MappedLocation | undefined)[][] = plans.map((plan) => plan.refs.map(() => undefined));
    // 3. Which file each reference follows: its path at its baseline, by key. Only files some
    // reference cites lines of (or a symbol in) are read and diffed; a file named whole (a glob's
    // thousands of matches) only needs to be known to git's index.
    const pending = new Map<string, Pending>();
    const refsByKey = new Map<string, [number, number][]>();
    plans.forEach((plan, i) =>
      plan.refs.forEach((r, j) => {
        if (r.wsPaths.length === 0) return;
        const baseline = r.baseline;
        if (typeof baseline !== 'string') {
          locations[i]![j] = unknownFor(r.ref, r.wsPaths[0], baseline.unknown, undefined);
          return;
        }
        if (baseline === WORKTREE) return;
        if (r.gitPaths.length === 0) {
          locations[i]![j] = unknownFor(r.ref, r.wsPaths[0], 'not in the repository that holds the document', undefined);
          return;
        }
        const diff = diffs.get(baseline)!;
        if ('unknown' in diff) {
          locations[i]![j] = unknownFor(r.ref, r.wsPaths[0], diff.unknown, baseline);
          return;
        }
        const oldPath = pickOldPath(r.gitPaths, diff);
        if (oldPath === undefined) return;
        const key = `${baseline}\u0000${oldPath}`;
        const lines = r.ref.ranges.length > 0 || r.ref.symbol !== undefined;
        const known = pending.get(key);
        if (known) known.lines ||= lines;
        else {
          const fileDiff = diff.byOldPath.get(oldPath);
          pending.set(key, { key, baseline, oldPath, diff: fileDiff, currentRepoPath: fileDiff?.newPath ?? oldPath, lines });
        }
        const refs = refsByKey.get(key);
        if (refs) refs.push([i, j]);
        else refsByKey.set(key, [[i, j]]);
      }),
    );
    // 4. Every reference through its file's history.
    const follow = (p: Pending, history: FileHistory) => {
      for (const [i, j] of refsByKey.get(p.key) ?? []) {
        const r = plans[i]!.refs[j]!;
        // A reference that resolves to nothing now, and to nothing git says was renamed or deleted: not drift.
        if (r.ref.status === 'missing' && (!p.diff || (p.diff.change !== 'renamed' && p.diff.change !== 'deleted'))) continue;
        const written = { path: repo.toWs(p.oldPath) ?? p.oldPath, ranges: r.ref.ranges, ...(r.ref.symbol ? { symbol: r.ref.symbol } : {}) };
        locations[i]![j] = mapReference(written, history, r.baseline as string);
      }
    };
    const diffOf = (p: Pending) => diffs.get(p.baseline) as BaselineDiff;
    const whole = [...pending.values()].filter((p) => !p.lines);
    try {
      const indexed = await indexEntries(repo.toplevel, whole.map((p) => p.currentRepoPath));
      for (const p of whole) follow(p, this.wholeFileHistory(repo, p, indexed, diffOf(p)));
    } catch (error) {
      for (const p of whole) follow(p, unknownHistory(repo, p, failureCause(error)));
    }
    // Files cited by line, a batch at a time: the texts of a thousand files (and their lines) are
    // never all held at once.
    const withLines = [...pending.values()].filter((p) => p.lines);
    for (let at = 0; at < withLines.length; at += DRIFT_BATCH_FILES) {
      const batch = withLines.slice(at, at + DRIFT_BATCH_FILES);
      try {
        const indexed = await indexEntries(repo.toplevel, batch.map((p) => p.currentRepoPath));
        const blobs = await catFiles(repo.toplevel, [
          ...indexed.values(),
          ...batch.filter((p) => p.diff && p.diff.hunks.length > 0).map((p) => `${p.baseline}:${p.oldPath}`),
        ]);
        for (const p of batch) follow(p, this.history(repo, p, indexed, blobs, diffOf(p)));
      } catch (error) {
        for (const p of batch) follow(p, unknownHistory(repo, p, failureCause(error)));
      }
    }
    plans.forEach((plan, i) => {
      plan.refs.forEach((r, j) => {
        if (r.baseline !== WORKTREE) return;
        // Written since the last commit of the document: against the code as it is now.
        const path = r.wsPaths[0];
        const here = path !== undefined && (r.ref.status === 'ok' || r.ref.status === 'out-of-range');
        if (here) locations[i]![j] = { state: 'exact', path, ranges: r.ref.ranges, writtenPath: path, writtenRanges: r.ref.ranges, note: 'written against the working tree' };
      });
      result.set(plan.doc.path, locations[i]!);
      for (const loc of locations[i]!) if (loc?.state === 'unknown' && loc.note) this.say(repo.toplevel, loc.note);
    });
  }

  /** Logs a cause of `unknown` the first time it is met in a repository. */
  private say(toplevel: string, cause: string): void {
    const key = `${toplevel}\u0000${cause}`;
    if (this.logged.has(key)) return;
    if (this.logged.size > 1000) this.logged.clear();
    this.logged.add(key);
    const hint = cause.startsWith(HISTORY_NOT_AVAILABLE) ? ` (${UNSHALLOW_HINT}; the extension never fetches)` : '';
    this.log(`Drift in ${toplevel}: some references are unknown: ${cause}${hint}.`);
  }

  /** What a reference to a whole file needs of its history: renamed, deleted, or not in git's index. */
  private wholeFileHistory(repo: RepoInfo, p: Pending, indexed: ReadonlyMap<string, string>, baseDiff: BaselineDiff): FileHistory {
    const currentPath = repo.toWs(p.currentRepoPath);
    if (baseDiff.added.has(p.oldPath) && !p.diff) return { change: 'absent', currentPath: currentPath ?? p.currentRepoPath, stages: [] };
    if (p.diff?.change === 'deleted' || currentPath === undefined || !this.exists(currentPath)) return { change: 'deleted', currentPath: currentPath ?? p.currentRepoPath, stages: [] };
    if (!indexed.has(p.currentRepoPath)) return { change: 'absent', currentPath, stages: [] };
    return { change: p.diff ? (p.diff.change === 'renamed' ? 'renamed' : 'modified') : 'unchanged', currentPath, stages: [] };
  }

  private history(repo: RepoInfo, p: Pending, indexed: ReadonlyMap<string, string>, blobs: Map<string, Buffer | undefined>, baseDiff: BaselineDiff): FileHistory {
    const currentPath = repo.toWs(p.currentRepoPath);
    if (baseDiff.added.has(p.oldPath) && !p.diff) return { change: 'absent', currentPath: currentPath ?? p.currentRepoPath, stages: [] };
    if (p.diff?.change === 'deleted' || currentPath === undefined) return { change: 'deleted', currentPath: currentPath ?? p.currentRepoPath, stages: [] };
    const now = this.currentText(currentPath);
    if (now === undefined || (typeof now !== 'string' && now.reason === 'missing')) return { change: 'deleted', currentPath, stages: [] };
    // There, but not to be read (too large, not a regular file, a link out): not known, not gone.
    if (typeof now !== 'string') return { change: 'unknown', cause: UNREADABLE_TEXT[now.reason], currentPath, stages: [] };
    const oid = indexed.get(p.currentRepoPath);
    if (oid === undefined) return { change: 'absent', currentPath, stages: [] };
    const indexBlob = blobs.get(oid);
    if (indexBlob === undefined) return { change: 'unknown', cause: 'object missing', currentPath, stages: [] };
    const hasHunks = p.diff !== undefined && p.diff.hunks.length > 0;
    const baseBlob = hasHunks ? blobs.get(`${p.baseline}:${p.oldPath}`) : undefined;
    if (hasHunks && baseBlob === undefined) return { change: 'unknown', cause: 'object missing', currentPath, stages: [] };
    const currentLines = splitLines(now);
    const indexLines = splitLines(indexBlob.toString('utf8'));
    // Whitespace does not count (re-indented code is the same code): lines compared squashed, as `git diff -w` does.
    const stages = [p.diff?.hunks ?? [], diffLines(indexLines.map(squashSpace), currentLines.map(squashSpace))];
    const history: FileHistory = { change: p.diff ? (p.diff.change === 'renamed' ? 'renamed' : 'modified') : 'unchanged', currentPath, stages, currentLines };
    if (baseBlob) history.baseLines = splitLines(baseBlob.toString('utf8'));
    else history.baseLines = indexLines; // no baseline hunks: the index is the baseline text
    return history;
  }

  /** Workspace-relative paths a reference may have had at its baseline. */
  private candidatePaths(ref: ResolvedReference, root: string): string[] {
    if (ref.kind !== 'file') return [];
    if ((ref.status === 'ok' || ref.status === 'out-of-range') && ref.matches.length === 1) return [ref.matches[0]!];
    if (ref.status === 'missing' && !/[*?[\]]/.test(ref.path) && !ref.path.startsWith('/') && !ref.path.split('/').includes('..')) {
      return [...new Set([root ? `${root}/${ref.path}` : ref.path, ref.path])];
    }
    return [];
  }

  /** The repository holding a document's directory, undefined when there is none. */
  private async repoFor(dir: string): Promise<RepoInfo | UnknownBaseline | undefined> {
    let toplevel: string;
    try {
      toplevel = (await runGit(dir, ['rev-parse', '--show-toplevel'])).trim();
    } catch (error) {
      const cause = failureCause(error);
      return /not a git repository/i.test(cause) ? undefined : { unknown: cause };
    }
    if (!toplevel) return undefined;
    // Asked again at every pass (one rev-parse): HEAD and shallowness change with commits and fetches.
    return this.repoInfo(toplevel);
  }

  private async repoInfo(toplevel: string): Promise<RepoInfo | UnknownBaseline | undefined> {
    let out: string[];
    try {
      out = (await runGit(toplevel, ['rev-parse', '--absolute-git-dir', '--is-shallow-repository', '--git-path', 'shallow', 'HEAD'])).split('\n');
    } catch {
      return undefined; // no commit yet: nothing to follow from
    }
    const [gitDir, shallowFlag, shallowFile, head] = [out[0] ?? '', out[1] ?? '', out[2] ?? '', out[3] ?? ''];
    if (!/^[0-9a-f]{40,64}$/.test(head)) return undefined;
    const shallow = shallowFlag === 'true';
    const shallowCommits = new Set<string>();
    if (shallow) for (const line of (readSmall(path.resolve(toplevel, shallowFile), 16 * 1024 * 1024) ?? '').split('\n')) if (/^[0-9a-f]{40,64}$/.test(line.trim())) shallowCommits.add(line.trim());
    this.realFolder ??= realpath(this.folder);
    const folder = this.realFolder;
    const inside = (rel: string) => !(rel === '' || rel.startsWith('..') || path.isAbsolute(rel));
    return {
      toplevel,
      gitDir,
      head,
      shallow,
      shallowCommits,
      toRepo: (rel) => {
        const p = path.relative(toplevel, path.join(folder, rel));
        return inside(p) ? p.split(path.sep).join('/') : undefined;
      },
      toWs: (repoPath) => {
        const p = path.relative(folder, path.join(toplevel, repoPath));
        return inside(p) ? p.split(path.sep).join('/') : undefined;
      },
    };
  }

  /** For each 0-based line of the document, the commit its line numbers were written against, or why there is none. */
  private async documentBaselines(repo: RepoInfo, doc: DriftDocument): Promise<(line: number) => Baseline> {
    const head = repo.head;
    const shallow: UnknownBaseline = { unknown: `${HISTORY_NOT_AVAILABLE}: shallow clone` };
    if (doc.model.commit) {
      const named = await this.cached(`commit\u0000${repo.toplevel}\u0000${doc.model.commit}\u0000${head}`, () => verifyCommit(repo.toplevel, doc.model.commit!));
      if (named) return () => named;
      // The commit the document names is not in the history there is: blame would only guess.
      if (repo.shallow) return () => shallow;
    }
    const docRepoPath = repo.toRepo(doc.path);
    if (docRepoPath === undefined) return () => head;
    const committed = await this.cached(`committed\u0000${repo.toplevel}\u0000${head}\u0000${docRepoPath}`, () => verifyCommit(repo.toplevel, `HEAD:${docRepoPath}`, 'blob'));
    if (!committed) return () => head; // never committed: the code as it is at HEAD
    const blame = await this.cached(`blame\u0000${repo.toplevel}\u0000${head}\u0000${docRepoPath}`, () => this.blame(repo.toplevel, docRepoPath));
    if ('unknown' in blame) return () => blame;
    // The document now against the document at HEAD: a line edited since (by hand, or by Update
    // line numbers) was written against the code as it is now, not as it was at HEAD.
    const hunks = diffLines(blame.headLines.map(noCr), splitLines(doc.text).map(noCr));
    const inverse = hunks.map((h) => ({ oldStart: h.newStart, oldCount: h.newCount, newStart: h.oldStart, newCount: h.oldCount }));
    return (line) => {
      const mapped = mapLine(line + 1, inverse);
      if (mapped.hunk) return WORKTREE;
      const commit = blame.commits[mapped.line - 1];
      // A line blamed on the edge of a shallow clone was written there or anywhere before it: unknown.
      if (commit === undefined || repo.shallowCommits.has(commit)) return commit === undefined ? head : shallow;
      return blame.baselineOf.get(commit) ?? commit;
    };
  }

  /** `git blame` of the committed document: per line, the commit that wrote it, and each commit's baseline. */
  private async blame(toplevel: string, docRepoPath: string): Promise<{ headLines: string[]; commits: string[]; baselineOf: Map<string, string> } | UnknownBaseline> {
    let porcelain: string;
    try {
      porcelain = await runGit(toplevel, ['blame', '--porcelain', '--no-textconv', 'HEAD', '--', docRepoPath], { timeoutMs: 30_000 });
    } catch (error) {
      return { unknown: failureCause(error) };
    }
    const lines: string[] = [];
    const commits: string[] = [];
    const times = new Map<string, { author?: number; committer?: number }>();
    let current = '';
    for (const line of porcelain.split('\n')) {
      const header = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(line);
      if (header) {
        current = header[1]!;
        if (!times.has(current)) times.set(current, {});
        continue;
      }
      if (line.startsWith('\t')) {
        lines.push(line.slice(1));
        commits.push(current);
        continue;
      }
      const t = /^(author|committer)-time (\d+)$/.exec(line);
      if (t && current) {
        const entry = times.get(current)!;
        if (t[1] === 'author') entry.author = Number(t[2]);
        else entry.committer = Number(t[2]);
      }
    }
    // A rebased or amended commit keeps its author date: the code it was written against is the
    // last commit of its history made on or before that date.
    const baselineOf = new Map<string, string>();
    for (const [commit, t] of times) {
      let baseline = commit;
      if (t.author !== undefined && t.committer !== undefined && t.author < t.committer) {
        try {
          const before = (await runGit(toplevel, ['rev-list', '-1', `--before=${t.author} +0000`, commit])).trim();
          if (/^[0-9a-f]{40,64}$/.test(before)) baseline = before;
        } catch {
          /* keep the commit */
        }
      }
      baselineOf.set(commit, baseline);
    }
    return { headLines: lines, commits, baselineOf };
  }

  /**
   * Renames, deletions and hunks from a baseline to the index, for the given repository paths.
   * A failure is said (`object missing`, `git failed: ...`), never taken for "nothing changed".
   */
  private async baselineDiff(repo: RepoInfo, baseline: string, paths: string[], indexSig: string): Promise<BaselineDiff | UnknownBaseline> {
    const key = `diff\u0000${repo.toplevel}\u0000${baseline}\u0000${indexSig}\u0000${[...paths].sort().join('\u0000')}`;
    return this.cached(key, async () => {
      const common = ['--no-ext-diff', '--no-textconv', '--no-color', '--find-renames'];
      const byOldPath = new Map<string, FileDiff>();
      const added = new Set<string>();
      try {
        const names = await runGit(repo.toplevel, ['diff', '--cached', '--name-status', '-z', ...common, baseline, '--'], { timeoutMs: 60_000 });
        const wanted = new Set(paths);
        const related = new Set<string>();
        for (const { status, path: a, newPath: b } of parseNameStatus(names)) {
          if (!wanted.has(a)) continue;
          if (status.startsWith('A')) {
            added.add(a);
            continue;
          }
          related.add(a);
          if (b !== undefined && status.startsWith('R')) related.add(b);
        }
        if (related.size > 0) {
          const spec = [...related].map((p) => `:(top,literal)${p}`);
          // `-w`: a change of whitespace alone (re-indented code) is no hunk.
          const text = await runGit(repo.toplevel, ['diff', '--cached', '-U0', '--ignore-all-space', ...common, '--src-prefix=a/', '--dst-prefix=b/', baseline, '--', ...spec], { timeoutMs: 60_000 });
          for (const file of parseUnifiedDiff(text)) {
            if (file.change === 'added' || file.change === 'copied' || file.oldPath === undefined) continue;
            if (wanted.has(file.oldPath)) byOldPath.set(file.oldPath, file);
          }
        }
      } catch (error) {
        return { unknown: failureCause(error) };
      }
      return { byOldPath, added };
    });
  }

  private async cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = await make();
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(key, value);
    return value;
  }
}

/** The full sha `rev` names in the repository (a commit, or an object of `type`), '' when it names none. */
async function verifyCommit(toplevel: string, rev: string, type = 'commit'): Promise<string> {
  try {
    // Resolving a name walks trees only: a partial clone's missing blob is never read (nor fetched).
    return (await runGit(toplevel, ['rev-parse', '--verify', '--quiet', '--end-of-options', type === 'commit' ? `${rev}^{commit}` : rev])).trim();
  } catch {
    return '';
  }
}

/** A location that says git could not answer, and why: the written lines, as written. */
function unknownFor(ref: ResolvedReference, wsPath: string | undefined, cause: string, baseline: string | undefined): MappedLocation | undefined {
  if (wsPath === undefined) return undefined;
  const ranges = ref.ranges.map((r) => ({ ...r }));
  const out: MappedLocation = { state: 'unknown', path: wsPath, ranges, writtenPath: wsPath, writtenRanges: ref.ranges.map((r) => ({ ...r })), note: cause };
  if (baseline) out.baseline = baseline;
  return out;
}

function unknownHistory(repo: RepoInfo, p: Pending, cause: string): FileHistory {
  return { change: 'unknown', cause, currentPath: repo.toWs(p.currentRepoPath) ?? p.currentRepoPath, stages: [] };
}

/** HEAD, the branch and the index of a git directory, by file stats (no process, no read of a FIFO). */
function gitDirSignature(gitDir: string): string {
  const stat = (p: string) => {
    try {
      const s = fs.statSync(p);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return '-';
    }
  };
  const head = readSmall(path.join(gitDir, 'HEAD'))?.trim() ?? '';
  const ref = head.startsWith('ref: ') ? head.slice(5) : head;
  const commondir = readSmall(path.join(gitDir, 'commondir'))?.trim();
  const common = commondir ? path.resolve(gitDir, commondir) : gitDir;
  const refFile = ref.startsWith('refs/') ? stat(path.join(common, ref)) : '';
  return [ref, refFile, stat(path.join(gitDir, 'index')), stat(path.join(common, 'packed-refs')), stat(path.join(common, 'shallow'))].join('|');
}

/** A small file of git's own (HEAD, a `.git` file): regular files only, never blocking, bounded. */
function readSmall(abs: string, maxBytes = 64 * 1024): string | undefined {
  const read = readWorkspaceFile(path.dirname(abs), abs, { maxBytes, timeoutMs: 1000 });
  return read.ok ? read.bytes.toString('utf8') : undefined;
}

function realpath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** Files whose texts are read and diffed together (one `git cat-file --batch` each). */
const DRIFT_BATCH_FILES = 200;

/** A file whose history drift follows: from its path at a baseline to its path now. */
interface Pending {
  key: string;
  baseline: string;
  oldPath: string;
  diff: FileDiff | undefined;
  currentRepoPath: string;
  /** Some reference cites lines of it (or a symbol in it): its texts are read and diffed. */
  lines: boolean;
}

/** The path a reference had at its baseline: one git knows changed first, else one not added since. */
function pickOldPath(paths: readonly string[], diff: BaselineDiff): string | undefined {
  return paths.find((p) => diff.byOldPath.has(p)) ?? paths.find((p) => !diff.added.has(p)) ?? paths[0];
}

function noCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function addTo(map: Map<string, Set<string>>, key: string, values: readonly string[]): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  for (const v of values) set.add(v);
}

/** The baseline of document lines edited since its last commit: the working tree itself. */
const WORKTREE = 'worktree';

/** A short hash of a text, for cache keys. */
export function textHash(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** The size cap of files diffed in process. */
export { MAX_FILE_BYTES };
