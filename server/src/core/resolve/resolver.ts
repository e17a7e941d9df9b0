/**
 * Resolves the references a concerns document writes against a workspace: which files and
 * directories they name, and whether the line ranges they cite still exist.
 *
 * Cost model: a literal path costs one or two `stat`s and never lists files. `files()` is only
 * asked for when a glob, a short name / partial path that is not at the root, or an absolute path
 * from another machine needs it, at most once per `resolve`/`resolveAll` call. A view that keeps a
 * `fileIndex()` (the node adapter: one per folder, updated in place by watcher events) is asked for
 * that instead; for any other view the index is built from the array and cached on its identity.
 */
import { aliasedImport, isBareFolderName, isSpeculative } from '../extract/speculative';
import type { LineRange, Reference, ReferenceKind, ReferenceStatus, ResolvedReference } from '../model';
import type { FileStat, WorkspaceView } from '../workspace';
import { FileIndexCache, type FileIndex } from './fileIndex';
import { GlobMatcher, braceAlternatives, splitGlob, type GlobSplit } from './glob';
import {
  absoluteSegments,
  hasGlobMagic,
  isAbsoluteLike,
  isHomeRelative,
  isPlausiblePath,
  isUnder,
  joinRelative,
  normalizeRelative,
} from './paths';
import { rangesFit, writtenKey } from './ranges';

export { MAX_GLOB_MATCHES } from './glob';

/** An ambiguous name lists at most this many candidates (`index.ts` may have thousands). */
export const MAX_CANDIDATES = 100;

export interface ResolveOptions {
  /**
   * Workspace-relative directory of the project the document belongs to ('' = workspace root),
   * e.g. `backend` for `backend/.planning/codebase/CONCERNS.md`. Paths are read relative to it
   * first, then relative to the workspace root.
   */
  root: string;
}

/** What resolution found, before the quoted / fix-field rules are applied. */
interface Outcome {
  status: ReferenceStatus;
  matches: string[];
  /** Set when the workspace says otherwise than the text (a "file" that is a directory). */
  kind?: ReferenceKind;
  candidates?: string[];
  truncated?: boolean;
}

/** One `resolve`/`resolveAll` call: fetches `files()` at most once, and only if asked. */
class Session {
  private fileIndex: FileIndex | undefined;

  constructor(
    private readonly workspace: WorkspaceView,
    private readonly indexes: FileIndexCache,
  ) {}

  index(): FileIndex {
    this.fileIndex ??= this.workspace.fileIndex?.() ?? this.indexes.get(this.workspace.files());
    return this.fileIndex;
  }
}

export class ReferenceResolver {
  private readonly indexes = new FileIndexCache();
  private readonly globs = new GlobMatcher();
  /**
   * What each reference resolved to, by how it is written (path, kind, lines, project root), for
   * views that say when their files changed (`generation`): a keystroke re-resolves the whole
   * document, and all but the edited reference are then map look-ups.
   */
  private readonly outcomes = new Map<string, Outcome>();
  private outcomesGeneration: number | undefined;

  constructor(private readonly workspace: WorkspaceView) {}

  /** Resolve one reference; undefined when an unquoted reference does not resolve (it was prose, not a path). */
  resolve(ref: Reference, options: ResolveOptions): ResolvedReference | undefined {
    return this.resolveIn(new Session(this.workspace, this.indexes), ref, normalizeRoot(options.root));
  }

  /** Resolve a document's references together, sharing one `files()` snapshot. Same order; undefined entries as in `resolve`. */
  resolveAll(refs: readonly Reference[], options: ResolveOptions): (ResolvedReference | undefined)[] {
    const session = new Session(this.workspace, this.indexes);
    const root = normalizeRoot(options.root);
    return refs.map((ref) => this.resolveIn(session, ref, root));
  }

  /**
   * Drop every derived index. Not needed when the view keeps its own `fileIndex()` or hands out a
   * new `files()` array on change (the cache is keyed on identity); needed only for views that
   * mutate the array in place.
   */
  invalidate(): void {
    this.indexes.clear();
    this.globs.clear();
    this.outcomes.clear();
  }

