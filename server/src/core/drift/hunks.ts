/**
 * Unified diff output (`git diff -U0 --find-renames`) read into per-file hunks, renames and
 * deletions. Only the hunk headers matter for following line numbers; content lines are skipped.
 */

/** A changed span: old lines [oldStart, oldStart+oldCount) became new lines [newStart, newStart+newCount). */
export interface Hunk {
  /** 1-based; for an insertion (oldCount 0) the old line after which lines were inserted (0 = top). */
  oldStart: number;
  oldCount: number;
  /** 1-based; for a deletion (newCount 0) the new line after which lines were removed (0 = top). */
  newStart: number;
  newCount: number;
}

export type FileChange = 'modified' | 'renamed' | 'copied' | 'deleted' | 'added';

export interface FileDiff {
  /** Path on the old side (undefined for an added file). */
  oldPath?: string;
  /** Path on the new side (undefined for a deleted file). */
  newPath?: string;
  change: FileChange;
  hunks: Hunk[];
  binary?: boolean;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff` output made with `--src-prefix=a/ --dst-prefix=b/` (set explicitly, so user
 * configuration cannot change the prefixes). Never throws; unknown lines are skipped.
 */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: FileDiff | undefined;
  let inHeader = false;
  let remaining = 0;
  const lines = text.split('\n');
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (remaining > 0 && current && !inHeader) {
      // Content lines of the current hunk (`-`, `+`, `\ No newline`): skipped.
      if (line.startsWith('-') || line.startsWith('+')) {
        remaining--;
        continue;
      }
      if (line.startsWith('\\')) continue;
    }
    if (line.startsWith('diff --git ')) {
      current = { change: 'modified', hunks: [] };
      const both = splitGitHeader(line.slice('diff --git '.length));
      if (both) {
        current.oldPath = both[0];
        current.newPath = both[1];
      }
      files.push(current);
      inHeader = true;
      remaining = 0;
      continue;
    }
    if (!current) continue;
    if (inHeader) {
      if (line.startsWith('rename from ')) {
        current.oldPath = unquote(line.slice('rename from '.length));
        current.change = 'renamed';
      } else if (line.startsWith('rename to ')) {
        current.newPath = unquote(line.slice('rename to '.length));
        current.change = 'renamed';
      } else if (line.startsWith('copy from ')) {
        current.oldPath = unquote(line.slice('copy from '.length));
        current.change = 'copied';
      } else if (line.startsWith('copy to ')) {
        current.newPath = unquote(line.slice('copy to '.length));
        current.change = 'copied';
      } else if (line.startsWith('deleted file mode')) {
        current.change = 'deleted';
      } else if (line.startsWith('new file mode')) {
        current.change = 'added';
      } else if (line.startsWith('--- ')) {
        const p = sidePath(line.slice(4), 'a/');
        if (p !== null) current.oldPath = p;
      } else if (line.startsWith('+++ ')) {
        const p = sidePath(line.slice(4), 'b/');
        if (p !== null) current.newPath = p;
      } else if (line.startsWith('Binary files ')) {
        current.binary = true;
      }
    }
    const m = HUNK.exec(line);
    if (m) {
      inHeader = false;
      const hunk: Hunk = { oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) };
      current.hunks.push(hunk);
      remaining = hunk.oldCount + hunk.newCount;
    }
  }
  for (const f of files) {
    if (f.change === 'deleted') delete f.newPath;
    if (f.change === 'added') delete f.oldPath;
  }
  return files;
}

/** `a/x b/y` of a `diff --git` line; only used when the file has no other header naming it. */
function splitGitHeader(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest);
    if (!first) return undefined;
    const second = rest.slice(first.length + 1);
    const a = unquote(rest.slice(0, first.length));
    const b = unquote(second);
    return [strip(a, 'a/'), strip(b, 'b/')];
  }
  // Unquoted: both sides are equal for anything but a rename/copy (which have their own lines).
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ') {
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.slice(2) === b.slice(2)) return [strip(a, 'a/'), strip(b, 'b/')];
  }
  const at = rest.indexOf(' b/');
  if (at < 0) return undefined;
  return [strip(rest.slice(0, at), 'a/'), strip(rest.slice(at + 1), 'b/')];
}

function sidePath(text: string, prefix: string): string | null {
  const value = unquote(text.replace(/\t$/, ''));
  if (value === '/dev/null') return null;
  return strip(value, prefix);
}

function strip(p: string, prefix: string): string {
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

function readQuoted(text: string): string | undefined {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return text.slice(0, i + 1);
  }
  return undefined;
}

/** Git's C-style quoting (`"a\\tb\\303\\251"`) undone; unquoted text returned as is. */
export function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
