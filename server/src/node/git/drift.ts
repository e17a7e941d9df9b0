import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseUnifiedDiff, type FileDiff } from '../../core/drift/hunks';
import { diffLines, splitLines } from '../../core/drift/lineDiff';
import { mapLine, mapReference, type FileHistory } from '../../core/drift/mapRange';
import type { MappedLocation, ResolvedDocument, ResolvedReference } from '../../core/model';
import { blobsExist, catFiles, runGit } from './git';

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

interface RepoInfo {
  /** The folder's path inside the repository (`''` or `sub/`). */
  prefix: string;
  gitDir: string;
  head: string;
  toplevel: string;
}

interface BaselineDiff {
  /** Repository paths: old → the file's diff from the baseline to the index. */
  byOldPath: Map<string, FileDiff>;
  /** Old paths git lists as added since the baseline. */
  added: Set<string>;
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The drift of a workspace folder's concerns documents: for each reference, the commit its lines
 * were written against, and where those lines are in the working tree now. Git runs only for
 * what the working tree cannot tell (history, the index); everything after the index is diffed
 * in process. Results of the git side are cached on HEAD, the index and the document text.
 */
export class DriftEngine {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly folder: string,
    /** The file's text now: the open editor buffer, else the disk (workspace-relative path). */
    private readonly currentText: (rel: string) => string | undefined,
    /** Whether the file is there now (for files named whole: their text is not needed). */
    private readonly exists: (rel: string) => boolean = (rel) => currentText(rel) !== undefined,
  ) {}

  /** A cheap fingerprint of HEAD, the current branch and the index (file stats, no process). */
  signature(): string {
    const gitDir = this.gitDirGuess();
    if (!gitDir) return 'none';
    const stat = (p: string) => {
      try {
        const s = fs.statSync(p);
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return '-';
      }
    };
    let ref = '';
    try {
      const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
      ref = head.startsWith('ref: ') ? head.slice(5) : head;
    } catch {
      /* not a repository (any more) */
    }
    let common = gitDir;
    try {
      common = path.resolve(gitDir, fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim());
    } catch {
      /* not a linked worktree */
    }
    const refFile = ref.startsWith('refs/') ? stat(path.join(common, ref)) : '';
    return [ref, refFile, stat(path.join(gitDir, 'index')), stat(path.join(common, 'packed-refs'))].join('|');
  }

