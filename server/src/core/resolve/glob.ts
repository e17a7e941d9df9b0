import { Minimatch, braceExpand, escape } from 'minimatch';
import type { FileIndex, GlobResult } from './fileIndex';
import { foldSegments, hasGlobMagic } from './paths';

/** A glob's match list is capped so that `**` over a huge workspace stays cheap to send and show. */
export const MAX_GLOB_MATCHES = 1000;

/**
 * `dot`: a concern about `config/*` means the dotfiles too. `nocomment`/`nonegate`: a leading `#`
 * or `!` is part of a name, not syntax. `platform: 'linux'`: our paths are posix on every OS, so
 * `\` stays an escape on Windows too. `braceExpandMax`: a document must not make us expand
 * `{1..100000}`.
 */
const OPTIONS = { dot: true, nocomment: true, nonegate: true, platform: 'linux', braceExpandMax: 1000 } as const;

/** Matchers are pure functions of the pattern; keep a bounded set of compiled ones. */
const MAX_MATCHERS = 1000;

/** A glob split at its first magic segment: `base` is a literal directory, `rest` the magic part. */
export interface GlobSplit {
  base: string;
  rest: string;
}

/**
 * Join a glob onto a root and split it at its first magic segment. The root's segments always count
 * as literal (a folder may be called `[app]`). Undefined when a `..` escapes the workspace root.
 */
export function splitGlob(root: string, pattern: string): GlobSplit | undefined {
  const rootSegments = root === '' ? [] : root.split('/');
  const folded = foldSegments([...rootSegments, ...pattern.split('/')], false);
  if (!folded) return undefined;
  const rootDepth = Math.min(rootSegments.length, folded.length);
  let cut = 0;
  while (cut < folded.length && (cut < rootDepth || !hasGlobMagic(folded[cut] ?? ''))) cut++;
  return { base: folded.slice(0, cut).join('/'), rest: folded.slice(cut).join('/') };
}

/** A compiled glob: true when a workspace-relative file matches. */
type Test = (file: string) => boolean;

/** A glob's test, and where it can be had, a test of the file name alone that every match passes. */
interface Matcher {
  test: Test;
  name: Test | undefined;
}

export class GlobMatcher {
  private matchers = new Map<string, Matcher | null>();

  /** The files under `split.base` that match `split.rest`. */
  match(index: FileIndex, split: GlobSplit): GlobResult {
    const pattern = split.base === '' ? split.rest : `${escape(split.base, { magicalBraces: true })}/${split.rest}`;
    const cached = index.cachedGlob(pattern);
    if (cached) return cached;
    const result = this.scan(index, split, pattern);
    index.cacheGlob(pattern, split.base, result);
    return result;
  }

  clear(): void {
    this.matchers.clear();
  }

  private scan(index: FileIndex, split: GlobSplit, pattern: string): GlobResult {
    const matcher = this.matcher(pattern);
    const matches: string[] = [];
    let truncated = false;
    if (!matcher) return { matches, truncated };
    // Only the files under the literal base can match: a binary-searched run, in path order; and
    // most of those fail on their name, tested before their path is made.
    const under = split.base === '' ? '' : `${split.base}/`;
    const visit = (file: string): boolean => {
      if (!matcher.test(file)) return true;
      if (matches.length === MAX_GLOB_MATCHES) {
        truncated = true;
        return false;
      }
      matches.push(file);
      return true;
    };
    index.forEachUnder(under, visit, matcher.name);
    return { matches, truncated };
  }

  private matcher(pattern: string): Matcher | null {
    let matcher = this.matchers.get(pattern);
    if (matcher === undefined) {
      try {
        matcher = { test: compile(pattern), name: nameTest(pattern) };
      } catch {
        // minimatch rejects some patterns (too long, too deep); such a glob simply matches nothing.
        matcher = null;
      }
      if (this.matchers.size >= MAX_MATCHERS) this.matchers.clear();
      this.matchers.set(pattern, matcher);
    }
    return matcher;
  }
}

/**
 * The test of a file's name a glob's matches all pass: its last segment's, when that segment
 * stands for exactly one name (not `**`, nor empty) and nothing in the pattern can span segments
 * (braces, extglob parentheses, escapes). Undefined otherwise: every file is then tested whole.
 */
function nameTest(pattern: string): Test | undefined {
  const last = pattern.slice(pattern.lastIndexOf('/') + 1);
  if (last === '' || last.includes('**') || /[{}()\\]/.test(pattern)) return undefined;
  try {
    return compile(last);
  } catch {
    return undefined;
  }
}

/**
 * minimatch's regular expression tests a path about ten times faster than `match()`, which
 * splits it into segments on every call; `match()` remains for the patterns `makeRe` refuses.
 */
function compile(pattern: string): Test {
  const minimatch = new Minimatch(pattern, OPTIONS);
  const regex = minimatch.makeRe();
  return regex ? (file) => regex.test(file) : (file) => minimatch.match(file);
}

/** How many paths a brace group of folders may stand for (`{a,b,c}`); more is no list of folders. */
const MAX_BRACE_PATHS = 50;

/**
 * The paths a pattern whose only magic is braces stands for (`api/domains/{orders,users}`), or
 * undefined when it has other magic or stands for too many.
 */
export function braceAlternatives(pattern: string): string[] | undefined {
  if (!pattern.includes('{') || /[*?[\]]/.test(pattern)) return undefined;
  const paths = braceExpand(pattern, { braceExpandMax: MAX_BRACE_PATHS + 1 });
  return paths.length > 1 && paths.length <= MAX_BRACE_PATHS ? paths : undefined;
}
