/**
 * Tiny posix path helpers for workspace-relative paths. The core may not import `path`, and the
 * paths it handles are always forward-slashed, so these few functions are all it needs.
 */

/** Longest path text the resolver takes seriously; anything longer is prose or garbage and is never stat'ed. */
export const MAX_PATH_LENGTH = 1024;

/**
 * Non-empty, not absurdly long, no control characters (a `\0` must never reach a file system call)
 * and no backslash: the extractor already turned separators into `/`, so one left over is either
 * garbage or a Windows separator in disguise (`..\\..\\x`) that would slip past our `..` checks.
 */
export function isPlausiblePath(text: string): boolean {
  if (text.length === 0 || text.length > MAX_PATH_LENGTH) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return false;
  }
  return true;
}

/** `~`, `~/x`, `~user/x`: a home directory, which is never inside the workspace. */
export function isHomeRelative(text: string): boolean {
  return text === '~' || /^~[^/]*\//.test(text);
}

const DRIVE = /^[A-Za-z]:(?:\/|$)/;

/** `/Users/x/...`, `D:/proj/...`: an absolute path, written on whichever machine produced the document. */
export function isAbsoluteLike(text: string): boolean {
  return text.startsWith('/') || DRIVE.test(text);
}

/**
 * Posix-normalise a relative path: drop empty and `.` segments, fold `..`. Returns undefined when
 * a `..` would climb above the start (the caller turns that into `outside-workspace`); returns ''
 * for the start itself.
 */
export function normalizeRelative(text: string): string | undefined {
  const segments = foldSegments(text.split('/'), false);
  return segments?.join('/');
}

/** `root` joined with `text`, normalised; undefined when the result escapes the workspace root. */
export function joinRelative(root: string, text: string): string | undefined {
  return normalizeRelative(root === '' ? text : `${root}/${text}`);
}

/** The segments of an absolute path without its drive; a `..` above the top stays at the top, as on a real machine. */
export function absoluteSegments(text: string): string[] {
  const withoutDrive = text.replace(DRIVE, '/');
  return foldSegments(withoutDrive.split('/'), true) ?? [];
}

/** Fold `.` and `..` out of a segment list; `clamp` keeps `..` at the top instead of failing. */
export function foldSegments(segments: readonly string[], clamp: boolean): string[] | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) {
        if (clamp) continue;
        return undefined;
      }
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The last two segments (`parent/name`), or undefined for a single-segment path. */
export function tail2(path: string): string | undefined {
  const last = path.lastIndexOf('/');
  if (last < 0) return undefined;
  const previous = path.lastIndexOf('/', last - 1);
  return path.slice(previous + 1);
}

/** True when `path` is `root` or lies below it ('' is the workspace root and holds everything). */
export function isUnder(root: string, path: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}

/** True when `path` is `suffix` or ends with `/suffix` (whole segments only). */
export function endsWithSegments(path: string, suffix: string): boolean {
  return path === suffix || path.endsWith(`/${suffix}`);
}

/** How many trailing segments `path` shares with `segments`. */
export function commonTailLength(path: string, segments: readonly string[]): number {
  const parts = path.split('/');
  let count = 0;
  while (count < parts.length && count < segments.length && parts[parts.length - 1 - count] === segments[segments.length - 1 - count]) count++;
  return count;
}

/**
 * Whether a glob segment has magic. Deliberately broad (a backslash escape or a lone `[` counts):
 * a false positive only costs the literal-prefix optimisation, a false negative would lose matches.
 */
export function hasGlobMagic(segment: string): boolean {
  return /[*?[\]{}\\]|[!+@]\(/.test(segment);
}