  private gitDirGuess(): string | undefined {
    for (let dir = this.folder; ; ) {
      const candidate = path.join(dir, '.git');
      try {
        const s = fs.statSync(candidate);
        if (s.isDirectory()) return candidate;
        const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(candidate, 'utf8'));
        if (m?.[1]) return path.resolve(dir, m[1].trim());
      } catch {
        /* keep looking up */
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Locations for every document; a document outside a repository gets no locations. */
  async compute(docs: readonly DriftDocument[]): Promise<Map<string, DriftLocations>> {
    const result = new Map<string, DriftLocations>();
    const repo = await this.repoInfo();
    if (!repo) return result;
    const indexSig = this.signature();
    // 1. The baseline of every reference.
    const plans: { doc: DriftDocument; refs: { ref: ResolvedReference; gitPaths: string[]; baseline: string }[] }[] = [];
    for (const doc of docs) {
      const lineBaseline = await this.documentBaselines(repo, doc);
      const refs = doc.model.concerns.flatMap((c) => c.references);
      plans.push({
        doc,
        refs: refs.map((ref) => ({ ref, gitPaths: this.candidatePaths(ref, doc.root).map((p) => repo.prefix + p), baseline: lineBaseline(ref.range.start.line) })),
      });
    }
    // 2. One diff per baseline, for the files referenced against it.
    const byBaseline = new Map<string, Set<string>>();
    for (const plan of plans) for (const r of plan.refs) if (r.gitPaths.length > 0 && r.baseline !== WORKTREE) addTo(byBaseline, r.baseline, r.gitPaths);
    const diffs = new Map<string, BaselineDiff>();
    for (const [baseline, paths] of byBaseline) diffs.set(baseline, await this.baselineDiff(baseline, [...paths], indexSig));
    // 3. Which file each reference follows: its path at its baseline, by key. Only files some
    // reference cites lines of (or a symbol in) are read and diffed; a file named whole (a glob's
    // thousands of matches) only needs to be known to git's index.
    const pending = new Map<string, Pending>();
    const keys = plans.map((plan) =>
      plan.refs.map((r) => {
        const diff = r.baseline === WORKTREE ? undefined : diffs.get(r.baseline);
        const oldPath = diff ? pickOldPath(r.gitPaths, diff) : undefined;
        if (!diff || oldPath === undefined) return undefined;
        const key = `${r.baseline}\u0000${oldPath}`;
        const lines = r.ref.ranges.length > 0 || r.ref.symbol !== undefined;
        const known = pending.get(key);
        if (known) known.lines ||= lines;
        else {
          const fileDiff = diff.byOldPath.get(oldPath);
          pending.set(key, { key, baseline: r.baseline, oldPath, diff: fileDiff, currentRepoPath: fileDiff?.newPath ?? oldPath, lines });
        }
        return key;
      }),
    );
    const locations: (MappedLocation | undefined)[][] = plans.map((plan) => plan.refs.map(() => undefined));
    const refsByKey = new Map<string, [number, number][]>();
    keys.forEach((list, i) =>
      list.forEach((key, j) => {
        if (key === undefined) return;
        const refs = refsByKey.get(key);
        if (refs) refs.push([i, j]);
        else refsByKey.set(key, [[i, j]]);
      }),
    );
    // 4. Every reference through its file's history.
    const follow = (p: Pending, history: FileHistory) => {
      for (const [i, j] of refsByKey.get(p.key) ?? []) {
        const r = plans[i]!.refs[j]!;
        // A reference that resolves to nothing now, and to nothing that was renamed or deleted: not drift.
        if (r.ref.status === 'missing' && (!p.diff || (history.change !== 'renamed' && history.change !== 'deleted'))) continue;
        const written = { path: p.oldPath.slice(repo.prefix.length), ranges: r.ref.ranges, ...(r.ref.symbol ? { symbol: r.ref.symbol } : {}) };
        locations[i]![j] = mapReference(written, history, r.baseline);
      }
    };
    const whole = [...pending.values()].filter((p) => !p.lines);
    const indexed = await blobsExist(this.folder, whole.map((p) => `:${p.currentRepoPath}`));
    for (const p of whole) follow(p, this.wholeFileHistory(repo, p, indexed, diffs.get(p.baseline)!));
    // Files cited by line, a batch at a time: the texts of a thousand files (and their lines) are
    // never all held at once.
    const withLines = [...pending.values()].filter((p) => p.lines);
    for (let at = 0; at < withLines.length; at += DRIFT_BATCH_FILES) {
      const batch = withLines.slice(at, at + DRIFT_BATCH_FILES);
      const blobs = await catFiles(
        this.folder,
        batch.flatMap((p) => [`:${p.currentRepoPath}`, ...(p.diff && p.diff.hunks.length > 0 ? [`${p.baseline}:${p.oldPath}`] : [])]),
      );
      for (const p of batch) follow(p, this.history(repo, p, blobs, diffs.get(p.baseline)!));
    }
    plans.forEach((plan, i) => {
      plan.refs.forEach((r, j) => {
        if (r.baseline !== WORKTREE) return;
        // Written since the last commit of the document: against the code as it is now.
        const path = r.gitPaths[0]?.slice(repo.prefix.length);
        const here = path !== undefined && (r.ref.status === 'ok' || r.ref.status === 'out-of-range');
        if (here) locations[i]![j] = { state: 'exact', path, ranges: r.ref.ranges, writtenPath: path, writtenRanges: r.ref.ranges, note: 'written against the working tree' };
      });
      result.set(plan.doc.path, locations[i]!);
    });
    return result;
  }

  /** What a reference to a whole file needs of its history: renamed, deleted, or not in git's index. */
  private wholeFileHistory(repo: RepoInfo, p: Pending, indexed: ReadonlySet<string>, baseDiff: BaselineDiff): FileHistory {
    const outside = !p.currentRepoPath.startsWith(repo.prefix);
    const currentPath = outside ? p.currentRepoPath : p.currentRepoPath.slice(repo.prefix.length);
    if (baseDiff.added.has(p.oldPath) && !p.diff) return { change: 'absent', currentPath, stages: [] };
    if (p.diff?.change === 'deleted' || outside || !this.exists(currentPath)) return { change: 'deleted', currentPath, stages: [] };
    if (!indexed.has(`:${p.currentRepoPath}`)) return { change: 'absent', currentPath, stages: [] };
    return { change: p.diff ? (p.diff.change === 'renamed' ? 'renamed' : 'modified') : 'unchanged', currentPath, stages: [] };
  }

  private history(
    repo: RepoInfo,
    p: Pending,
    blobs: Map<string, Buffer | undefined>,
    baseDiff: BaselineDiff,
  ): FileHistory {
    const outside = !p.currentRepoPath.startsWith(repo.prefix);
    const currentPath = outside ? p.currentRepoPath : p.currentRepoPath.slice(repo.prefix.length);
    if (baseDiff.added.has(p.oldPath) && !p.diff) return { change: 'absent', currentPath, stages: [] };
    if (p.diff?.change === 'deleted' || outside) return { change: 'deleted', currentPath, stages: [] };
    const nowText = this.currentText(currentPath);
    if (nowText === undefined) return { change: 'deleted', currentPath, stages: [] };
    const currentLines = splitLines(nowText);
    const indexBlob = blobs.get(`:${p.currentRepoPath}`);
    if (indexBlob === undefined) return { change: 'absent', currentPath, stages: [] };
    const indexLines = splitLines(indexBlob.toString('utf8'));
    const stages = [p.diff?.hunks ?? [], diffLines(indexLines.map(noCr), currentLines.map(noCr))];
    const baseBlob = blobs.get(`${p.baseline}:${p.oldPath}`);
    const history: FileHistory = { change: p.diff ? (p.diff.change === 'renamed' ? 'renamed' : 'modified') : 'unchanged', currentPath, stages, currentLines };
    if (baseBlob) history.baseLines = splitLines(baseBlob.toString('utf8'));
    else if (stages[1]!.length > 0) history.baseLines = indexLines; // no baseline hunks: the index is the baseline text
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

  private async repoInfo(): Promise<RepoInfo | undefined> {
    try {
      const out = (await runGit(this.folder, ['rev-parse', '--show-prefix', '--absolute-git-dir', '--show-toplevel', 'HEAD'])).split('\n');
      const [prefix, gitDir, toplevel, head] = [out[0] ?? '', out[1] ?? '', out[2] ?? '', out[3] ?? ''];
      if (!/^[0-9a-f]{40,64}$/.test(head) || !toplevel) return undefined;
      return { prefix, gitDir, head, toplevel };
    } catch {
      return undefined;
    }
  }

  /** For each 0-based line of the document, the commit its line numbers were written against. */
  private async documentBaselines(repo: RepoInfo, doc: DriftDocument): Promise<(line: number) => string> {
    const head = repo.head;
    if (doc.model.commit) {
      const named = await this.cached(`commit\u0000${doc.model.commit}\u0000${head}`, async () => {
        try {
          return (await runGit(this.folder, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${doc.model.commit}^{commit}`])).trim();
        } catch {
          return '';
        }
      });
      if (named) return () => named;
    }
    const docRepoPath = repo.prefix + doc.path;
    const blame = await this.cached(`blame\u0000${head}\u0000${docRepoPath}`, () => this.blame(repo.toplevel, docRepoPath));
    if (!blame) return () => head;
    // The document now against the document at HEAD: a line edited since (by hand, or by Update
    // line numbers) was written against the code as it is now, not as it was at HEAD.
    const hunks = diffLines(blame.headLines.map(noCr), splitLines(doc.text).map(noCr));
    const inverse = hunks.map((h) => ({ oldStart: h.newStart, oldCount: h.newCount, newStart: h.oldStart, newCount: h.oldCount }));
    return (line) => {
      const mapped = mapLine(line + 1, inverse);
      if (mapped.hunk) return WORKTREE;
      return blame.baselines[mapped.line - 1] ?? head;
    };
  }

  /** `git blame` of the committed document: per line, the baseline of the commit that wrote it. */
  private async blame(toplevel: string, docRepoPath: string): Promise<{ headLines: string[]; baselines: string[] } | undefined> {
    let porcelain: string;
    try {
      porcelain = await runGit(toplevel, ['blame', '--porcelain', '--no-textconv', 'HEAD', '--', docRepoPath], { timeoutMs: 30_000 });
    } catch {
      return undefined; // not committed: the caller uses HEAD
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
          const before = (await runGit(this.folder, ['rev-list', '-1', `--before=${t.author} +0000`, commit])).trim();
          if (/^[0-9a-f]{40,64}$/.test(before)) baseline = before;
        } catch {
          /* keep the commit */
        }
      }
      baselineOf.set(commit, baseline);
    }
    return { headLines: lines, baselines: commits.map((c) => baselineOf.get(c) ?? c) };
  }

  /** Renames, deletions and hunks from a baseline to the index, for the given repository paths. */
  private async baselineDiff(baseline: string, paths: string[], indexSig: string): Promise<BaselineDiff> {
    const key = `diff\u0000${baseline}\u0000${indexSig}\u0000${[...paths].sort().join('\u0000')}`;
    return this.cached(key, async () => {
      const common = ['--no-ext-diff', '--no-textconv', '--no-color', '--find-renames'];
      const byOldPath = new Map<string, FileDiff>();
      const added = new Set<string>();
      let names: string;
      try {
        names = await runGit(this.folder, ['diff', '--cached', '--name-status', '-z', ...common, baseline, '--'], { timeoutMs: 60_000 });
      } catch {
        return { byOldPath, added };
      }
      const wanted = new Set(paths);
      const related = new Set<string>();
      const parts = names.split('\0');
      for (let i = 0; i < parts.length; ) {
        const status = parts[i++] ?? '';
        if (!status) continue;
        const a = parts[i++] ?? '';
        const b = /^[RC]/.test(status) ? (parts[i++] ?? '') : undefined;
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
        const text = await runGit(this.folder, ['diff', '--cached', '-U0', ...common, '--src-prefix=a/', '--dst-prefix=b/', baseline, '--', ...spec], { timeoutMs: 60_000 });
        for (const file of parseUnifiedDiff(text)) {
          if (file.change === 'added' || file.change === 'copied' || file.oldPath === undefined) continue;
          if (wanted.has(file.oldPath)) byOldPath.set(file.oldPath, file);
        }
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