  private resolveIn(session: Session, ref: Reference, root: string): ResolvedReference | undefined {
    const generation = this.workspace.generation?.();
    if (generation === undefined) return finish(ref, this.findSafely(session, ref, root));
    if (generation !== this.outcomesGeneration) {
      this.outcomes.clear();
      this.outcomesGeneration = generation;
    }
    const key = `${root}\u0000${writtenKey(ref)}`;
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = this.findSafely(session, ref, root);
      // Bounded: documents are edited for hours; a stale entry only costs memory.
      if (this.outcomes.size >= 100_000) this.outcomes.clear();
      this.outcomes.set(key, outcome);
    }
    return finish(ref, outcome);
  }

  private findSafely(session: Session, ref: Reference, root: string): Outcome {
    try {
      return this.find(session, ref, root);
    } catch {
      // A failing view (or a pattern no one foresaw) costs one reference, never the whole document.
      return { status: 'missing', matches: [] };
    }
  }

  private find(session: Session, ref: Reference, root: string): Outcome {
    const text = ref.path;
    if (!isPlausiblePath(text)) return { status: 'missing', matches: [] };
    const aliased = aliasedImport(text);
    if (aliased !== undefined) return this.aliased(aliased, root, ref.ranges);
    if (isHomeRelative(text)) return OUTSIDE;
    const glob = ref.kind === 'glob' || text.includes('*');
    const directory = !glob && (ref.kind === 'directory' || text.endsWith('/'));
    // `OrderController:25`: a class, in the file named for it (see `classWithLines`); a file of
    // that very name first (`Makefile`, `Snakefile` written in prose are names like it).
    if (ref.kind === 'file' && !ref.quoted && CLASS_NAME.test(text)) {
      const named = this.literal(session, text, false, root, ref.ranges);
      return named.status === 'ok' || named.status === 'out-of-range' ? named : this.byStem(session, text, root, ref.ranges);
    }
    if (isAbsoluteLike(text)) {
      return glob ? this.foreignGlob(session, text, root, ref.ranges) : this.foreignPath(session, text, directory, root, ref.ranges);
    }
    return glob ? this.glob(session, text, root, ref.ranges) : this.literal(session, text, directory, root, ref.ranges);
  }

  /** A relative path: stat it at the project root, then the workspace root, then look for it by its tail. */
  private literal(session: Session, text: string, directory: boolean, root: string, ranges: LineRange[]): Outcome {
    const paths = rootedPaths(root, text);
    if (!paths) return OUTSIDE;
    const found = this.statFirst(paths, ranges);
    if (found) return found;
    // `jwt-auth.guard.ts`, `handlers/auth.go`: a short name or partial path, found anywhere by its
    // tail. A path that starts by climbing (`../x`) has no tail to search for.
    const written = normalizeRelative(text);
    if (!written) return { status: 'missing', matches: [] };
    if (directory) {
      // `components/common/` for `src/components/common/`: a folder written from partway down,
      // found by its whole written tail. A one-segment folder written as one (`dashboard/` for
      // `src/app/dashboard/`) names the one folder so named (under the project first); where
      // several are (`utils/`), which is meant is not known, so it is ambiguous, not missing. A
      // bare word (`auth`, `prisma`) is as often a module or a tool: never searched for.
      const segments = written.split('/');
      if (segments.length < 2) return text.endsWith('/') ? this.pickInProject(session.index().dirsNamed(written), root, ranges) : { status: 'missing', matches: [] };
      const dirs = session.index().longestDirTail(segments, false).filter((dir) => dir === written || dir.endsWith(`/${written}`));
      return this.pickInProject(dirs, root, ranges);
    }
    return this.pickInProject(session.index().endingWith(written), root, ranges);
  }

  /** The one file named `name` with a language's extension (in the project); several are ambiguous. */
  private byStem(session: Session, name: string, root: string, ranges: LineRange[]): Outcome {
    const index = session.index();
    return this.pickInProject(CLASS_FILE_EXTENSIONS.flatMap((ext) => index.withBasename(`${name}.${ext}`)), root, ranges);
  }

  /**
   * A name found by its tail, for a document of a nested project: the one match in that project.
   * `.env.example` in `server/`'s document, with only `client/.env.example` in the workspace, is
   * no sure reference (the server's own may be untracked, or the name is meant generally): it is
   * ambiguous, its candidate offered, not put on the other project's file. (A path the workspace
   * root holds as written, `docker-compose.yml` beside `server/`, was found before this.)
   */
  private pickInProject(found: readonly string[], root: string, ranges: LineRange[]): Outcome {
    if (root !== '' && found.length > 0 && !found.some((path) => isUnder(root, path))) {
      return { status: 'ambiguous', matches: [], candidates: found.slice(0, MAX_CANDIDATES), truncated: found.length > MAX_CANDIDATES };
    }
    return this.pick(found, root, ranges);
  }

  /**
   * `@/lib/auth`, `~/components/Nav`: the import's path under the project's `src/`, the project
   * itself or its `app/`, as a bundler would find it (with the extension it leaves out, or an
   * `index` file). Costs a few stats, once per written reference (the outcome cache).
   */
  private aliased(rest: string, root: string, ranges: LineRange[]): Outcome {
    const bases = ['src', '', 'app'].map((dir) => joinRelative(root, dir));
    const tails = /\.[A-Za-z0-9]+$/.test(rest) ? [rest] : [...IMPORT_EXTENSIONS.map((ext) => `${rest}${ext}`), rest, ...IMPORT_INDEXES.map((index) => `${rest}/${index}`)];
    const paths = bases.flatMap((base) => (base === undefined ? [] : tails.map((tail) => joinRelative(base, tail)).filter((p): p is string => p !== undefined && p !== '')));
    return this.statFirst(paths, ranges) ?? { status: 'missing', matches: [] };
  }

  private glob(session: Session, text: string, root: string, ranges: LineRange[]): Outcome {
    const splits = rootedGlobs(root, text);
    if (!splits) return OUTSIDE;
    // No magic segment after all (a `kind: 'glob'` guess on a plain path): read it literally.
    if (splits.every((split) => split.rest === '')) return this.literal(session, text, false, root, ranges);
    for (const split of splits) {
      const result = this.globs.match(session.index(), split);
      const matches = this.inside(result.matches);
      if (matches.length > 0) return { status: 'ok', matches, truncated: result.truncated };
    }
    // `api/src/domains/{manuscript,timeline}`: braces over folders (a glob matches files) name
    // each folder, when every one of them is there; some missing, and it names nothing sure.
    const folders = this.braceFolders(text, root);
    if (folders) return { status: 'ok', matches: folders, kind: 'directory' };
    // Brackets, braces and `?` also occur in real names (Next.js `app/[id]/page.tsx`).
    if (!text.includes('*')) {
      const literal = this.statFirst(rootedPaths(root, text) ?? [], ranges);
      if (literal) return literal;
    }
    const written = splitGlob('', text);
    return (written && this.globByTail(session, written)) ?? { status: 'no-match', matches: [] };
  }

  /**
   * `data/model_performance/*.json` written from a sub-project (`web/data/model_performance/`):
   * the glob's literal folder found by its tail, as a partial path is, when exactly one folder of
   * the workspace ends so. A one-segment folder (`js/*.js`) is too weak a hint: no guess.
   */
  private globByTail(session: Session, split: GlobSplit): Outcome | undefined {
    const segments = split.base.split('/').filter(Boolean);
    if (segments.length < 2 || split.rest === '') return undefined;
    const written = segments.join('/');
    const dirs = session.index().longestDirTail(segments, false).filter((dir) => dir !== written && dir.endsWith(`/${written}`));
    if (dirs.length !== 1) return undefined;
    const result = this.globs.match(session.index(), { base: dirs[0]!, rest: split.rest });
    const matches = this.inside(result.matches);
    return matches.length > 0 ? { status: 'ok', matches, truncated: result.truncated } : undefined;
  }

  /** `/Users/x/work/repo/src/x.py`: the workspace file sharing the longest tail with it. */
  private foreignPath(session: Session, text: string, directory: boolean, root: string, ranges: LineRange[]): Outcome {
    const segments = absoluteSegments(text);
    if (segments.length === 0) return { status: 'missing', matches: [] };
    const index = session.index();
    let found = directory ? [] : index.longestFileTail(segments);
    // Written like a file but naming a directory (`/Users/x/repo/src/components`). A lone directory
    // name is too weak a hint here (`/health` in prose is a route, not `src/health/`).
    if (found.length === 0) found = index.longestDirTail(segments, directory);
    return this.pick(found, root, ranges);
  }

  /** `/Users/x/repo/migrations/*.sql`: map the literal directory part, then glob below it. */
  private foreignGlob(session: Session, text: string, root: string, ranges: LineRange[]): Outcome {
    const segments = absoluteSegments(text);
    const cut = segments.findIndex(hasGlobMagic);
    if (cut < 0) return this.foreignPath(session, text, false, root, ranges);
    // `/**/*.ts`: no directory to map, so the pattern can only mean "in this project".
    if (cut === 0) return this.glob(session, segments.join('/'), root, ranges);
    const dirs = preferUnder(root, session.index().longestDirTail(segments.slice(0, cut), true));
    const base = dirs.length === 1 ? dirs[0] : undefined;
    if (base === undefined) return { status: 'no-match', matches: [] };
    const result = this.globs.match(session.index(), { base, rest: segments.slice(cut).join('/') });
    const matches = this.inside(result.matches);
    if (matches.length === 0) return { status: 'no-match', matches: [] };
    return { status: 'ok', matches, truncated: result.truncated };
  }

  /**
   * A glob's matches less the symbolic links that lead outside the workspace: the file list
   * (git's index) names links like files, and nothing may be published on, or read through, one.
   */
  private inside(matches: string[]): string[] {
    const view = this.workspace;
    const kept = matches.filter(view.leadsOutside ? (m) => !view.leadsOutside!(m) : (m) => view.stat(m)?.type !== 'outside');
    return kept.length === matches.length ? matches : kept;
  }

  /** The folders a brace pattern names (`{a,b}` after a path), each under the root or the workspace's top, when all are folders. */
  private braceFolders(text: string, root: string): string[] | undefined {
    const alternatives = braceAlternatives(text);
    if (!alternatives) return undefined;
    const folders: string[] = [];
    for (const alternative of alternatives) {
      const folder = (rootedPaths(root, alternative) ?? []).find((path) => this.workspace.stat(path)?.type === 'directory');
      if (folder === undefined) return undefined;
      folders.push(folder);
    }
    return folders;
  }

  private statFirst(paths: readonly string[], ranges: LineRange[]): Outcome | undefined {
    for (const path of paths) {
      const stat = this.workspace.stat(path);
      if (stat) return fromStat(path, stat, ranges);
    }
    return undefined;
  }

  /** One found path is the answer (ranges checked); several are ambiguous; none is missing. */
  private pick(found: readonly string[], root: string, ranges: LineRange[]): Outcome {
    const scoped = preferUnder(root, found);
    const only = scoped.length === 1 ? scoped[0] : undefined;
    if (only !== undefined) {
      const stat = this.workspace.stat(only);
      // A file the index lists but stat no longer sees (a race with a delete): trust the index.
      return stat ? fromStat(only, stat, ranges) : { status: 'ok', matches: [only] };
    }
    if (scoped.length === 0) return { status: 'missing', matches: [] };
    // `matches` stays empty: a guess would put the concern on the wrong file; `candidates` (sorted,
    // as the index answers) lets a hover or quick fix offer the choice.
    return { status: 'ambiguous', matches: [], candidates: scoped.slice(0, MAX_CANDIDATES), truncated: scoped.length > MAX_CANDIDATES };
  }
}

const OUTSIDE: Outcome = { status: 'outside-workspace', matches: [] };

/** A class's name as a reference: PascalCase, no dot, no slash. */
const CLASS_NAME = /^[A-Z][A-Za-z0-9]{2,120}$/;
/** Languages whose files are named for the class they hold. */
const CLASS_FILE_EXTENSIONS = ['java', 'kt', 'cs', 'swift', 'dart', 'scala', 'groovy', 'php', 'ts', 'tsx', 'vb', 'm', 'h'];

/** What an import specifier leaves out, in the order bundlers try it. */
const IMPORT_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.vue', '.svelte', '.d.ts'];
const IMPORT_INDEXES = ['index.ts', 'index.tsx', 'index.js', 'index.jsx', 'index.vue'];

function fromStat(path: string, stat: FileStat, ranges: LineRange[]): Outcome {
  // A link out of the folder: named by the document, but never read nor followed.
  if (stat.type === 'outside') return OUTSIDE;
  if (stat.type === 'directory') return { status: 'ok', matches: [path], kind: 'directory' };
  // A whole-file reference never asks for the line count (counting reads the file).
  return { status: ranges.length === 0 || rangesFit(ranges, stat.lineCount) ? 'ok' : 'out-of-range', matches: [path], kind: 'file' };
}

/** Apply the rules that depend on how the reference was written, and build the result. */
function finish(ref: Reference, outcome: Outcome): ResolvedReference | undefined {
  let status = outcome.status;
  if ((ref.inFixField || ref.saidAbsent === true) && (status === 'missing' || status === 'no-match')) status = 'proposed';
  // Outside backticks a path-like word is only a reference if it names something real, and so
  // is a token that is as often something else (`TODO`, an import specifier, a package).
  if ((!ref.quoted || isSpeculative(ref.path)) && status !== 'ok' && status !== 'out-of-range') return undefined;
  // A bare name (`src`) is a folder's or nothing: a file of that name is as likely a word.
  if (isBareFolderName(ref.path) && ref.kind === 'directory' && outcome.kind !== 'directory') return undefined;
  const resolved: ResolvedReference = { ...ref, kind: outcome.kind ?? ref.kind, status, matches: outcome.matches };
  if (outcome.candidates) resolved.candidates = outcome.candidates;
  if (outcome.truncated) resolved.truncated = true;
  return resolved;
}

/** A malformed root (escaping, absolute-looking) falls back to the workspace root. */
function normalizeRoot(root: string): string {
  const forward = root.replace(/\\/g, '/');
  if (forward === '' || !isPlausiblePath(forward) || isAbsoluteLike(forward) || isHomeRelative(`${forward}/`)) return '';
  return normalizeRelative(forward) ?? '';
}

/**
 * The workspace paths `text` may denote: under the project root, then under the workspace root.
 * Undefined when every reading climbs out of the workspace; the workspace root itself is never a
 * reference target, so `.` and `a/..` read as nothing.
 */
function rootedPaths(root: string, text: string): string[] | undefined {
  const readings = [joinRelative(root, text), ...(root === '' ? [] : [joinRelative('', text)])];
  if (readings.every((path) => path === undefined)) return undefined;
  return unique(readings.filter((path): path is string => path !== undefined && path !== ''));
}

function rootedGlobs(root: string, text: string): GlobSplit[] | undefined {
  const splits = [splitGlob(root, text), ...(root === '' ? [] : [splitGlob('', text)])];
  const valid = splits.filter((split): split is GlobSplit => split !== undefined);
  if (valid.length === 0) return undefined;
  return valid.filter((split, i) => valid.findIndex((other) => other.base === split.base && other.rest === split.rest) === i);
}

/** The paths under the project root when there are any, else all: nearer files win a tie. */
function preferUnder(root: string, paths: readonly string[]): readonly string[] {
  if (root === '') return paths;
  const under = paths.filter((path) => isUnder(root, path));
  return under.length > 0 ? under : paths;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
